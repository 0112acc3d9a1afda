"""Sentence alignment, the public API: the sentences of a paragraph and of its translation → links.

The model, its weights and how they were chosen: docs/alignment.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from gsipaper.sentences.batch import Batch, batch_of
from gsipaper.sentences.model import (
    GALE_CHURCH_VARIANCE,
    MODEL,
    SAMPLE_SENTENCES,
    Link,
    Links,
    Model,
)
from gsipaper.sentences.program import Layout, sweep
from gsipaper.sentences.trace import links_in_order, trace

__all__ = ["align_sentences", "estimated_variance", "link_arrays"]  # the rest are its own helpers


def align_sentences(
    english: list[str], chinese: list[str], *, ratio: float | None = None
) -> list[tuple[list[int], list[int]]]:
    """Link the sentences of an English paragraph and of its Chinese translation.

    Each tuple holds the indices of the English and of the Chinese sentences of one
    link, in order. `ratio` is Chinese characters per English character; by default
    the pair's own.
    """
    (links,) = sentence_links([(english, chinese)], ratio=ratio)
    return [(list(link.english), list(link.chinese)) for link in links]


def sentence_links(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
    *,
    ratio: float | None = None,
    model: Model = MODEL,
) -> list[list[Link]]:
    """`align_sentences` for many paragraph pairs at once, with each link's score.

    The pairs are aligned together, a column of the dynamic program of every pair
    at a time, which is what makes a long document fast.
    """
    found = link_arrays(pairs, ratio=ratio, model=model)
    links: list[list[Link]] = [[] for _ in pairs]
    for pair, en_start, en_count, zh_start, zh_count, score in zip(
        *(column.tolist() for column in found.columns()), strict=True
    ):
        english = tuple(range(en_start, en_start + en_count))
        chinese = tuple(range(zh_start, zh_start + zh_count))
        links[pair].append(Link(english, chinese, score))
    return links


def link_arrays(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
    *,
    ratio: float | None = None,
    model: Model = MODEL,
) -> Links:
    """`sentence_links` as arrays, one entry per link: for tables of many links."""
    if model.variance is None:
        model = replace(model, variance=estimated_variance(pairs, ratio, model))
    return solve(batch_of(pairs, ratio, model), model)


def estimated_variance(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]], ratio: float | None, model: Model
) -> float:
    """The variance per character (at a ratio of 1) of the links found in the first pairs
    with Gale and Church's, by maximum likelihood; theirs counts as one link more.

    A pair with more sentences than the whole sample is left out of it: alone, it would
    cost as much as aligning it, again.
    """
    sizes = np.array([max(len(english), len(chinese)) for english, chinese in pairs], np.int64)
    small = np.flatnonzero(sizes <= SAMPLE_SENTENCES)
    taken = small[: int(np.searchsorted(np.cumsum(sizes[small]), SAMPLE_SENTENCES)) + 1]
    sample = [pairs[k] for k in taken.tolist()]
    first = replace(model, variance=GALE_CHURCH_VARIANCE)
    batch = batch_of(sample, ratio, first)
    links = solve(batch, first)
    sums = {}
    for language, start, count in (("en", links.en_start, links.en_count),
                                   ("zh", links.zh_start, links.zh_count)):  # fmt: skip
        at = batch.offset[language][links.pair] + start
        for name, values in (("length", batch.lengths[language]), ("cut", batch.cut[language])):
            running = np.concatenate(([0.0], np.cumsum(values)))
            sums[language, name] = running[at + count] - running[at]
    x, y = sums["en", "length"], sums["zh", "length"]
    ratios = batch.variance[links.pair] / GALE_CHURCH_VARIANCE
    # Links with both sides, none cut off by the source: the others have no deviation to measure.
    weight = np.where((x > 0) & (y > 0) & (sums["en", "cut"] + sums["zh", "cut"] == 0),
                      links.score, 0.0)  # fmt: skip
    squares = (y - x) ** 2 / np.maximum((x + y) / 2, 1e-9) / ratios
    return float((GALE_CHURCH_VARIANCE + weight @ squares) / (1 + weight.sum()))


def solve(batch: Batch, model: Model) -> Links:
    layout = Layout.of(batch)
    if not len(layout.order):
        return links_in_order(layout, batch, [])
    forward = sweep(layout, batch, model, reverse=False)
    backward = sweep(layout, batch, model, reverse=True, forward=forward)
    return trace(layout, batch, forward, backward)
