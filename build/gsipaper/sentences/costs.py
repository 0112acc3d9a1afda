"""What a link costs, in nats: its prior, its lengths (Gale-Church), its anchors, its words."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from gsipaper.sentences.lexical import LinkEvidence
from gsipaper.sentences.model import LARGEST, Model

__all__ = ["Groups", "link_cost"]  # the rest are its own helpers


@dataclass(frozen=True, slots=True)
class Groups:
    """For each end position and group size: summed lengths, joined anchors, any cut; and
    the concepts of each sentence `back` sentences before the end."""

    lengths: dict[int, np.ndarray]
    masks: dict[int, np.ndarray]
    cut: dict[int, np.ndarray]
    valid: dict[int, np.ndarray]
    each: list[np.ndarray]  # concepts, by `back`

    @staticmethod
    def of(
        lengths: np.ndarray,
        masks: np.ndarray,
        cut: np.ndarray,
        concepts: np.ndarray,
        index: np.ndarray,
    ) -> Groups:
        """`lengths` etc. hold, at each position, the sentence that ends there (none at 0)."""
        groups = Groups({0: np.zeros_like(lengths)}, {0: np.zeros_like(masks)},
                        {0: np.zeros_like(cut)}, {0: np.ones_like(cut)}, [])  # fmt: skip
        for size in range(1, LARGEST + 1):
            shift = size - 1
            groups.lengths[size] = groups.lengths[size - 1] + shifted(lengths, shift)
            groups.masks[size] = groups.masks[size - 1] | shifted(masks, shift)
            groups.cut[size] = groups.cut[size - 1] | shifted(cut, shift)
            groups.valid[size] = index >= size
            groups.each.append(shifted(concepts, shift))
        return groups

    def take(self, at: np.ndarray) -> Groups:
        """The groups ending at the positions `at`."""

        def taken(table: dict[int, np.ndarray]) -> dict[int, np.ndarray]:
            return {size: values[at] for size, values in table.items()}

        return Groups(taken(self.lengths), taken(self.masks), taken(self.cut),
                      taken(self.valid), [concepts[at] for concepts in self.each])  # fmt: skip


def shifted(values: np.ndarray, by: int) -> np.ndarray:
    if by == 0:
        return values
    out = np.zeros_like(values)
    out[by:] = values[:-by]
    return out


def link_cost(
    link: tuple[int, int],
    row_groups: Groups,
    column: tuple,
    variance: np.ndarray,
    model: Model,
    words: LinkEvidence | None = None,
) -> np.ndarray:
    """The cost of a link of this type ending at each of the rows' positions, in nats.

    `column` holds, for the link's group of the other side at each row: its length, anchors
    and cut flag; `words`, the lexical evidence of the column's links."""
    a = link[0]
    lengths, masks, cut = column[:3]
    lengths_cost = (
        0.0
        if model.flat_skips and 0 in link
        else length_cost(
            row_groups.lengths[a], lengths, row_groups.cut[a], cut, variance, model.tail_cost,
        )
    )  # fmt: skip
    cost = (
        -math.log(model.priors[link])
        + lengths_cost
        + model.anchor_cost * np.bitwise_count(row_groups.masks[a] ^ masks)
    )  # fmt: skip
    if model.lexical and words is not None and 0 not in link:
        cost = cost + words.cost(*link)
    return np.where(row_groups.valid[a], cost, np.inf)


def length_cost(
    x: np.ndarray,
    y: np.ndarray,
    x_cut: np.ndarray,
    y_cut: np.ndarray,
    variance: np.ndarray,
    tail: bool = False,
) -> np.ndarray:
    """z^2 / 2 for Gale and Church's deviation z of the lengths x and y (both in Chinese units);
    with `tail`, their own -log P(|Z| >= |z|)."""
    spread = np.sqrt(variance * np.maximum((x + y) / 2, 1e-9))
    cut_short = (x_cut & (x < y)) | (y_cut & (y < x))
    z = np.where(cut_short, 0.0, np.abs(y - x) / spread)
    return -log_erfc(z / math.sqrt(2)) if tail else z * z / 2


def log_erfc(u: np.ndarray) -> np.ndarray:
    """log erfc(u) for u >= 0, by the Chebyshev fit of Numerical Recipes (error < 1.2e-7).

    numpy has no erfc; the fit is in log form, so it holds far into the tail.
    """
    t = 1 / (1 + 0.5 * u)
    series = (
        -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277))))))))
    )  # fmt: skip
    return np.log(t) - u * u + series
