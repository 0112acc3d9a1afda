"""Lexical evidence: what a hit or a miss of a concept (concepts.py) is worth, the rates
that say so measured in a document's links, and a link's cost from its sentences' concepts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from gsipaper.sentences.concepts import LEVELS
from gsipaper.sentences.model import LEXICAL_WEIGHT, RATE_WEIGHT

__all__ = [
    "LinkEvidence",
    "lexical_cost",
    "measured_rates",
    "weights",
]  # the rest are its own helpers


def weights(
    hit_rates: Sequence[float], chance_rates: Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    """What a hit and a miss of a concept cost at each level, in nats.

    A concept of a sentence is found in a sentence of the other side at its level's hit rate
    p where the two are in one link, at its chance rate q where they are not: a hit costs
    log(q / p), a miss log((1 - q) / (1 - p)), halved as only one of the two sentences has
    the concept; both times LEXICAL_WEIGHT. A level whose chance rate reaches its hit rate
    proves nothing either way.
    """
    p, q = np.asarray(hit_rates, float), np.minimum(chance_rates, hit_rates)
    hit = LEXICAL_WEIGHT * np.log(q / p)
    miss = LEXICAL_WEIGHT * np.log((1 - q) / (1 - p)) / 2
    return hit, miss


def measured_rates(
    masks: dict[str, np.ndarray], levels: np.ndarray, found: list[list[tuple]], prior: tuple
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Each level's hit and chance rates in the links `found` (each pair's, as flat sentence
    indices): of the concepts of two sentences of one link, and of neighbouring links, how
    many both have; `prior`'s rates count for RATE_WEIGHT concepts of each level."""
    counts = np.zeros((2, 2, len(LEVELS)))  # same link or neighbours, shared or seen
    for pair, links in enumerate(found):
        for t, (english, chinese) in enumerate(links):
            close = [(english, chinese, 0)]
            if t + 1 < len(links):
                close += [(english, links[t + 1][1], 1), (links[t + 1][0], chinese, 1)]
            for ens, zhs, kind in close:
                for i in ens:
                    for j in zhs:
                        for level in range(len(LEVELS)):
                            bits = int(levels[pair, level])
                            e, z = int(masks["en"][i]) & bits, int(masks["zh"][j]) & bits
                            counts[kind, 0, level] += 2 * (e & z).bit_count()
                            counts[kind, 1, level] += e.bit_count() + z.bit_count()
    rates = (counts[:, 0] + RATE_WEIGHT * np.array(prior)) / (counts[:, 1] + RATE_WEIGHT)
    return tuple(rates[0].round(4).tolist()), tuple(rates[1].round(4).tolist())


def lexical_cost(
    rows: list[np.ndarray],
    columns: list[np.ndarray],
    levels: np.ndarray,
    hit: np.ndarray,
    miss: np.ndarray,
) -> np.ndarray:
    """The evidence of each English sentence of a link with each Chinese one, summed: the
    concepts both have (hits) and those only one has (misses).

    Taking two links as one adds the evidence of the sentences of one with those of the
    other: a merge is paid for by what those sentences share, not by its size."""
    evidence = LinkEvidence.of(rows, levels, columns, levels, hit, miss)
    return evidence.cost(len(rows), len(columns))


@dataclass(slots=True)
class LinkEvidence:
    """`lexical_cost` of the links that end at each row of one column of the program, for
    every link type: each sentence pair's evidence is reckoned once, as many types share it.
    `rows[s]` holds the concepts of the sentence s before the link's end on the rows' side.

    A pair's misses are the concepts of either sentence less twice those of both: what the
    two have alone (`alone`, a miss for each of a sentence's concepts) is reckoned once for
    each sentence, and only the shared concepts for each pair (`shared`: a hit less two misses).
    """

    rows: list[np.ndarray]
    columns: list[np.ndarray]
    levels: np.ndarray  # of each row's pair: the bits of each level
    shared: np.ndarray  # by level
    row_alone: list[np.ndarray]
    column_alone: list[np.ndarray]
    known: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)

    @staticmethod
    def of(
        rows: list[np.ndarray],
        row_levels: np.ndarray,
        columns: list[np.ndarray],
        column_levels: np.ndarray,
        hit: np.ndarray,
        miss: np.ndarray,
    ) -> LinkEvidence:
        return LinkEvidence(
            rows, columns, row_levels, hit - 2 * miss,
            [alone(concepts, row_levels, miss) for concepts in rows],
            [alone(concepts, column_levels, miss) for concepts in columns],
        )  # fmt: skip

    def at(self, rows: np.ndarray, columns: np.ndarray) -> LinkEvidence:
        """The evidence of the links that end at the row positions `rows` and the column
        positions `columns`, one link for each of their elements."""
        return LinkEvidence(
            [each[rows] for each in self.rows], [each[columns] for each in self.columns],
            self.levels[rows], self.shared,
            [each[rows] for each in self.row_alone], [each[columns] for each in self.column_alone],
        )  # fmt: skip

    def cost(self, a: int, b: int) -> np.ndarray:
        total = np.zeros(len(self.levels))
        for s in range(a):
            for t in range(b):
                total += self.pair(s, t)
        return total

    def pair(self, s: int, t: int) -> np.ndarray:
        if (s, t) not in self.known:
            both = self.rows[s] & self.columns[t]
            cost = self.row_alone[s] + self.column_alone[t]
            for level in range(self.levels.shape[1]):
                cost += self.shared[level] * np.bitwise_count(both & self.levels[:, level])
            self.known[s, t] = cost
        return self.known[s, t]


def alone(concepts: np.ndarray, levels: np.ndarray, miss: np.ndarray) -> np.ndarray:
    """What each sentence's concepts cost as misses."""
    cost = np.zeros(len(concepts))
    for level in range(levels.shape[1]):
        cost += miss[level] * np.bitwise_count(concepts & levels[:, level])
    return cost
