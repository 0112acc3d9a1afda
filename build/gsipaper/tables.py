"""Tables: the aligned edition → one Arrow table per resource, typed by its Table Schema."""

from __future__ import annotations

from functools import cache

import nanoarrow
import pyarrow as pa

from gsipaper.align import Edition, Unit
from gsipaper.markers import LANGUAGES
from gsipaper.schemas import arrow_schema, check_columns
from gsipaper.sentence_tables import sentence_tables


def tables(edition: Edition, schemas: dict[str, dict]) -> dict[str, pa.Table]:
    layer = cache(lambda: sentence_tables(edition))  # both sentence tables, made once
    columns = {
        "paragraphs": lambda: by_column(paragraph_rows(edition)),
        "sections": lambda: by_column(section_rows(edition)),
        "commitments": lambda: by_column(commitment_rows(edition)),
        "alignments": lambda: by_column(alignment_rows(edition)),
        "sentences": lambda: layer().sentences,
        "sentence_links": lambda: layer().links,
    }
    # Each table's rows are made just before they are converted and dropped right after,
    # so that at most one table's rows are held at a time.
    made = {}
    for name, schema in schemas.items():
        made[name] = typed_table(name, columns[name](), schema)
        pa.default_memory_pool().release_unused()  # Arrow's allocator keeps what it freed
    return made


def by_column(rows: list[dict]) -> dict[str, list]:
    return {name: [row[name] for row in rows] for name in (rows[0] if rows else {})}


def typed_table(
    name: str, columns: dict[str, list | pa.Array | pa.ChunkedArray], table_schema: dict
) -> pa.Table:
    """Columns → an Arrow table, a column at a time through nanoarrow.

    The columns must be the schema's fields, in order: a column made here and
    not declared there is refused, not dropped. pyarrow's own converter of
    Python values imports pandas wherever pandas is installed, which costs the
    build a fifth of a second; nanoarrow does not.
    """
    if columns:
        check_columns(name, list(columns), table_schema)
    schema = arrow_schema(table_schema)
    arrays = [arrow_column(columns.get(f.name, []), f.type) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def arrow_column(
    values: list | pa.Array | pa.ChunkedArray, type_: pa.DataType
) -> pa.Array | pa.ChunkedArray:
    """A column of Python values, or one already made in Arrow, as an Arrow array of the type."""
    if isinstance(values, pa.Array | pa.ChunkedArray):
        return values if values.type == type_ else values.cast(type_)
    return pa.array(nanoarrow.c_array(values, type_))


def paragraph_rows(edition: Edition) -> list[dict]:
    rows = []
    for language in LANGUAGES:
        present = [(u, u.paragraph(language)) for u in edition.units if u.paragraph(language)]
        for position, (unit, paragraph) in enumerate(present, start=1):
            rows.append(
                {
                    "paragraph_id": paragraph_id(language, unit),
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


def commitment_rows(edition: Edition) -> list[dict]:
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
        for commitment in edition.commitments
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
            "en_paragraph_id": unit.en and paragraph_id("en", unit),
            "zh_paragraph_id": unit.zh and paragraph_id("zh", unit),
            "link_type": unit.link_type,
            "text_en": unit.en and unit.en.text,
            "text_zh": unit.zh and unit.zh.text,
        }
        for position, unit in enumerate(edition.units, start=1)
    ]


def paragraph_id(language: str, unit: Unit) -> str:
    return f"{language}-{unit.unit_id}"
