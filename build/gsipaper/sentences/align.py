"""Sentence alignment, the public API: the sentences of a paragraph and of its translation → links.

The model, its weights and how they were chosen: docs/alignment.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from gsipaper.sentences.batch import Batch, batch_of
from gsipaper.sentences.concepts import Concepts, concepts_of
from gsipaper.sentences.layout import Layout
from gsipaper.sentences.lexical import measured_rates
from gsipaper.sentences.model import (
    CHANCE_RATES,
    GALE_CHURCH_VARIANCE,
    HIT_RATES,
    MODEL,
    SAMPLE_SENTENCES,
    Link,
    Links,
    Model,
)
from gsipaper.sentences.program import sweep
from gsipaper.sentences.trace import links_in_order, trace

__all__ = ["align_sentences", "estimated_links"]  # the rest are its own helpers


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
    return estimated_links(pairs, ratio, model)[0]


def estimated_links(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]], ratio: float | None, model: Model
) -> tuple[Links, Model]:
    """`link_arrays`, and the model with what it estimated of the document (if anything)."""
    concepts = concepts_of(pairs) if model.lexical else None
    if model.variance is None or (model.lexical and model.rates is None):
        model = estimated_model(pairs, ratio, model, concepts)
    return solve(batch_of(pairs, ratio, model, concepts), model), model


def estimated_variance(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]], ratio: float | None, model: Model
) -> float:
    """`estimated_model`'s variance."""
    variance = estimated_model(pairs, ratio, model).variance
    assert variance is not None, "an estimated model has its variance"
    return variance


def estimated_model(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
    ratio: float | None,
    model: Model,
    concepts: Concepts | None = None,
) -> Model:
    """The model with the document's own variance and lexical rates, from the links found in
    its first pairs with Gale and Church's variance and the starting rates.

    The variance per character (at a ratio of 1) is the maximum-likelihood one of those
    links, with Gale and Church's counted as one link more; the rates are counted in them
    (`measured_rates`). A pair with more sentences than the whole sample is left out of it:
    alone, it would cost as much as aligning it, again. Given, the variance and the rates
    are kept.
    """
    sizes = np.array([max(len(english), len(chinese)) for english, chinese in pairs], np.int64)
    small = np.flatnonzero(sizes <= SAMPLE_SENTENCES)
    taken = small[: int(np.searchsorted(np.cumsum(sizes[small]), SAMPLE_SENTENCES)) + 1]
    sample = [pairs[k] for k in taken.tolist()]
    if model.lexical:
        counts = {
            "en": np.array([len(p[0]) for p in pairs], np.int64),
            "zh": np.array([len(p[1]) for p in pairs], np.int64),
        }
        concepts = (concepts or concepts_of(pairs)).of_pairs(taken, counts)
    first = replace(model, variance=model.variance or GALE_CHURCH_VARIANCE,
                    rates=model.rates or (HIT_RATES, CHANCE_RATES))  # fmt: skip
    batch = batch_of(sample, ratio, first, concepts)
    links = solve(batch, first)
    assert first.variance is not None
    variance = model.variance or measured_variance(batch, links, first.variance)
    rates = model.rates
    if model.lexical and rates is None:
        rates = measured_rates(batch.concepts, batch.levels, flat_links(batch, links),
                               (HIT_RATES, CHANCE_RATES))  # fmt: skip
    return replace(model, variance=variance, rates=rates)


def flat_links(batch: Batch, links: Links) -> list[list[tuple]]:
    """Each pair's links as the flat indices of their English and Chinese sentences."""
    found: list[list[tuple]] = [[] for _ in batch.count["en"]]
    for pair, en_start, en_count, zh_start, zh_count, _ in zip(
        *(column.tolist() for column in links.columns()), strict=True
    ):
        en, zh = int(batch.offset["en"][pair]) + en_start, int(batch.offset["zh"][pair]) + zh_start
        found[pair].append((range(en, en + en_count), range(zh, zh + zh_count)))
    return found


def measured_variance(batch: Batch, links: Links, variance: float) -> float:
    """The maximum-likelihood variance of the links' lengths; `variance` counts as one more."""
    sums = {}
    for language, start, count in (("en", links.en_start, links.en_count),
                                   ("zh", links.zh_start, links.zh_count)):  # fmt: skip
        at = batch.offset[language][links.pair] + start
        for name, values in (("length", batch.lengths[language]), ("cut", batch.cut[language])):
            running = np.concatenate(([0.0], np.cumsum(values)))
            sums[language, name] = running[at + count] - running[at]
    x, y = sums["en", "length"], sums["zh", "length"]
    ratios = batch.variance[links.pair] / variance
    # Links with both sides, none cut off by the source: the others have no deviation to measure.
    weight = np.where((x > 0) & (y > 0) & (sums["en", "cut"] + sums["zh", "cut"] == 0),
                      links.score, 0.0)  # fmt: skip
    squares = (y - x) ** 2 / np.maximum((x + y) / 2, 1e-9) / ratios
    return float((variance + weight @ squares) / (1 + weight.sum()))


def solve(batch: Batch, model: Model) -> Links:
    layout = Layout.of(batch)
    if not len(layout.order):
        return links_in_order(layout, batch, [])
    forward = sweep(layout, batch, model)
    backward = sweep(layout, batch, model, forward)
    return trace(layout, batch, forward, backward)
