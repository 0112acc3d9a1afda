"""The dynamic program, forward and backward, over every pair at once, a column at a time."""

from __future__ import annotations

import numpy as np

from gsipaper.sentences.batch import Batch
from gsipaper.sentences.cells import few_cells, fill_cells
from gsipaper.sentences.columns import DEEP, Tables, add_column, add_soft_column
from gsipaper.sentences.costs import Groups, link_cost
from gsipaper.sentences.layout import Layout
from gsipaper.sentences.lexical import LinkEvidence
from gsipaper.sentences.model import LINK_TYPES, Model
from gsipaper.sentences.table import LinkTable

__all__ = ["sweep"]  # the rest are its own helpers


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
            both.append(
                np.take(flat, at, mode="clip") if len(flat) else np.zeros(len(at), flat.dtype)
            )
        chosen = np.where(english, both[0], both[1])
        found.append(np.where(present, chosen, np.zeros(1, dtype=chosen.dtype)))
    return found[0], found[1], found[2], found[3]


def sweep(layout: Layout, batch: Batch, model: Model, forward: Tables | None = None) -> Tables:
    """The program's columns, left to right, for every pair at once; given the `forward`
    tables, the program read backwards.

    Read backwards, a link costs what it cost forwards: the `forward` tables' link costs are
    taken rather than computed again (the sums of three lengths may differ in the last bit,
    which the scores, rounded, do not show). Read backwards, only the summed probabilities
    (`soft`) are wanted.
    """
    rows_english = batch.english_rows[layout.order]
    row_groups = Groups.of(
        *features(batch, layout, rows_english[layout.pair_of_row], layout.pair_of_row,
                  layout.index_of_row, layout.rows, forward is not None),
        layout.index_of_row,
    )  # fmt: skip
    variance = batch.variance[layout.order][layout.pair_of_row]
    everything = len(layout.pair_of_row)
    nothing = (np.zeros(everything), np.zeros(everything, dtype=np.uint64),
               np.zeros(everything, dtype=bool))  # fmt: skip
    skip = link_cost((1, 0), row_groups, nothing, variance, model)
    if forward is None:
        table = forward_table(batch, layout, model, row_groups, rows_english, variance)
    else:
        assert forward.links is not None, "a forward sweep keeps its link table"
        table = forward.links.reversed(layout)
    fill = fill_cells if few_cells(layout) else fill_columns
    return fill(layout, table, skip, hard=forward is None)


def fill_columns(layout: Layout, table: LinkTable, skip: np.ndarray, hard: bool) -> Tables:
    """The program a column of every pair at a time, in numpy; without `hard`, only the summed
    probabilities."""
    tables = Tables([], [], [], [], table if hard else None)
    deep_pairs = np.flatnonzero(layout.rows > DEEP)
    for j, active in enumerate(layout.active_rows):
        candidates = []
        for choice in table.costs:
            a, b = LINK_TYPES[choice]
            if b > j:
                continue
            cost = table.column(choice, j, active)
            least = earlier(tables.cost[j - b], a, active) + cost if hard else None
            soft = earlier(tables.soft[j - b], a, active) + cost
            candidates.append((choice, least, soft, cost))
        deep = [
            (int(layout.offset[k]), int(layout.offset[k] + layout.rows[k] + 1))
            for k in deep_pairs[deep_pairs < layout.active_pairs[j]].tolist()
        ]
        if hard:
            add_column(tables, candidates, skip[:active], layout.index_of_row[:active], deep)
        else:
            add_soft_column(tables, candidates, skip[:active], layout.index_of_row[:active], deep)
    return tables


def forward_table(
    batch: Batch,
    layout: Layout,
    model: Model,
    row_groups: Groups,
    rows_english: np.ndarray,
    variance: np.ndarray,
) -> LinkTable:
    """Every link's cost in the forward program (`LinkTable`)."""
    column_groups = Groups.of(
        *features(batch, layout, ~rows_english[layout.pair_of_column], layout.pair_of_column,
                  layout.index_of_column, layout.columns, False),
        layout.index_of_column,
    )  # fmt: skip
    words = None
    if model.lexical:  # each sentence's misses reckoned once for every column
        row_levels = batch.levels[layout.order[layout.pair_of_row]]
        column_levels = batch.levels[layout.order[layout.pair_of_column]]
        words = LinkEvidence.of(row_groups.each, row_levels, column_groups.each,
                                column_levels, batch.hit, batch.miss)  # fmt: skip
    return LinkTable.of(layout, row_groups, column_groups, variance, model, words)


def earlier(column: np.ndarray, rows_back: int, active: int) -> np.ndarray:
    """The column's value `rows_back` rows up. Where that reaches into the pair above, the
    link's own cost is infinite (`link_cost`), and so is their sum."""
    if rows_back == 0:
        return column[:active]
    out = np.full(active, np.inf)
    if rows_back < active:
        out[rows_back:] = column[: active - rows_back]
    return out
