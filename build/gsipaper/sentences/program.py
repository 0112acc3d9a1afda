"""The dynamic program, forward and backward, over every pair at once, a column at a time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gsipaper.sentences.batch import Batch
from gsipaper.sentences.columns import DEEP, Tables, add_column, add_soft_column
from gsipaper.sentences.costs import Groups, link_cost
from gsipaper.sentences.lexical import LinkEvidence
from gsipaper.sentences.model import LINK_TYPES, Model

__all__ = ["Layout", "sweep"]  # the rest are its own helpers


@dataclass(frozen=True, slots=True)
class Layout:
    """Every pair's rows stacked, pairs with more columns first.

    The program fills one column of every pair at a time; as the pairs with more
    columns come first, the rows a column needs are always a prefix.
    """

    order: np.ndarray  # pair indices, most columns first
    rows: np.ndarray  # rows side's sentences of each pair, in order
    columns: np.ndarray
    offset: np.ndarray  # the first row of each pair, in order
    column_offset: np.ndarray  # the first column position of each pair, in order
    pair_of_row: np.ndarray  # position in `order`
    index_of_row: np.ndarray  # i: sentences of the rows side before this row
    pair_of_column: np.ndarray
    index_of_column: np.ndarray
    active_rows: list[int]  # for each column j, the rows of pairs with at least j columns
    active_pairs: list[int]

    @staticmethod
    def of(batch: Batch) -> Layout:
        order = np.argsort(-batch.columns, kind="stable")
        rows, columns = batch.rows[order] + 1, batch.columns[order] + 1
        offset = np.concatenate(([0], np.cumsum(rows)[:-1])).astype(np.int64)
        column_offset = np.concatenate(([0], np.cumsum(columns)[:-1])).astype(np.int64)
        pair_of_row = np.repeat(np.arange(len(order)), rows)
        pair_of_column = np.repeat(np.arange(len(order)), columns)
        most = int(columns.max(initial=0))
        active_pairs = [int(np.count_nonzero(columns > j)) for j in range(most)]
        ends = np.cumsum(rows)
        return Layout(
            order, rows - 1, columns - 1, offset, column_offset,
            pair_of_row, np.arange(int(rows.sum())) - offset[pair_of_row],
            pair_of_column, np.arange(int(columns.sum())) - column_offset[pair_of_column],
            [int(ends[k - 1]) if k else 0 for k in active_pairs], active_pairs,
        )  # fmt: skip


def features(
    batch: Batch,
    layout: Layout,
    english: np.ndarray,
    pair: np.ndarray,
    index: np.ndarray,
    count: np.ndarray,
    reverse: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Lengths, anchors, cut flags and concepts at each position: position i holds sentence i - 1
    of its side (of the side read backwards with `reverse`), position 0 nothing."""
    sentence = (count[pair] - index) if reverse else (index - 1)
    present = index > 0
    found = []
    for values in (batch.lengths, batch.masks, batch.cut, batch.concepts):
        both = []
        for language in ("en", "zh"):
            flat = values[language]
            at = batch.offset[language][layout.order[pair]] + sentence
            safe = np.clip(at, 0, max(len(flat) - 1, 0))
            both.append(flat[safe] if len(flat) else np.zeros(len(at), dtype=flat.dtype))
        chosen = np.where(english, both[0], both[1])
        found.append(np.where(present, chosen, np.zeros(1, dtype=chosen.dtype)))
    return found[0], found[1], found[2], found[3]


def sweep(
    layout: Layout, batch: Batch, model: Model, reverse: bool, forward: Tables | None = None
) -> Tables:
    """The program's columns, left to right, for every pair at once.

    Read backwards, a link costs what it cost forwards: with the `forward` tables, their
    links' costs are taken rather than computed again (the sums of three lengths may differ in
    the last bit, which the scores, rounded, do not show). Read backwards, only the summed
    probabilities (`soft`) are wanted.
    """
    flat = forward and FlatCosts.of(forward)
    rows_english = batch.english_rows[layout.order]
    row_groups = Groups.of(
        *features(batch, layout, rows_english[layout.pair_of_row], layout.pair_of_row,
                  layout.index_of_row, layout.rows, reverse),
        layout.index_of_row,
    )  # fmt: skip
    column_groups = Groups.of(
        *features(batch, layout, ~rows_english[layout.pair_of_column], layout.pair_of_column,
                  layout.index_of_column, layout.columns, reverse),
        layout.index_of_column,
    )  # fmt: skip
    variance = batch.variance[layout.order][layout.pair_of_row]
    row_words = None
    if model.lexical and not flat:  # each sentence's misses reckoned once for every column
        row_levels = batch.levels[layout.order[layout.pair_of_row]]
        column_levels = batch.levels[layout.order[layout.pair_of_column]]
        row_words = LinkEvidence.of(row_groups.each, row_levels, column_groups.each,
                                    column_levels, batch.hit, batch.miss)  # fmt: skip
    everything = len(layout.pair_of_row)
    nothing = (np.zeros(everything), np.zeros(everything, dtype=np.uint64),
               np.zeros(everything, dtype=bool))  # fmt: skip
    skip = link_cost((1, 0), row_groups, everything, nothing, variance, model)
    tables = Tables([], [], [], [], [])
    deep_pairs = np.flatnonzero(layout.rows > DEEP)
    for j, active in enumerate(layout.active_rows):
        pair = layout.pair_of_row[:active]
        at = (layout.column_offset[: layout.active_pairs[j]] + j)[pair]
        candidates = []
        words = row_words and LinkEvidence(
            [each[:active] for each in row_words.rows],
            [each[at] for each in row_words.columns],
            row_words.levels[:active], row_words.shared,
            [each[:active] for each in row_words.row_alone],
            [each[at] for each in row_words.column_alone],
        )  # fmt: skip
        for choice, (a, b) in enumerate(LINK_TYPES):
            if b == 0 or b > j or not model.priors.get((a, b)):
                continue
            if flat:
                cost = flat.backwards(layout, choice, (a, b), j, active)
            else:
                column = tuple(
                    values[b][at]
                    for values in (column_groups.lengths, column_groups.masks, column_groups.cut)
                )
                cost = link_cost((a, b), row_groups, active, column, variance, model, words)
            hard = None if flat else earlier(tables.cost[j - b], a, active) + cost
            soft = earlier(tables.soft[j - b], a, active) + cost
            candidates.append((choice, hard, soft, cost))
        deep = [
            (int(layout.offset[k]), int(layout.offset[k] + layout.rows[k] + 1))
            for k in deep_pairs[deep_pairs < layout.active_pairs[j]].tolist()
        ]
        if flat:
            add_soft_column(tables, candidates, skip[:active], layout.index_of_row[:active], deep)
            continue
        add_column(tables, candidates, skip[:active], layout.index_of_row[:active], deep)
        tables.link_costs.append({c[0]: c[3] for c in candidates})
    return tables


@dataclass(frozen=True, slots=True)
class FlatCosts:
    """A sweep's link costs of each type, its columns one after another."""

    costs: dict[int, np.ndarray]  # by index in LINK_TYPES
    base: np.ndarray  # where each column starts

    @staticmethod
    def of(tables: Tables) -> FlatCosts:
        sizes = [len(column) for column in tables.cost]
        choices = sorted({choice for column in tables.link_costs for choice in column})
        # The columns' arrays are given up as they are joined: memory for one copy of each.
        costs = {
            choice: np.concatenate([
                column.pop(choice, None) if choice in column else np.full(size, np.inf)
                for column, size in zip(tables.link_costs, sizes, strict=True)
            ])
            for choice in choices
        }  # fmt: skip
        return FlatCosts(costs, np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64))

    def backwards(
        self, layout: Layout, choice: int, link: tuple[int, int], j: int, active: int
    ) -> np.ndarray:
        """The cost of the link ending at each active row of column j of the reversed program:
        the link that ends, forwards, at row n - i + a of column m - j + b."""
        a, b = link
        pair, index = layout.pair_of_row[:active], layout.index_of_row[:active]
        at = (
            self.base[layout.columns[pair] - j + b]
            + layout.offset[pair] + layout.rows[pair] - index + a
        )  # fmt: skip
        values = self.costs[choice]
        found = values[np.minimum(at, len(values) - 1)]
        return np.where(index >= a, found, np.inf)


def earlier(column: np.ndarray, rows_back: int, active: int) -> np.ndarray:
    """The column's value `rows_back` rows up. Where that reaches into the pair above, the
    link's own cost is infinite (`link_cost`), and so is their sum."""
    if rows_back == 0:
        return column[:active]
    out = np.full(active, np.inf)
    if rows_back < active:
        out[rows_back:] = column[: active - rows_back]
    return out
