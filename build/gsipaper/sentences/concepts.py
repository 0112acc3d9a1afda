"""Concepts: the English words of a paragraph pair whose translations the dictionary finds in
its Chinese sentences, one bit each in every sentence that has them.

A concept is the stem of an English word of the pair that the dictionary's glosses of a
headword found in one of the pair's Chinese sentences also give. An English sentence has the
concepts of its words, a Chinese one those its headwords translate. Only concepts on both
sides of the pair are told apart, the rarest first (ties by the stem's spelling), as only they
can say which sentence goes with which. Every step runs over all the pairs' sentences at once,
on arrays of (sentence, stem) with the stems numbered: a long document has hundreds of
thousands of sentences.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from gsipaper.sentences.dictionary import glosses_of, headword_lines
from gsipaper.sentences.words import STOP, WORD, stem

__all__ = ["LEVELS", "Concepts", "concepts_of"]  # the rest are its own helpers

BITS = 64  # concepts told apart in one pair: the rarest; the others are left out
# Concepts are weighed by how many of the pair's sentences have them: 2, 3, 4, 5 or more.
LEVELS = (2, 3, 4, 5)
STEMS: list[str] = []  # every stem met in this process, numbered in the order met
NUMBER: dict[str, int] = {}
NOTHING = -1  # the number of a word that proves nothing


@dataclass(frozen=True, slots=True)
class Concepts:
    """Every pair's concept bits, flat by language like the lengths, and for each pair
    the bits of each level."""

    masks: dict[str, np.ndarray]  # uint64 per sentence
    levels: np.ndarray  # uint64, pairs x LEVELS: the bits of each level

    def of_pairs(self, taken: np.ndarray, count: dict[str, np.ndarray]) -> Concepts:
        """The concepts of the pairs `taken`; `count`: every pair's sentences by language."""
        masks = {}
        for language, counts in count.items():
            start = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
            at = [np.arange(start[k], start[k] + counts[k]) for k in taken.tolist()]
            masks[language] = self.masks[language][np.concatenate([np.zeros(0, int), *at])]
        return Concepts(masks, self.levels[taken])


def concepts_of(pairs: Sequence[tuple[Sequence[str], Sequence[str]]]) -> Concepts:
    sides = {"en": [p[0] for p in pairs], "zh": [p[1] for p in pairs]}
    pair_of = {k: np.repeat(np.arange(len(pairs)), [len(s) for s in v]) for k, v in sides.items()}
    flat = {k: [sentence for side in v for sentence in side] for k, v in sides.items()}
    english = english_stems(flat["en"])
    found = {"en": english, "zh": chinese_stems(flat["zh"], english[1])}
    size = np.int64(len(STEMS) + 1)
    keys = {k: pair_of[k][sentence] * size + stem_ for k, (sentence, stem_) in found.items()}
    shared = distinct(keys["en"])
    shared = shared[member(shared, distinct(keys["zh"]))]  # (pair, stem) on both sides, sorted
    # How many sentences of the pair, both sides, have each.
    counts = np.zeros(len(shared), np.int64)
    for language in keys:
        at = np.searchsorted(shared, keys[language]).clip(max=max(len(shared) - 1, 0))
        has = member(keys[language], shared)
        np.add.at(counts, at[has], 1)
    pair, numbers = shared // size, shared % size
    spelling = spelling_rank(numbers)
    order = np.lexsort((spelling, counts, pair))
    ordered_pair = pair[order]
    place = np.empty(len(order), np.int64)
    place[order] = np.arange(len(order)) - np.searchsorted(ordered_pair, ordered_pair)
    kept = place < BITS
    bit = np.where(kept, np.left_shift(np.uint64(1), place.clip(0, BITS - 1).astype(np.uint64)), 0)
    bit = bit.astype(np.uint64)
    levels = np.zeros((len(pairs), len(LEVELS)), np.uint64)
    level = np.minimum(counts, LEVELS[-1]) - LEVELS[0]
    np.bitwise_or.at(levels, (pair[kept], level[kept]), bit[kept])
    masks = {}
    for language, (sentence, _) in found.items():
        masks[language] = np.zeros(len(flat[language]), np.uint64)
        at = np.searchsorted(shared, keys[language]).clip(max=max(len(shared) - 1, 0))
        has = member(keys[language], shared)
        np.bitwise_or.at(masks[language], sentence[has], bit[at[has]])
    return Concepts(masks, levels)


def spelling_rank(numbers: np.ndarray) -> np.ndarray:
    """Each stem's place among these stems in alphabetical order: a tie between concepts goes
    by spelling, as the numbers depend on what the process met first."""
    stems = distinct(numbers)
    rank = np.zeros(int(stems.max(initial=0)) + 1, np.int64)
    by_spelling = np.argsort(np.array([STEMS[k] for k in stems.tolist()]), kind="stable")
    rank[stems[by_spelling]] = np.arange(len(stems))
    return rank[numbers]


def number_of(word: str) -> int:
    """The number of a word's stem; NOTHING for a word that proves nothing."""
    if word not in NUMBER:
        lower = word.lower()
        if lower in STOP or len(lower) <= 1:
            NUMBER[word] = NOTHING
        else:
            NUMBER[word] = numbered(stem(lower))
    return NUMBER[word]


def numbered(stem_: str) -> int:
    key = "\0" + stem_  # stems and words share the table apart
    if key not in NUMBER:
        NUMBER[key] = len(STEMS)
        STEMS.append(stem_)
    return NUMBER[key]


def english_stems(sentences: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each English sentence's stems, each once: (sentence, stem) arrays."""
    words = [WORD.findall(sentence) for sentence in sentences]
    numbers = np.fromiter((number_of(w) for ws in words for w in ws), np.int64)
    sentence = np.repeat(np.arange(len(sentences)), [len(ws) for ws in words])
    return unique_pairs(sentence[numbers != NOTHING], numbers[numbers != NOTHING])


def chinese_stems(sentences: list[str], english: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each Chinese sentence's stems, each once: those of the glosses of its headwords that
    some English sentence (`english`: their stems) has; every sentence searched at once."""
    joined = "\n".join(sentences).encode("utf-8")
    starts = np.cumsum([0, *(len(s.encode("utf-8")) + 1 for s in sentences)])
    position, line = headword_lines(joined)
    sentence, line = unique_pairs(np.searchsorted(starts, position, "right") - 1, line)
    lines, back = distinct_inverse(line)
    glosses = [gloss_numbers(k) for k in lines.tolist()]
    every = np.concatenate([np.zeros(0, np.int64), *glosses])
    # Only the stems of the English side can be concepts: the others go before any is copied.
    wanted = np.zeros(len(STEMS) + 1, bool)
    wanted[english] = True
    kept = np.concatenate(([0], np.cumsum(wanted[every])))
    ends = np.cumsum([len(g) for g in glosses], dtype=np.int64)
    sizes = np.diff(kept[np.concatenate(([0], ends))])
    every, starts_of = every[wanted[every]], np.concatenate(([0], np.cumsum(sizes)))
    many = sizes[back]
    first = np.repeat(starts_of[back] - np.concatenate(([0], np.cumsum(many)[:-1])), many)
    return unique_pairs(np.repeat(sentence, many), every[first + np.arange(int(many.sum()))])


@functools.cache
def gloss_numbers(line: int) -> np.ndarray:
    return np.array(sorted(numbered(s) for s in glosses_of(line)), np.int64)


def unique_pairs(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (first, second) pairs, sorted."""
    if not len(first):
        return first.astype(np.int64), second.astype(np.int64)
    size = np.int64(int(second.max()) + 1)
    found = distinct(first.astype(np.int64) * size + second)
    return found // size, found % size


def member(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """Whether each value is in the sorted array `ordered`."""
    if not len(ordered):
        return np.zeros(len(values), bool)
    at = np.searchsorted(ordered, values).clip(max=len(ordered) - 1)
    return ordered[at] == values


def distinct_inverse(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values, sorted, and where each value is among them."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.concatenate(([True], ordered[1:] != ordered[:-1])) if len(ordered) else ordered > 0
    inverse = np.empty(len(values), np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse


def distinct(values: np.ndarray) -> np.ndarray:
    """np.unique by sorting: numpy 2.3's hashed unique is many times slower on these keys."""
    ordered = np.sort(values)
    return (
        ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered
    )
