"""The alignment model: link types, priors, weights, and what a link is (docs/alignment.md)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "ANCHOR_BITS",
    "CHANCE_RATES",
    "GALE_CHURCH_VARIANCE",
    "HIT_RATES",
    "LARGEST",
    "LEXICAL_WEIGHT",
    "LINK_TYPES",
    "MODEL",
    "RATE_WEIGHT",
    "SAMPLE_SENTENCES",
    "SCORE_DIGITS",
    "SKIP",
    "Link",
    "Links",
    "Model",
]  # the rest are its own helpers

# (from the side with more sentences, from the other side): the order breaks ties.
LINK_TYPES = (
    (1, 1), (2, 1), (1, 2), (3, 1), (1, 3), (2, 2), (3, 2), (2, 3), (4, 1), (1, 4), (0, 1), (1, 0),
)  # fmt: skip
LARGEST = max(max(link) for link in LINK_TYPES)  # sentences of one side of a link
SKIP = LINK_TYPES.index((1, 0))  # the one link within a column of the program
PRIORS = {
    (1, 1): 0.75,
    (2, 1): 0.08, (1, 2): 0.08,
    (3, 1): 0.02, (1, 3): 0.02,
    (2, 2): 0.01,
    (3, 2): 0.002, (2, 3): 0.002,
    (4, 1): 0.001, (1, 4): 0.001,
    (1, 0): 0.02, (0, 1): 0.02,
}  # fmt: skip
# Gale and Church's own priors, without 3-1 and 1-3: the length-only baseline.
GALE_CHURCH_PRIORS = {
    (1, 1): 0.89, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011, (1, 0): 0.0099, (0, 1): 0.0099,
}  # fmt: skip
GALE_CHURCH_VARIANCE = 6.8  # per character of the target, for a ratio of 1
SAMPLE_SENTENCES = 2000  # of the longer sides of the first pairs: the variance's sample
ANCHOR_COST = 2.0  # nats for each anchor on one side of a link only
# Of a concept of a sentence, by level (concepts.LEVELS): how often a sentence of the other side
# in the same link has it, and one in a neighbouring link. A document's own replace them
# (align.estimated_model); these, measured so on the tune half of the Bible set, start it.
HIT_RATES = (0.67, 0.5, 0.55, 0.5)
CHANCE_RATES = (0.02, 0.13, 0.22, 0.33)
RATE_WEIGHT = 20.0  # concepts the starting rates count for in a document's estimate
LEXICAL_WEIGHT = 0.5  # the lexical log-likelihood ratio, halved: a sentence's words are not
# independent evidence (one headword's glosses give several stems; phrases repeat)
ANCHOR_BITS = 63  # distinct anchors told apart in one paragraph pair; more share bits
SCORE_DIGITS = 3


@dataclass(frozen=True)
class Model:
    """What a link costs: the priors of its types, its anchors, the cut-off sentence rule."""

    priors: dict[tuple[int, int], float]
    anchor_cost: float = ANCHOR_COST
    cut_off: bool = True
    flat_skips: bool = True  # a 1-0 or 0-1 link costs its prior only, whatever its length
    variance: float | None = None  # per character at a ratio of 1; None: the document's own
    tail_cost: bool = False  # lengths cost -log P(|Z| >= |z|), as Gale and Church, not z^2 / 2
    lexical: bool = True  # the dictionary's evidence (lexical.py)
    rates: tuple[tuple[float, ...], tuple[float, ...]] | None = None  # None: the document's


MODEL = Model(PRIORS)
# Gale and Church as published: lengths and priors only. The baseline docs/alignment.md reports.
LENGTH_ONLY = Model(
    GALE_CHURCH_PRIORS, anchor_cost=0.0, cut_off=False, flat_skips=False,
    variance=GALE_CHURCH_VARIANCE, tail_cost=True, lexical=False,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Link:
    """One link: the indices of its English and of its Chinese sentences, and its score."""

    english: tuple[int, ...]
    chinese: tuple[int, ...]
    score: float

    @property
    def link_type(self) -> str:
        return f"{len(self.english)}-{len(self.chinese)}"


@dataclass(frozen=True, slots=True)
class Links:
    """Every link of every pair, in order: the pair, where each side starts and how many."""

    pair: np.ndarray
    en_start: np.ndarray
    en_count: np.ndarray
    zh_start: np.ndarray
    zh_count: np.ndarray
    score: np.ndarray

    def columns(self) -> tuple[np.ndarray, ...]:
        return (self.pair, self.en_start, self.en_count, self.zh_start, self.zh_count, self.score)
