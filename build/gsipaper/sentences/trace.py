"""The trace: each pair's least-cost alignment, walked back from its end, each link scored."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gsipaper.sentences.batch import Batch
from gsipaper.sentences.columns import Tables
from gsipaper.sentences.layout import Layout
from gsipaper.sentences.model import LINK_TYPES, SCORE_DIGITS, SKIP, Links

__all__ = ["links_in_order", "trace"]  # the rest are its own helpers

# The trace goes on one pair at a time once at most FEW pairs are unfinished and one of them
# has more than SHORT rows and columns left: a step of all pairs together costs the same
# however few they are, and a long pair would take a step for each of its links.
FEW = 16
SHORT = 64


def trace(layout: Layout, batch: Batch, forward: Tables, backward: Tables) -> Links:
    """Walk every pair's least-cost alignment back from its end, all pairs a step at a time
    (see FEW); score each link by its posterior probability."""
    sizes = [len(column) for column in forward.cost]
    base = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
    flat = {
        name: np.concatenate(getattr(forward, name)) for name in ("soft", "choice", "link_cost")
    }
    after_flat = np.concatenate(backward.soft)
    shapes = np.array(LINK_TYPES, dtype=np.int64)
    pairs = np.arange(len(layout.order))
    i, j = layout.rows.copy(), layout.columns.copy()
    first = layout.offset
    total = flat["soft"][base[j] + first + i]
    steps: list[tuple] = []
    live = pairs[(i + j) > 0]
    while len(live) > FEW or (len(live) and int((i[live] + j[live]).max()) <= SHORT):
        at = base[j[live]] + first[live] + i[live]
        shape = shapes[flat["choice"][at]]
        a, b = shape[:, 0], shape[:, 1]
        before = flat["soft"][base[j[live] - b] + first[live] + i[live] - a]
        after = after_flat[
            base[layout.columns[live] - j[live]] + first[live] + layout.rows[live] - i[live]
        ]
        score = np.exp(total[live] - before - flat["link_cost"][at] - after)
        steps.append((live, i[live] - a, a, j[live] - b, b, score))
        i[live] -= a
        j[live] -= b
        live = live[(i[live] + j[live]) > 0]
    walk = Walk(layout, base, flat, after_flat, total)
    steps += [trace_one(walk, k, int(i[k]), int(j[k])) for k in live.tolist()]
    return links_in_order(layout, batch, steps)


@dataclass(frozen=True, slots=True)
class Walk:
    """What the trace reads: the forward tables flat, a column after another, and the
    backward ones; `base` is where each column starts, `total` each pair's summed cost."""

    layout: Layout
    base: np.ndarray
    flat: dict[str, np.ndarray]
    after_flat: np.ndarray
    total: np.ndarray


def trace_one(walk: Walk, k: int, row: int, column: int) -> tuple[np.ndarray, ...]:
    """The rest of one pair's trace: for a pair far longer than the others.

    A run of 1-0 links up a column is taken at once, to the first row above whose
    link is not 1-0; other links one at a time.
    """
    layout, base, after_flat, total = walk.layout, walk.base, walk.after_flat, walk.total
    n, m, first = int(layout.rows[k]), int(layout.columns[k]), int(layout.offset[k])
    choice, soft, link_cost = walk.flat["choice"], walk.flat["soft"], walk.flat["link_cost"]
    stops: dict[int, np.ndarray] = {}
    pieces = []
    while row or column:
        top = int(base[column]) + first
        if choice[top + row] == SKIP:
            if column not in stops:
                stops[column] = np.flatnonzero(choice[top : top + row + 1] != SKIP)
            found = stops[column]
            stop = int(found[np.searchsorted(found, row, side="right") - 1]) if len(found) else 0
            ends = np.arange(stop + 1, row + 1)
            a, b = np.ones(len(ends), dtype=np.int64), np.zeros(len(ends), dtype=np.int64)
            starts, befores = ends - 1, soft[top + ends - 1]
            columns_ = np.full(len(ends), column)
            row_now = stop
        else:
            a_, b_ = LINK_TYPES[choice[top + row]]
            ends, a, b = np.array([row]), np.array([a_]), np.array([b_])
            starts = ends - a
            befores = soft[int(base[column - b_]) + first + starts]
            columns_ = np.array([column - b_])
            row_now = row - a_
        afters = after_flat[int(base[m - column]) + first + n - ends]
        posterior = np.exp(total[k] - befores - link_cost[top + ends] - afters)
        pieces.append((starts, a, columns_, b, posterior))
        column = column - int(b[0]) if len(b) else column
        row = row_now
    parts = [np.concatenate(p) for p in zip(*pieces, strict=True)] if pieces else [np.zeros(0)] * 5
    return (
        np.full(len(parts[0]), k, dtype=np.int64),
        parts[0].astype(np.int64), parts[1].astype(np.int64),
        parts[2].astype(np.int64), parts[3].astype(np.int64), parts[4].astype(float),
    )  # fmt: skip


def links_in_order(layout: Layout, batch: Batch, steps: list) -> Links:
    if not steps:
        empty = np.zeros(0, dtype=np.int64)
        return Links(empty, empty, empty, empty, empty, np.zeros(0))
    k, row, a, column, b, score = (np.concatenate(parts) for parts in zip(*steps, strict=True))
    pair = layout.order[k]
    order = np.lexsort((row + column, pair))
    pair, row, a, column, b = pair[order], row[order], a[order], column[order], b[order]
    english = batch.english_rows[pair]
    score = np.round(np.minimum(score[order], 1.0), SCORE_DIGITS)
    return Links(
        pair,
        np.where(english, row, column), np.where(english, a, b),
        np.where(english, column, row), np.where(english, b, a),
        score,
    )  # fmt: skip
