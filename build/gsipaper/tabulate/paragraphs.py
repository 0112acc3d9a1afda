"""The paragraph tables: the aligned edition and its commitments → four Arrow tables."""

from __future__ import annotations

import pyarrow as pa

from gsipaper.facts import LANGUAGES, paragraph_id
from gsipaper.paper.align import Edition
from gsipaper.paper.roles import Commitment
from gsipaper.tabulate.typed import by_column, typed_table

__all__ = ["paragraph_tables"]  # the rest are its own helpers


def paragraph_tables(
    edition: Edition, commitments: tuple[Commitment, ...], schemas: dict[str, dict]
) -> dict[str, pa.Table]:
    """The paragraphs, sections, commitments and alignments tables, in the schemas' order."""
    rows = {
        "paragraphs": lambda: paragraph_rows(edition),
        "sections": lambda: section_rows(edition),
        "commitments": lambda: commitment_rows(commitments),
        "alignments": lambda: alignment_rows(edition),
    }
    # Each table's rows are made just before they are converted and dropped right after,
    # so that at most one table's rows are held at a time.
    return {
        name: typed_table(name, by_column(rows[name]()), schemas[name])
        for name in schemas
        if name in rows
    }


def paragraph_rows(edition: Edition) -> list[dict]:
    rows = []
    for language in LANGUAGES:
        present = [(u, p) for u in edition.units if (p := u.paragraph(language)) is not None]
        for position, (unit, paragraph) in enumerate(present, start=1):
            rows.append(
                {
                    "paragraph_id": paragraph_id(language, unit.unit_id),
                    "unit_id": unit.unit_id,
                    "language": language,
                    "position": position,
                    "section": unit.section,
                    "commitment": unit.commitment,
                    "priority": unit.priority,
                    "item": unit.item,
                    "marker": paragraph.marker,
                    "text": paragraph.text,
                    "truncated": paragraph.truncated,
                    "source_lines": ";".join(map(str, paragraph.lines)),
                }
            )
    return rows


def section_rows(edition: Edition) -> list[dict]:
    return [
        {
            "section": en.section,
            "numeral_en": en.numeral,
            "numeral_zh": zh.numeral,
            "title_en": en.title,
            "title_zh": zh.title,
            "source_line_en": en.line,
            "source_line_zh": zh.line,
        }
        for en, zh in zip(edition.headings["en"], edition.headings["zh"], strict=True)
    ]


def commitment_rows(commitments: tuple[Commitment, ...]) -> list[dict]:
    return [
        {
            "commitment": commitment.number,
            "marker_en": commitment.markers["en"],
            "marker_zh": commitment.markers["zh"],
            "title_en": commitment.titles["en"],
            "title_zh": commitment.titles["zh"],
            "role_en": commitment.roles["en"],
            "role_zh": commitment.roles["zh"],
        }
        for commitment in commitments
    ]


def alignment_rows(edition: Edition) -> list[dict]:
    return [
        {
            "unit_id": unit.unit_id,
            "position": position,
            "section": unit.section,
            "commitment": unit.commitment,
            "priority": unit.priority,
            "item": unit.item,
            "en_paragraph_id": unit.en and paragraph_id("en", unit.unit_id),
            "zh_paragraph_id": unit.zh and paragraph_id("zh", unit.unit_id),
            "link_type": unit.link_type,
            "text_en": unit.en and unit.en.text,
            "text_zh": unit.zh and unit.zh.text,
        }
        for position, unit in enumerate(edition.units, start=1)
    ]
