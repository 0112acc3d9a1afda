"""Where each pair's cells lie when the program fills one column of every pair at a time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gsipaper.sentences.batch import Batch

__all__ = ["Layout"]


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
