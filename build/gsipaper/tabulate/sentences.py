"""The sentence tables: the aligned edition → `sentences` and `sentence_links`, typed.

Each paragraph's published text is split with `split_sentences`' rules and each
unit's two paragraphs are linked with `align_sentences`' method. The ratio of
Chinese to English characters is the document's own, measured on its units that
have both paragraphs whole; the length variance and the rates of the dictionary's
evidence are estimated on its first sentences (`estimated_model`). The units are then taken a chunk at a time,
each chunk in one pass, and its columns made in Arrow: a long document has
hundreds of thousands of sentences, and a chunk's Python strings and program
are dropped before the next chunk's are made. A unit's sentences and links do
not depend on the chunk it falls in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import nanoarrow
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from gsipaper.facts import LANGUAGES, paragraph_id
from gsipaper.paper.align import Edition, Unit
from gsipaper.sentences.align import estimated_links
from gsipaper.sentences.model import MODEL, Links, Model
from gsipaper.sentences.split import spans_of_paragraphs
from gsipaper.tabulate.typed import typed_table

__all__ = ["sentence_tables"]  # the rest are its own helpers

CHUNK = 500_000  # characters of paragraph text, both languages, in a chunk of units


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
    """A chunk of units: their sentences, links and ids."""

    unit_ids: list[str]
    sides: dict[str, Side]
    links: Links
    sentence_ids: dict[str, pa.Array]  # by language, in order
    link_ids: pa.Array
    model: Model  # with the variance and lexical rates estimated on the first chunk


def sentence_tables(edition: Edition, schemas: dict[str, dict]) -> dict[str, pa.Table]:
    """The sentences and sentence_links tables: every paragraph pair split and aligned."""
    ratio, model, before = document_ratio(edition), None, 0
    sentences: dict[str, list] = {language: [] for language in LANGUAGES}
    links = []
    for units in chunks(edition.units):
        layer = sentence_layer(units, ratio, model)
        model = layer.model  # the first chunk's estimates, for every chunk
        for language in LANGUAGES:
            sentences[language].append(sentence_columns(layer, language))
        links.append(link_columns(layer, before))
        before += len(layer.links.pair)
    # One language's sentences, every chunk's, then the other's.
    in_order = [part for language in LANGUAGES for part in sentences[language]]
    columns = {"sentences": lambda: joined(in_order), "sentence_links": lambda: joined(links)}
    return {
        name: typed_table(name, columns[name](), schemas[name])
        for name in schemas
        if name in columns
    }


def chunks(units: Sequence[Unit]) -> Iterator[Sequence[Unit]]:
    """Runs of units of about `CHUNK` characters; one, empty, for no units."""
    start, size = 0, 0
    for end, unit in enumerate(units, start=1):
        size += sum(len(p.text) for p in (unit.en, unit.zh) if p)
        if size >= CHUNK:
            yield units[start:end]
            start, size = end, 0
    if start < len(units) or not units:
        yield units[start:]


def joined(parts: list[dict[str, pa.Array]]) -> dict[str, pa.ChunkedArray]:
    """The chunks' columns as chunked arrays: joined, they would be held twice while joining."""
    return {name: pa.chunked_array([part[name] for part in parts]) for name in parts[0]}


def sentence_layer(
    units: Sequence[Unit], ratio: float | None, model: Model | None
) -> SentenceLayer:
    sides = {language: side_of(units, language) for language in LANGUAGES}
    pairs = list(zip(*(unit_sentences(sides[language]) for language in LANGUAGES), strict=True))
    links, model = estimated_links(pairs, ratio, model or MODEL)
    unit_ids = [unit.unit_id for unit in units]
    return SentenceLayer(
        unit_ids,
        sides,
        links,
        {language: sentence_ids(unit_ids, sides[language], language) for language in LANGUAGES},
        link_ids(unit_ids, links),
        model,
    )


def side_of(units: Sequence[Unit], language: str) -> Side:
    paragraphs = [unit.paragraph(language) for unit in units]
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
        (unit.en.text, unit.zh.text)
        for unit in edition.units
        if unit.en and unit.zh and not unit.en.truncated and not unit.zh.truncated
    ]
    english = sum(len(en) for en, _ in whole)
    chinese = sum(len(zh) for _, zh in whole)
    return chinese / english if english and chinese else None


def arrow(values: np.ndarray, type_: pa.DataType) -> pa.Array:
    """A numpy column as Arrow, without pyarrow's converter (which imports pandas)."""
    if type_ == pa.bool_():
        data = np.packbits(values.astype(bool), bitorder="little")
    else:
        data = np.ascontiguousarray(values, dtype=type_.to_pandas_dtype())
    return pa.Array.from_buffers(type_, len(values), [None, pa.py_buffer(data)])


def strings(values: Sequence[str | None]) -> pa.Array:
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
    return strings([paragraph_id(language, unit) for unit in unit_ids])


def link_ids(unit_ids: list[str], links: Links) -> pa.Array:
    """Every link id, in order: the unit and the link's order within it, e.g. s2-05-03."""
    pair = links.pair
    order = np.arange(len(pair)) - np.searchsorted(pair, pair) + 1  # from each unit's first link
    return numbered(strings(unit_ids).take(arrow(pair, pa.int64())), order)


def sentence_columns(layer: SentenceLayer, language: str) -> dict[str, pa.Array]:
    """The chunk's sentences of one language as columns."""
    side = layer.sides[language]
    unit = arrow(side.unit, pa.int64())
    position = np.arange(len(side.unit)) - side.first[side.unit] + 1
    last = position == side.count[side.unit]
    # Links and the sentences of each are in document order: the n-th sentence of the
    # language is in the link that the n-th count of its sentences falls in.
    counts = getattr(layer.links, f"{language}_count")
    link = np.repeat(np.arange(len(counts)), counts)
    return {
        "sentence_id": layer.sentence_ids[language],
        "paragraph_id": paragraph_ids(layer.unit_ids, language).take(unit),
        "unit_id": strings(layer.unit_ids).take(unit),
        "language": strings([language]).take(arrow(np.zeros(len(unit), np.int64), pa.int64())),
        "position": arrow(position, pa.int64()),
        "start": arrow(side.start, pa.int64()),
        "end": arrow(side.end, pa.int64()),
        "text": strings(side.sentences),
        "truncated": arrow(side.truncated[side.unit] & last, pa.bool_()),
        "link_id": layer.link_ids.take(arrow(link, pa.int64())),
    }


def link_columns(layer: SentenceLayer, before: int) -> dict[str, pa.Array]:
    """The chunk's links as columns; `before`: the links of the chunks before it."""
    links = layer.links
    pair = links.pair
    columns = {
        "link_id": layer.link_ids,
        "unit_id": strings(layer.unit_ids).take(arrow(pair, pa.int64())),
        "position": arrow(np.arange(before + 1, before + len(pair) + 1), pa.int64()),
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
