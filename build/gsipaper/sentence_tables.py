"""The sentence layer: the aligned edition → the rows of `sentences` and `sentence_links`.

Each paragraph's published text is split with `split_sentences`' rules and each
unit's two paragraphs are linked with `align_sentences`' method, every unit in
one pass. The ratio of Chinese to English characters is the document's own,
measured on its units that have both paragraphs whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from gsipaper.align import Edition, Unit
from gsipaper.sentence_align import Link, sentence_links
from gsipaper.sentences import sentence_spans

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class UnitSentences:
    unit: Unit
    spans: dict[str, Spans]  # by language; none where the unit lacks the language
    links: tuple[Link, ...]


def sentence_layer(edition: Edition) -> list[UnitSentences]:
    spans = [
        {
            language: tuple(sentence_spans(paragraph.text, language)) if paragraph else ()
            for language, paragraph in (("en", unit.en), ("zh", unit.zh))
        }
        for unit in edition.units
    ]
    pairs = [
        (texts(unit.en, found["en"]), texts(unit.zh, found["zh"]))
        for unit, found in zip(edition.units, spans, strict=True)
    ]
    links = sentence_links(pairs, ratio=document_ratio(edition))
    return [
        UnitSentences(unit, found, tuple(unit_links))
        for unit, found, unit_links in zip(edition.units, spans, links, strict=True)
    ]


def texts(paragraph, spans: Spans) -> list[str]:
    return [paragraph.text[start:end] for start, end in spans]


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


def sentence_id(language: str, unit_id: str, position: int) -> str:
    return f"{language}-{unit_id}-{position:02d}"


def link_id(unit_id: str, position: int) -> str:
    return f"{unit_id}-{position:02d}"


def sentence_rows(layer: list[UnitSentences]) -> list[dict]:
    rows = []
    for language in ("en", "zh"):
        for found in layer:
            paragraph = found.unit.paragraph(language)
            spans = found.spans[language]
            links = link_of_sentence(found, language)
            for position, (start, end) in enumerate(spans, start=1):
                rows.append(
                    {
                        "sentence_id": sentence_id(language, found.unit.unit_id, position),
                        "paragraph_id": f"{language}-{found.unit.unit_id}",
                        "unit_id": found.unit.unit_id,
                        "language": language,
                        "position": position,
                        "start": start,
                        "end": end,
                        "text": paragraph.text[start:end],
                        "truncated": paragraph.truncated and position == len(spans),
                        "link_id": links[position - 1],
                    }
                )
    return rows


def link_of_sentence(found: UnitSentences, language: str) -> list[str]:
    owners = [""] * len(found.spans[language])
    for number, link in enumerate(found.links, start=1):
        for index in link.english if language == "en" else link.chinese:
            owners[index] = link_id(found.unit.unit_id, number)
    return owners


def sentence_link_rows(layer: list[UnitSentences]) -> list[dict]:
    rows = []
    for found in layer:
        unit_id = found.unit.unit_id
        for number, link in enumerate(found.links, start=1):
            rows.append(
                {
                    "link_id": link_id(unit_id, number),
                    "unit_id": unit_id,
                    "position": len(rows) + 1,
                    "en_sentence_ids": ids("en", unit_id, link.english),
                    "zh_sentence_ids": ids("zh", unit_id, link.chinese),
                    "link_type": link.link_type,
                    "score": link.score,
                    "text_en": joined(found, "en", link.english),
                    "text_zh": joined(found, "zh", link.chinese),
                }
            )
    return rows


def ids(language: str, unit_id: str, indices: tuple[int, ...]) -> str | None:
    return ";".join(sentence_id(language, unit_id, i + 1) for i in indices) or None


def joined(found: UnitSentences, language: str, indices: tuple[int, ...]) -> str | None:
    """The sentences as they stand in the paragraph, with what lies between them."""
    if not indices:
        return None
    spans = found.spans[language]
    text = found.unit.paragraph(language).text
    return text[spans[indices[0]][0] : spans[indices[-1]][1]]
