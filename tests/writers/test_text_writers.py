"""Every writer of a text format keeps hostile text as text: markup characters, quotes,
bidi marks and any other character the source may hold come back equal through a real
parser of the format (lxml for TMX, pyarrow for CSV, sqlite3 for the database)."""

import sqlite3

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from gsipaper.errors import SourceError
from gsipaper.formats import csv_bytes, csv_table
from gsipaper.paper import read
from gsipaper.writers.database import database_bytes
from gsipaper.writers.exports import translation_files
from gsipaper.writers.workbook import table_sheet, workbook_bytes
from support.documents import hostile_texts


def links_of(pairs: list[tuple[str, str]]) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "link_id": f"s1-01-{n:02d}",
                "unit_id": "s1-01",
                "link_type": "1-1",
                "score": 0.5,
                "en_sentence_ids": f"en-s1-01-{n:02d}",
                "zh_sentence_ids": f"zh-s1-01-{n:02d}",
                "text_en": en,
                "text_zh": zh,
            }
            for n, (en, zh) in enumerate(pairs, start=1)
        ]
    )


@settings(deadline=None)
@given(st.lists(st.tuples(hostile_texts(), hostile_texts()), min_size=1, max_size=5))
def test_the_tmx_file_reads_back_as_its_text(pairs):
    tmx = translation_files(links_of(pairs), "1.0.0")["tmx"]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.fromstring(tmx, parser)
    units = tree.findall("body/tu")
    segments = [tuple(seg.text or "" for seg in unit.findall("tuv/seg")) for unit in units]
    assert segments == pairs


@settings(deadline=None)
@given(st.lists(st.tuples(hostile_texts(), hostile_texts()), min_size=1, max_size=5))
def test_the_moses_files_hold_one_pair_a_line(pairs):
    files = translation_files(links_of(pairs), "1.0.0")
    english = files["en-zh.en"].decode("utf-8").split("\n")
    chinese = files["en-zh.zh"].decode("utf-8").split("\n")
    assert english == [en for en, _ in pairs] + [""]
    assert chinese == [zh for _, zh in pairs] + [""]


TEXT_SCHEMA = {
    "fields": [
        {"name": "id", "type": "integer", "description": "a number"},
        {"name": "text", "type": "string", "description": "hostile text"},
    ]
}


@settings(deadline=None)
@given(st.lists(hostile_texts(), min_size=1, max_size=5))
def test_the_csv_reads_back_as_its_text(texts):
    table = pa.table({"id": pa.array(range(len(texts)), pa.int64()), "text": texts})
    data = csv_bytes(table)
    assert not data.startswith(b"\xef\xbb\xbf")
    back = csv_table(data, TEXT_SCHEMA)
    assert back.column("text").to_pylist() == texts


@settings(deadline=None)
@given(st.lists(hostile_texts(), min_size=1, max_size=5))
def test_the_database_reads_back_as_its_text(texts):
    schema = {**TEXT_SCHEMA, "primaryKey": ["id"]}
    table = pa.table({"id": pa.array(range(len(texts)), pa.int64()), "text": texts})
    data = database_bytes({"notes": table}, {"notes": schema}, {})
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)
    rows = connection.execute("SELECT text FROM notes ORDER BY id").fetchall()
    assert [text for (text,) in rows] == texts


def test_a_lone_surrogate_or_a_non_character_is_refused_by_the_reader():
    for bad in ("\ud800", "\ufffe", "\uffff"):
        data = f"Title\n{bad}\n".encode("utf-8", "surrogatepass")
        with pytest.raises(SourceError) as refused:
            read.decode(data)
        assert refused.value.line == 2, bad


@settings(deadline=None, max_examples=30)
@given(st.lists(hostile_texts(), min_size=1, max_size=5))
def test_the_workbook_reads_back_as_its_text(texts):
    import io
    from datetime import UTC, datetime

    import openpyxl

    table = pa.table({"id": pa.array(range(len(texts)), pa.int64()), "text": texts})
    sheet = table_sheet("notes", table, TEXT_SCHEMA)
    data = workbook_bytes([sheet], {"title": "T"}, datetime(2026, 1, 1, tzinfo=UTC))
    rows = openpyxl.load_workbook(io.BytesIO(data), read_only=True)["notes"].iter_rows(
        min_row=2, values_only=True
    )
    assert [text for _, text in rows] == texts
