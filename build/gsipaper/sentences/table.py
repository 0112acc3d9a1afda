"""Every link's cost in every cell of the program, reckoned before the program runs: a link's
cost depends on the sentences it joins, never on the alignment before it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gsipaper.sentences.costs import Groups, link_cost
from gsipaper.sentences.layout import Layout
from gsipaper.sentences.lexical import LinkEvidence
from gsipaper.sentences.model import LINK_TYPES, Model

__all__ = ["LinkTable"]  # the rest are its own helpers

BLOCK_CELLS = 1 << 16  # cells reckoned together: few numpy calls, a bounded scratch memory


@dataclass(frozen=True, slots=True)
class LinkTable:
    """The cost of the link of each type that ends at each cell, the program's columns one
    after another (column j holds its active rows, `base[j]` is where it starts)."""

    costs: dict[int, np.ndarray]  # by index in LINK_TYPES; infinite where the type cannot end
    base: np.ndarray

    @staticmethod
    def of(
        layout: Layout,
        rows: Groups,
        columns: Groups,
        variance: np.ndarray,
        model: Model,
        words: LinkEvidence | None,
    ) -> LinkTable:
        """The table of the forward program, a block of columns at a time."""
        sizes = np.array(layout.active_rows, dtype=np.int64)
        base = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
        kept = [
            choice
            for choice, (a, b) in enumerate(LINK_TYPES)
            if b and model.priors.get((a, b))
        ]  # fmt: skip
        pieces: dict[int, list[np.ndarray]] = {choice: [] for choice in kept}
        for block in column_blocks(sizes):
            column = np.repeat(block, sizes[block])
            row = np.arange(len(column)) - np.repeat(base[block] - base[block[0]], sizes[block])
            at = layout.column_offset[layout.pair_of_row[row]] + column
            here = rows.take(row)
            evidence = words and words.at(row, at)
            for choice in kept:
                a, b = LINK_TYPES[choice]
                other = tuple(values[b][at] for values in (columns.lengths, columns.masks,
                                                           columns.cut))  # fmt: skip
                cost = link_cost((a, b), here, other, variance[row], model, evidence)
                pieces[choice].append(np.where(column >= b, cost, np.inf))
        empty = np.zeros(0)
        return LinkTable({c: np.concatenate(p) if p else empty for c, p in pieces.items()}, base)

    def column(self, choice: int, j: int, active: int) -> np.ndarray:
        return self.costs[choice][self.base[j] : self.base[j] + active]

    def reversed(self, layout: Layout) -> LinkTable:
        """The table of the program read backwards, given up by this one type by type (memory
        for one table and one type). A link costs what it cost forwards: the link ending at row
        i of column j backwards is the one ending at row n - i + a of column m - j + b."""
        sizes = np.array(layout.active_rows, dtype=np.int64)
        column = np.repeat(np.arange(len(sizes)), sizes)
        row = np.arange(int(sizes.sum())) - np.repeat(self.base, sizes)
        pair, index = layout.pair_of_row[row], layout.index_of_row[row]
        costs = {}
        for choice in list(self.costs):
            a, b = LINK_TYPES[choice]
            values = self.costs.pop(choice)
            source = np.minimum(layout.columns[pair] - column + b, len(self.base) - 1)
            at = self.base[source] + layout.offset[pair] + layout.rows[pair] - index + a
            found = values[np.minimum(at, len(values) - 1)]
            costs[choice] = np.where((index >= a) & (column >= b), found, np.inf)
        return LinkTable(costs, self.base)


def column_blocks(sizes: np.ndarray) -> list[np.ndarray]:
    """The columns in runs of about BLOCK_CELLS cells (a column larger than that alone)."""
    blocks, start, cells = [], 0, 0
    for j, size in enumerate(sizes.tolist()):
        if cells and cells + size > BLOCK_CELLS:
            blocks.append(np.arange(start, j))
            start, cells = j, 0
        cells += size
    if cells or start < len(sizes):
        blocks.append(np.arange(start, len(sizes)))
    return [block for block in blocks if len(block)]
