"""One column of the program: the best link into each cell, then runs of 1-0 links down it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from gsipaper.sentences.model import SKIP

if TYPE_CHECKING:
    from gsipaper.sentences.table import LinkTable

__all__ = ["DEEP", "Tables", "add_column", "add_soft_column"]  # the rest are its own helpers


@dataclass(frozen=True, slots=True)
class Tables:
    """The program's columns: for each j, a value for each active row."""

    cost: list[np.ndarray]  # least cost of aligning the first i rows and j columns
    soft: list[np.ndarray]  # -log of the summed probability of every such alignment
    choice: list[np.ndarray]  # index in LINK_TYPES of the last link of the least-cost one
    link_cost: list[np.ndarray]  # that link's cost
    links: LinkTable | None  # every link's cost (a forward program's)


def add_column(
    tables: Tables,
    candidates: list,
    skip: np.ndarray,
    index: np.ndarray,
    deep: list[tuple[int, int]],
) -> None:
    """The best link into each cell of a column, then the run of 1-0 links down it."""
    if candidates:
        choices = np.array([c[0] for c in candidates], dtype=np.int8)
        hard = np.stack([c[1] for c in candidates])
        best = np.argmin(hard, axis=0)  # the first of equals: LINK_TYPES order
        cells = np.arange(hard.shape[1])
        into, choice = hard[best, cells], choices[best]
        link = np.stack([c[3] for c in candidates])[best, cells]
        soft_into = soft_minimum([c[2] for c in candidates])
    else:  # the first column: only the empty start
        into = np.where(index == 0, 0.0, np.inf)
        soft_into = into.copy()
        choice = np.full(len(index), SKIP, dtype=np.int8)
        link = np.zeros(len(index))
    cost, soft = down(into, soft_into, skip, index, deep)
    assert cost is not None, "down keeps the cost it is given"
    # Whether the cell's best link is 1-0, asked of the cell above as the recurrence does:
    # the running sums of `down` may round the other way.
    above = np.full_like(cost, np.inf)
    above[1:] = cost[:-1] + skip[1:]
    skipped = (index > 0) & (above < into)
    tables.cost.append(cost)
    tables.soft.append(soft)
    tables.choice.append(np.where(skipped, SKIP, choice).astype(np.int8))
    tables.link_cost.append(np.where(skipped, skip, link))


def add_soft_column(
    tables: Tables,
    candidates: list,
    skip: np.ndarray,
    index: np.ndarray,
    deep: list[tuple[int, int]],
) -> None:
    """`add_column`'s summed probabilities alone."""
    if candidates:
        soft_into = soft_minimum([c[2] for c in candidates])
    else:
        soft_into = np.where(index == 0, 0.0, np.inf)
    tables.soft.append(down(None, soft_into, skip, index, deep)[1])


def down(
    cost: np.ndarray | None,
    soft: np.ndarray,
    skip: np.ndarray,
    index: np.ndarray,
    deep: list[tuple[int, int]],
) -> tuple[np.ndarray | None, np.ndarray]:
    """Add runs of 1-0 links down a column: cost[i] = min(cost[i], cost[i - 1] + skip[i]).

    By doubling (Hillis and Steele): after the step of width k, each cell has seen
    every run of up to 2k links ending there; `span` is the cost of the last k steps.
    The rows of a pair with more than `DEEP` rows, `deep`, are done apart, by
    accumulating along the pair: its rows no longer set how many steps the others take.
    Without `cost`, only `soft`.
    """
    if deep:  # the doubling on the other rows alone: the deep ones are done below
        shallow = np.ones(len(index), dtype=bool)
        for start, end in deep:
            shallow[start:end] = False
        rows = np.flatnonzero(shallow)
        part = down(None if cost is None else cost[rows], soft[rows], skip[rows], index[rows], [])
        deep_cost, deep_soft = down_deep(cost, soft, skip, deep)
        if deep_cost is not None:
            deep_cost[rows] = part[0]
        deep_soft[rows] = part[1]
        return deep_cost, deep_soft
    cost, soft, span = cost if cost is None else cost.copy(), soft.copy(), skip.copy()
    width, deepest = 1, min(int(index.max(initial=0)), DEEP)
    while width <= deepest:
        reach = index >= width
        if cost is not None:
            from_cost = np.full_like(cost, np.inf)
            from_cost[width:] = cost[:-width] + span[width:]
            cost = np.where(reach, np.minimum(cost, from_cost), cost)
        from_soft = np.full_like(soft, np.inf)
        from_soft[width:] = soft[:-width] + span[width:]
        soft = np.where(reach, soft_minimum([soft, from_soft]), soft)
        longer = span.copy()
        longer[width:] += span[:-width]
        span = longer
        width *= 2
    return cost, soft


def down_deep(
    into: np.ndarray | None, soft_into: np.ndarray, skip: np.ndarray, deep: list[tuple[int, int]]
) -> tuple[np.ndarray | None, np.ndarray]:
    """`down` on the rows of the deep pairs, by accumulating along each; other rows unchanged."""
    cost, soft = into if into is None else into.copy(), soft_into.copy()
    for start, end in deep:
        run = np.concatenate(([0.0], np.cumsum(skip[start + 1 : end])))
        if into is not None and cost is not None:
            cost[start:end] = run + np.minimum.accumulate(into[start:end] - run)
        soft[start:end] = run - np.logaddexp.accumulate(run - soft_into[start:end])
    return cost, soft


def soft_minimum(values: list[np.ndarray]) -> np.ndarray:
    """-log(sum(exp(-v))) over the arrays, elementwise: numpy's logaddexp, shifted by the least
    value so that a few exp and one log do what a logaddexp per array (ten times slower) did.
    In place where it can be, so that a long document's columns are not copied for each step."""
    shift = values[0].copy()
    for value in values[1:]:
        np.minimum(shift, value, out=shift)
    shift[shift == np.inf] = 0.0  # all infinite: the sum below is 0, the result inf
    total, term = np.zeros_like(shift), np.empty_like(shift)
    for value in values:
        np.subtract(shift, value, out=term)
        total += np.exp(term, out=term)
    with np.errstate(divide="ignore"):
        np.log(total, out=total)
    return np.subtract(shift, total, out=total)


DEEP = 64  # rows of a pair beyond which its runs of 1-0 links are accumulated apart
