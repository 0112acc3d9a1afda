"""The sentence layer: the aligned edition → the columns of `sentences` and `sentence_links`.

Each paragraph's published text is split with `split_sentences`' rules and each
unit's two paragraphs are linked with `align_sentences`' method, every unit in
one pass. The ratio of Chinese to English characters is the document's own,
measured on its units that have both paragraphs whole. The tables are made a
column at a time: a long document has hundreds of thousands of sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gsipaper.align import Edition
from gsipaper.sentence_align import Links, link_arrays
from gsipaper.sentences import sentence_spans

LANGUAGES = ("en", "zh")


@dataclass(frozen=True, slots=True)
class SentenceLayer:
    unit_ids: list[str]
    texts: dict[str, list[str]]  # each unit's paragraph by language; "" where it has none
    truncated: dict[str, list[bool]]
    spans: dict[str, list[list[tuple[int, int]]]]  # each unit's sentences by language
    sentences: dict[str, list[list[str]]]  # their texts
    links: Links


def sentence_layer(edition: Edition) -> SentenceLayer:
    texts, truncated, spans = {}, {}, {}
    for language in LANGUAGES:
        paragraphs = [unit.paragraph(language) for unit in edition.units]
        texts[language] = [p.text if p else "" for p in paragraphs]
        truncated[language] = [bool(p and p.truncated) for p in paragraphs]
        spans[language] = [sentence_spans(text, language) for text in texts[language]]
    sentences = {
        language: [
            [text[a:b] for a, b in found]
            for text, found in zip(texts[language], spans[language], strict=True)
        ]
        for language in LANGUAGES
    }
    pairs = list(zip(sentences["en"], sentences["zh"], strict=True))
    links = link_arrays(pairs, ratio=document_ratio(edition))
    unit_ids = [unit.unit_id for unit in edition.units]
    return SentenceLayer(unit_ids, texts, truncated, spans, sentences, links)


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


def sentence_ids(layer: SentenceLayer, language: str) -> list[str]:
    """Every sentence id of the language, units in order: e.g. en-s2-05-03."""
    return [
        f"{language}-{unit_id}-{position:02d}"
        for unit_id, found in zip(layer.unit_ids, layer.spans[language], strict=True)
        for position in range(1, len(found) + 1)
    ]


def link_ids(layer: SentenceLayer) -> list[str]:
    """Every link id, in order: the unit and the link's order within it, e.g. s2-05-03."""
    pair = layer.links.pair
    starts = np.searchsorted(pair, pair)  # each link's unit's first link
    order = (np.arange(len(pair)) - starts + 1).tolist()
    return [f"{layer.unit_ids[u]}-{k:02d}" for u, k in zip(pair.tolist(), order, strict=True)]


def sentence_columns(layer: SentenceLayer) -> dict[str, list]:
    columns: dict[str, list] = {name: [] for name in (
        "sentence_id", "paragraph_id", "unit_id", "language", "position", "start", "end",
        "text", "truncated", "link_id",
    )}  # fmt: skip
    ids = link_ids(layer)
    for language in LANGUAGES:
        columns["sentence_id"] += sentence_ids(layer, language)
        for unit_id, cut, found, texts in zip(
            layer.unit_ids, layer.truncated[language], layer.spans[language],
            layer.sentences[language], strict=True,
        ):  # fmt: skip
            count = len(found)
            columns["paragraph_id"] += [f"{language}-{unit_id}"] * count
            columns["unit_id"] += [unit_id] * count
            columns["language"] += [language] * count
            columns["position"] += range(1, count + 1)
            columns["start"] += [a for a, _ in found]
            columns["end"] += [b for _, b in found]
            columns["text"] += texts
            columns["truncated"] += [cut and k == count for k in range(1, count + 1)]
        # Links and the sentences of each are in document order: the n-th sentence of the
        # language is in the link that the n-th count of its sentences falls in.
        counts = getattr(layer.links, f"{language}_count")
        columns["link_id"] += [ids[k] for k in np.repeat(np.arange(len(counts)), counts).tolist()]
    return columns


def link_columns(layer: SentenceLayer) -> dict[str, list]:
    links = layer.links
    pair = links.pair.tolist()
    columns = {
        "link_id": link_ids(layer),
        "unit_id": [layer.unit_ids[u] for u in pair],
        "position": list(range(1, len(pair) + 1)),
    }
    for language in LANGUAGES:
        ids = sentence_ids(layer, language)
        first_id = np.concatenate(([0], np.cumsum([len(s) for s in layer.spans[language]])))
        start = getattr(links, f"{language}_start").tolist()
        count = getattr(links, f"{language}_count").tolist()
        at = (first_id[links.pair] + getattr(links, f"{language}_start")).tolist()
        columns[f"{language}_sentence_ids"] = [
            (ids[i] if n == 1 else ";".join(ids[i : i + n]) or None)
            for i, n in zip(at, count, strict=True)
        ]
        spans, texts = layer.spans[language], layer.texts[language]
        sentences = layer.sentences[language]
        columns[f"text_{language}"] = [
            (sentences[u][s] if n == 1 else texts[u][spans[u][s][0] : spans[u][s + n - 1][1]])
            if n
            else None
            for u, s, n in zip(pair, start, count, strict=True)
        ]
    link_type = np.char.add(
        np.char.add(links.en_count.astype(str), "-"), links.zh_count.astype(str)
    )
    texts = {key: columns.pop(key) for key in ("text_en", "text_zh")}
    return columns | {"link_type": link_type.tolist(), "score": links.score.tolist(), **texts}
