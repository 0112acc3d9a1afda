"""Every paragraph pair's sentences as the program sees them: lengths, anchors, cut-off flags."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from gsipaper.sentences.anchors import anchor_masks, is_cut_off, may_anchor
from gsipaper.sentences.concepts import LEVELS, Concepts, concepts_of
from gsipaper.sentences.lexical import weights
from gsipaper.sentences.model import CHANCE_RATES, HIT_RATES, Model

__all__ = ["Batch", "batch_of"]  # the rest are its own helpers


@dataclass(frozen=True, slots=True)
class Batch:
    """Every pair's sentences as the program sees them, flat, in the pairs' order.

    Lengths are in Chinese characters (English ones times the ratio). The rows of a
    pair's program are the side with more sentences, English on a tie.
    """

    lengths: dict[str, np.ndarray]  # by language, every pair's sentences one after another
    masks: dict[str, np.ndarray]  # anchors, one bit each
    concepts: dict[str, np.ndarray]  # the dictionary's concepts, one bit each (concepts.py)
    levels: np.ndarray  # of each pair: the concepts' bits of each level
    hit: np.ndarray  # the cost of a concept's hit at each level
    miss: np.ndarray  # and of its miss
    cut: dict[str, np.ndarray]  # the sentence is cut off by the source
    count: dict[str, np.ndarray]  # sentences of each pair
    offset: dict[str, np.ndarray]  # where each pair's sentences start
    variance: np.ndarray  # of each pair
    english_rows: np.ndarray  # of each pair

    @property
    def rows(self) -> np.ndarray:
        return np.where(self.english_rows, self.count["en"], self.count["zh"])

    @property
    def columns(self) -> np.ndarray:
        return np.where(self.english_rows, self.count["zh"], self.count["en"])


def batch_of(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
    ratio: float | None,
    model: Model,
    concepts: Concepts | None = None,
) -> Batch:
    """`concepts`, when given, are those of `pairs` (concepts.concepts_of)."""
    sides = {"en": [p[0] for p in pairs], "zh": [p[1] for p in pairs]}
    count = {k: np.array([len(s) for s in v], dtype=np.int64) for k, v in sides.items()}
    lengths = {
        k: np.fromiter(map(len, itertools.chain.from_iterable(v)), dtype=float)
        for k, v in sides.items()
    }
    offset = {
        k: np.concatenate(([0], np.cumsum(c)[:-1])).astype(np.int64) for k, c in count.items()
    }
    totals = {k: np.bincount(np.repeat(np.arange(len(pairs)), count[k]), lengths[k],
                             minlength=len(pairs)) for k in sides}  # fmt: skip
    if ratio is None:
        own = np.divide(totals["zh"], totals["en"], out=np.ones(len(pairs)), where=totals["en"] > 0)
        ratios = np.where((totals["en"] > 0) & (totals["zh"] > 0), own, 1.0)
    else:
        ratios = np.full(len(pairs), float(ratio))
    lengths["en"] = lengths["en"] * np.repeat(ratios, count["en"])
    masks = {k: np.zeros(len(lengths[k]), dtype=np.uint64) for k in sides}
    cut = {k: np.zeros(len(lengths[k]), dtype=bool) for k in sides}
    anchored = may_anchor(sides["zh"]) if model.anchor_cost > 0 else ()
    for index in anchored:
        english, chinese = pairs[index]
        if english:
            found = anchor_masks(english, chinese)
            for language, values in zip(("en", "zh"), found, strict=True):
                start = offset[language][index]
                masks[language][start : start + len(values)] = values
    for index, (english, chinese) in enumerate(pairs):
        for language, side in (("en", english), ("zh", chinese)):
            if model.cut_off and side and is_cut_off(side[-1]):
                cut[language][offset[language][index] + len(side) - 1] = True
    if model.lexical:
        concepts = concepts or concepts_of(pairs)
        words, levels = concepts.masks, concepts.levels
        hit, miss = weights(*(model.rates or (HIT_RATES, CHANCE_RATES)))
    else:
        words = {k: np.zeros(len(lengths[k]), dtype=np.uint64) for k in sides}
        levels = np.zeros((len(pairs), len(LEVELS)), np.uint64)
        hit = miss = np.zeros(len(LEVELS))
    return Batch(lengths, masks, words, levels, hit, miss, cut, count, offset,
                 model.variance * ratios, count["en"] >= count["zh"])  # fmt: skip
