"""The program a cell at a time, in plain Python: for a few short pairs, such as one call of
`align_sentences`, where numpy's cost per call outweighs what it saves per cell.

It fills the same tables as `program.fill_columns`, by the recurrence that the columns'
doubling computes (ties go the same way; sums may differ in the last bit)."""

from __future__ import annotations

import math

import numpy as np

from gsipaper.sentences.columns import Tables
from gsipaper.sentences.layout import Layout
from gsipaper.sentences.model import LINK_TYPES, SKIP
from gsipaper.sentences.table import LinkTable

__all__ = ["few_cells", "fill_cells"]  # the rest are its own helpers

FEW_CELLS = 4096  # at most; measured to be where a column at a time starts to win
ROWS_PER_COLUMN = 64  # on average, at most: more, and a column at a time wins
INF = math.inf


def few_cells(layout: Layout) -> bool:
    cells = sum(layout.active_rows)
    return cells <= FEW_CELLS and cells <= ROWS_PER_COLUMN * len(layout.active_rows)


def fill_cells(layout: Layout, table: LinkTable, skip: np.ndarray, hard: bool) -> Tables:
    """`program.fill_columns`, a cell at a time."""
    index = layout.index_of_row.tolist()
    skips = skip.tolist()
    kinds = [
        (LINK_TYPES[choice], choice, values.tolist()) for choice, values in table.costs.items()
    ]
    base = table.base.tolist()
    least: list[list[float]] = []
    summed: list[list[float]] = []
    chosen: list[list[int]] = []
    paid: list[list[float]] = []
    for j, active in enumerate(layout.active_rows):
        cost, soft, choice, link = [INF] * active, [INF] * active, [SKIP] * active, [0.0] * active
        start = base[j]
        into = [  # the links that can end in this column, with the column each starts from
            (a, kind, values, summed[j - b], least[j - b] if hard else summed[j - b])
            for (a, b), kind, values in kinds
            if b <= j
        ]  # fmt: skip
        for r in range(active):
            i = index[r]
            best, pick, price = (INF if j or i else 0.0), SKIP, 0.0
            terms = [] if j else [best]  # the first column: only the empty start
            for a, kind, values, before, before_least in into:
                c = values[start + r]
                if a > i or c == INF:
                    continue
                terms.append(before[r - a] + c)
                if hard and before_least[r - a] + c < best:
                    best, pick, price = before_least[r - a] + c, kind, c
            if i:
                terms.append(soft[r - 1] + skips[r])
                if hard and cost[r - 1] + skips[r] < best:
                    best, pick, price = cost[r - 1] + skips[r], SKIP, skips[r]
            cost[r], choice[r], link[r], soft[r] = best, pick, price, soft_minimum(terms)
        least.append(cost)
        summed.append(soft)
        chosen.append(choice)
        paid.append(link)
    tables = Tables([], [np.array(s) for s in summed], [], [], table if hard else None)
    if hard:
        tables.cost.extend(np.array(c) for c in least)
        tables.choice.extend(np.array(c, dtype=np.int8) for c in chosen)
        tables.link_cost.extend(np.array(c) for c in paid)
    return tables


def soft_minimum(values: list[float]) -> float:
    """-log(sum(exp(-v))): the summed probability of the ways into a cell, as a cost."""
    if not values:
        return INF
    shift = min(values)
    if shift == INF:
        return INF
    exp = math.exp
    return shift - math.log(sum([exp(shift - v) for v in values]))
