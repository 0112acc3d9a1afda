"""The sentence layer: the aligned edition → the columns of `sentences` and `sentence_links`.

Each paragraph's published text is split with `split_sentences`' rules and each
unit's two paragraphs are linked with `align_sentences`' method, every unit in
one pass. The ratio of Chinese to English characters is the document's own,
measured on its units that have both paragraphs whole. The tables are made a
column at a time: a long document has hundreds of thousands of sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import nanoarrow
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from gsipaper.align import Edition
from gsipaper.sentence_align import Links, link_arrays
from gsipaper.sentences import spans_of_paragraphs

LANGUAGES = ("en", "zh")


@dataclass(frozen=True, slots=True)
class Side:
    """One language's sentences, every unit's one after another."""

    texts: list[str]  # each unit's paragraph; "" where it has none
    truncated: np.ndarray  # of each unit's paragraph
    count: np.ndarray  # sentences of each unit
    start: np.ndarray  # of each sentence in its paragraph's text
    end: np.ndarray
    sentences: list[str]

    @property
    def unit(self) -> np.ndarray:
        """Each sentence's unit."""
        return np.repeat(np.arange(len(self.count)), self.count)

    @property
    def first(self) -> np.ndarray:
        """Each unit's first sentence."""
        return np.concatenate(([0], np.cumsum(self.count)[:-1])).astype(np.int64)


@dataclass(frozen=True, slots=True)
class SentenceLayer:
    unit_ids: list[str]
    sides: dict[str, Side]
    links: Links
    sentence_ids: dict[str, pa.Array]  # by language, in order
    link_ids: pa.Array


def sentence_layer(edition: Edition) -> SentenceLayer:
    sides = {language: side_of(edition, language) for language in LANGUAGES}
    pairs = list(zip(*(unit_sentences(sides[language]) for language in LANGUAGES), strict=True))
    links = link_arrays(pairs, ratio=document_ratio(edition))
    unit_ids = [unit.unit_id for unit in edition.units]
    return SentenceLayer(
        unit_ids,
        sides,
        links,
        {language: sentence_ids(unit_ids, sides[language], language) for language in LANGUAGES},
        link_ids(unit_ids, links),
    )


def side_of(edition: Edition, language: str) -> Side:
    paragraphs = [unit.paragraph(language) for unit in edition.units]
    texts = [p.text if p else "" for p in paragraphs]
    count, start, end = spans_of_paragraphs(texts, language)
    unit = np.repeat(np.arange(len(texts)), count).tolist()
    return Side(
        texts,
        np.array([bool(p and p.truncated) for p in paragraphs], dtype=bool),
        count,
        start,
        end,
        [texts[u][a:b] for u, a, b in zip(unit, start.tolist(), end.tolist(), strict=True)],
    )


def unit_sentences(side: Side) -> list[list[str]]:
    ends = np.cumsum(side.count).tolist()
    return [side.sentences[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]


def document_ratio(edition: Edition) -> float | None:
    """Chinese characters per English character over the units that have both paragraphs whole."""
    whole = [
        unit
        for unit in edition.units
        if unit.en and unit.zh and not unit.en.truncated and not unit.zh.truncated
    ]
    english = sum(len(unit.en.text) for unit in whole)
    chinese = sum(len(unit.zh.text) for unit in whole)
    return chinese / english if english and chinese else None


def arrow(values: np.ndarray, type_: pa.DataType) -> pa.Array:
    """A numpy column as Arrow, without pyarrow's converter (which imports pandas)."""
    if type_ == pa.bool_():
        data = np.packbits(values.astype(bool), bitorder="little")
    else:
        data = np.ascontiguousarray(values, dtype=type_.to_pandas_dtype())
    return pa.Array.from_buffers(type_, len(values), [None, pa.py_buffer(data)])


def strings(values: list[str | None]) -> pa.Array:
    return pa.array(nanoarrow.c_array(values, nanoarrow.string()))


def separator(text: str) -> pa.Scalar:
    """A string scalar for pyarrow.compute: made from a Python str, it would import pandas."""
    return strings([text])[0]


def numbered(prefixes: pa.Array, numbers: np.ndarray) -> pa.Array:
    """Each prefix, a hyphen and its number in two digits at least: en-s2-05 and 3 → en-s2-05-03."""
    digits = pc.utf8_lpad(pc.cast(arrow(numbers, pa.int64()), pa.string()), width=2, padding="0")
    return pc.binary_join_element_wise(prefixes, digits, separator("-"))


def sentence_ids(unit_ids: list[str], side: Side, language: str) -> pa.Array:
    """Every sentence id of the language, units in order: e.g. en-s2-05-03."""
    unit = side.unit
    position = np.arange(len(unit)) - side.first[unit] + 1
    return numbered(paragraph_ids(unit_ids, language).take(arrow(unit, pa.int64())), position)


def paragraph_ids(unit_ids: list[str], language: str) -> pa.Array:
    return strings([f"{language}-{unit_id}" for unit_id in unit_ids])


def link_ids(unit_ids: list[str], links: Links) -> pa.Array:
    """Every link id, in order: the unit and the link's order within it, e.g. s2-05-03."""
    pair = links.pair
    order = np.arange(len(pair)) - np.searchsorted(pair, pair) + 1  # from each unit's first link
    return numbered(strings(unit_ids).take(arrow(pair, pa.int64())), order)


def sentence_columns(layer: SentenceLayer) -> dict[str, pa.Array]:
    names = ("sentence_id", "paragraph_id", "unit_id", "language", "position", "start", "end",
             "text", "truncated", "link_id")  # fmt: skip
    parts: dict[str, list] = {name: [] for name in names}
    ids, unit_ids = layer.link_ids, strings(layer.unit_ids)
    for language in LANGUAGES:
        side = layer.sides[language]
        unit = arrow(side.unit, pa.int64())
        position = np.arange(len(side.unit)) - side.first[side.unit] + 1
        last = position == side.count[side.unit]
        # Links and the sentences of each are in document order: the n-th sentence of the
        # language is in the link that the n-th count of its sentences falls in.
        counts = getattr(layer.links, f"{language}_count")
        link = np.repeat(np.arange(len(counts)), counts)
        found = {
            "sentence_id": layer.sentence_ids[language],
            "paragraph_id": paragraph_ids(layer.unit_ids, language).take(unit),
            "unit_id": unit_ids.take(unit),
            "language": strings([language]).take(arrow(np.zeros(len(unit), np.int64), pa.int64())),
            "position": arrow(position, pa.int64()),
            "start": arrow(side.start, pa.int64()),
            "end": arrow(side.end, pa.int64()),
            "text": strings(side.sentences),
            "truncated": arrow(side.truncated[side.unit] & last, pa.bool_()),
            "link_id": ids.take(arrow(link, pa.int64())),
        }
        for name in names:
            parts[name].append(found[name])
    return {name: pa.concat_arrays(arrays) for name, arrays in parts.items()}


def link_columns(layer: SentenceLayer) -> dict[str, pa.Array]:
    links = layer.links
    pair = links.pair
    columns = {
        "link_id": layer.link_ids,
        "unit_id": strings(layer.unit_ids).take(arrow(pair, pa.int64())),
        "position": arrow(np.arange(1, len(pair) + 1), pa.int64()),
    }
    texts = {}
    for language in LANGUAGES:
        side = layer.sides[language]
        count = getattr(links, f"{language}_count")
        at = side.first[pair] + getattr(links, f"{language}_start")
        # Every sentence is in one link, in order: each link's sentences follow the last one's.
        offsets = arrow(np.concatenate(([0], np.cumsum(count))), pa.int32())
        grouped = pa.ListArray.from_arrays(
            offsets, layer.sentence_ids[language], mask=arrow(count == 0, pa.bool_())
        )
        columns[f"{language}_sentence_ids"] = pc.binary_join(grouped, separator(";"))
        texts[f"text_{language}"] = strings(link_texts(side, pair, at, count))
    most = int(max(links.en_count.max(initial=0), links.zh_count.max(initial=0))) + 1
    types = strings([f"{a}-{b}" for a in range(most) for b in range(most)])
    columns["link_type"] = types.take(arrow(links.en_count * most + links.zh_count, pa.int64()))
    columns["score"] = arrow(links.score, pa.float64())
    return columns | texts


def link_texts(side: Side, pair: np.ndarray, at: np.ndarray, count: np.ndarray) -> list[str | None]:
    """Each link's sentences of one side as they stand in the paragraph; None where it has none."""
    start, end, sentences = side.start.tolist(), side.end.tolist(), side.sentences
    return [
        (sentences[i] if n == 1 else side.texts[u][start[i] : end[i + n - 1]]) if n else None
        for u, i, n in zip(pair.tolist(), at.tolist(), count.tolist(), strict=True)
    ]
