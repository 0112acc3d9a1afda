"""The dictionary's evidence: the stemmer, the dictionary's lookup, the lexical term, on text
made up here of the dictionary's own words."""

import functools
import math
import re
from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gsipaper.sentences import dictionary as cedict
from gsipaper.sentences.align import sentence_links
from gsipaper.sentences.concepts import LEVELS, concepts_of
from gsipaper.sentences.dictionary import dictionary, glosses_of, headword_lines
from gsipaper.sentences.lexical import lexical_cost, weights
from gsipaper.sentences.model import (
    CHANCE_RATES,
    GALE_CHURCH_VARIANCE,
    HIT_RATES,
    MODEL,
    PRIORS,
    Model,
)
from gsipaper.sentences.words import stem, stems_of
from support.gold import every_alignment, length_and_prior_cost

# Entries of two characters glossed by one plain word: "水 [shui3] /water/" and the like.
PLAIN = re.compile(rb"^\S+ ((?:[\xe4-\xe9][\x80-\xbf]{2}){2}) \[[^\]]+\] /([a-z]{4,8})/\r?$", re.M)


@functools.cache
def plain_entries() -> list[tuple[str, str]]:
    """(headword, English word) pairs where the headword, read with every headword inside it,
    gives that word and no other entry's word: each a word and its translation alone."""
    found, seen = [], set()
    for headword, word in PLAIN.findall(dictionary().text):
        headword, word = headword.decode(), word.decode()
        if stem(word) in seen or not stems_of(word):
            continue
        seen.add(stem(word))
        found.append((headword, word))
    stems = {stem(w) for _, w in found}
    alone = []
    for headword, word in found:
        _, lines = headword_lines(headword.encode())
        given_ = set().union(*map(glosses_of, lines.tolist())) & stems
        if given_ == {stem(word)}:
            alone.append((headword, word))
        if len(alone) == 40:
            break
    return alone


def test_the_stemmer_brings_a_words_forms_together():
    for forms in (["saith", "said", "say", "says"], ["brethren", "brother", "brothers"],
                  ["goeth", "went", "go", "going"], ["waters", "water"], ["divided", "divide"],
                  ["yielding", "yield", "yielded"], ["cities", "city"], ["cometh", "come"],
                  ["greatest", "great"], ["stopped", "stop"], ["blessed", "bless"]):  # fmt: skip
        assert len({stem(f) for f in forms}) == 1, forms
    # and keeps apart what is not one word
    assert len({stem(w) for w in ["king", "kind", "kin", "glass", "gas", "this", "thus"]}) == 7


def test_words_that_prove_nothing_are_left_out():
    assert stems_of("And the Waters of the deep, unto thee.") == ["water", "deep"]
    assert stems_of("to eat (sth); CL:個|个[ge4]") == ["eat", "ge"]


def test_the_dictionary_finds_each_headword_and_its_glosses():
    entries = plain_entries()
    assert len(entries) == 40
    text = "".join(h for h, _ in entries)
    starts, lines = headword_lines(text.encode())
    for headword, word in entries:
        at = text.encode().index(headword.encode())
        found = set().union(*(glosses_of(line) for line in lines[starts == at].tolist()))
        assert stem(word) in found, (headword, word)
    assert headword_lines(b"")[0].size == 0
    assert headword_lines(b"\n\n")[0].size == 0


def test_the_dictionarys_keys_tell_its_headwords_apart():
    """Two headwords sharing a key would be found for each other."""
    loaded = dictionary()
    heads = set()
    for line in loaded.text.split(b"\n"):
        if line and not line.startswith(b"#"):
            traditional, simplified = line.split(b" ", 2)[:2]
            heads |= {h for h in (traditional, simplified) if len(h) <= cedict.LONGEST_BYTES}
    assert len(np.unique(loaded.keys)) == len(heads)
    assert np.all(np.diff(loaded.keys.astype(np.uint64)) >= 0)  # sorted, for searchsorted


def test_the_dictionary_is_loaded_once_and_only_when_used(monkeypatch):
    (headword, word), *_ = plain_entries()
    calls = []
    real = cedict.dictionary_of
    monkeypatch.setattr(cedict, "dictionary_of", lambda text: calls.append(1) or real(text))
    cedict.dictionary.cache_clear()
    cedict.read_dictionary.cache_clear()
    try:
        pairs = [([f"The {word}.", "Then."], [f"{headword}。", "然后。"])]
        sentence_links(pairs, ratio=0.3, model=replace(MODEL, lexical=False))
        assert calls == []  # not used, not loaded
        for _ in range(3):
            concepts_of([([f"The {word}.", "Then."], [f"{headword}。", "然后。"])])
        assert calls == [1]
        assert cedict.dictionary() is cedict.dictionary()
        cedict.dictionary.cache_clear()
        cedict.read_dictionary.cache_clear()
        cedict.prefetch()  # a thread loads it; a call meanwhile waits for it, and gets it
        assert cedict.dictionary() is cedict.read_dictionary()
        assert calls == [1, 1]
    finally:
        cedict.dictionary.cache_clear()
        cedict.read_dictionary.cache_clear()


def test_a_pairs_concepts_are_its_words_found_on_both_sides():
    (h1, w1), (h2, w2), (h3, w3), *_ = plain_entries()
    found = concepts_of([([f"The {w1} and the {w2}.", f"A {w3}."], [f"{h2}。", f"{h1}{h3}。"])])
    en, zh = found.masks["en"].tolist(), found.masks["zh"].tolist()
    assert [bin(m).count("1") for m in en] == [2, 1]
    assert zh[0] & en[0] and not zh[0] & en[1] and zh[1] & en[1] and zh[1] & en[0]
    assert int(found.levels[0, 0]) == en[0] | en[1]  # each word in one sentence a side: level 2


def test_the_words_decide_where_the_lengths_cannot():
    """Three English sentences of equal length, two Chinese ones of equal length: the lengths
    cannot say which Chinese sentence has two of them; the words do, either way round."""
    by_length = {}
    for headword, word in plain_entries():
        by_length.setdefault(len(word), []).append((headword, word))
    (ha, wa), (hb, wb), (hc, wc) = next(v for v in by_length.values() if len(v) >= 3)[:3]
    english = [f"The {wa}.", f"The {wb}.", f"The {wc}."]
    pad = "的的"  # its glosses ("of", "really and truly") are none of the words
    for chinese, expected in (
        ([f"{ha}{hb}。", f"{hc}{pad}。"], [((0, 1), (0,)), ((2,), (1,))]),
        ([f"{ha}{pad}。", f"{hb}{hc}。"], [((0,), (0,)), ((1, 2), (1,))]),
    ):
        (links,) = sentence_links([(english, chinese)], ratio=0.5)
        assert [(link.english, link.chinese) for link in links] == expected


masks = st.integers(min_value=0, max_value=2**64 - 1).map(np.uint64)


def cost(rows, columns, levels) -> float:
    hit, miss = weights(HIT_RATES, CHANCE_RATES)
    arrays = [np.array([m], np.uint64) for m in rows], [np.array([m], np.uint64) for m in columns]
    return float(lexical_cost(*arrays, np.array([levels], np.uint64), hit, miss)[0])


level_masks = st.lists(masks, min_size=len(LEVELS), max_size=len(LEVELS))


@settings(deadline=None)
@given(
    st.lists(masks, min_size=1, max_size=3), st.lists(masks, min_size=1, max_size=3), level_masks
)
def test_the_lexical_term_favours_neither_merges_nor_splits(english, chinese, levels):
    """A link costs the sum of what each of its English sentences with each of its Chinese
    ones would cost as a 1-1 link: a merge pays for exactly the pairs it adds, no more for
    its size, and the term is the same read from either language."""
    whole = cost(english, chinese, levels)
    pairs = sum(cost([e], [z], levels) for e in english for z in chinese)
    assert np.isclose(whole, pairs, atol=1e-9)
    assert np.isclose(whole, cost(chinese, english, levels), atol=1e-9)
    nothing = [np.uint64(0)] * len(english), [np.uint64(0)] * len(chinese)
    assert cost(*nothing, levels) == 0.0  # sentences with no concepts: no cost of any size


def test_a_hit_is_evidence_for_a_link_and_a_miss_against_it():
    hit, miss = weights(HIT_RATES, CHANCE_RATES)
    assert (hit < 0).all() and (miss > 0).all()
    # A concept in as many sentences as a right link finds it in proves nothing.
    hit, miss = weights((0.5,) * len(LEVELS), (0.5,) * len(LEVELS))
    assert (hit == 0).all() and (miss == 0).all()


def words_sentences(draw_indices: list[int], language: str) -> str:
    entries = plain_entries()
    if language == "en":
        return "The " + " and ".join(entries[k][1] for k in draw_indices) + "."
    return "".join(entries[k][0] for k in draw_indices) + "。"


sentence_words = st.lists(st.integers(0, 7), min_size=1, max_size=3)
FIXED = Model(PRIORS, variance=GALE_CHURCH_VARIANCE, rates=(HIT_RATES, CHANCE_RATES))


def written_out_cost(english, chinese, links, ratio: float) -> float:
    """Prior, lengths (z^2 / 2) and, for each English sentence with each Chinese one of a
    link, its concepts' hits and misses: the model as docs/alignment.md writes it."""
    found = concepts_of([(english, chinese)])
    en, zh, levels = found.masks["en"], found.masks["zh"], found.levels[0]
    hit, miss = weights(HIT_RATES, CHANCE_RATES)
    total = length_and_prior_cost(english, chinese, links, ratio)
    for e, z in links:
        if e and z:
            for i in e:
                for j in z:
                    for level, bits in enumerate(levels.tolist()):
                        both = int(en[i]) & int(zh[j]) & bits
                        one = (int(en[i]) ^ int(zh[j])) & bits
                        total += hit[level] * both.bit_count() + miss[level] * one.bit_count()
    return total


@settings(deadline=None, max_examples=20)
@given(st.lists(sentence_words, min_size=1, max_size=4), st.lists(sentence_words, max_size=4))
def test_the_program_finds_the_least_cost_alignment_with_the_words(en_words, zh_words):
    english = [words_sentences(w, "en") for w in en_words]
    chinese = [words_sentences(w, "zh") for w in zh_words]
    costs = {tuple(a): written_out_cost(english, chinese, a, 0.5)
             for a in every_alignment(len(english), len(chinese))}  # fmt: skip
    best = min(costs.values())
    (links,) = sentence_links([(english, chinese)], ratio=0.5, model=FIXED)
    got = tuple((link.english, link.chinese) for link in links)
    assert math.isclose(costs[got], best, rel_tol=1e-9, abs_tol=1e-9)
