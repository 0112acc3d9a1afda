"""The Excel workbook, read back with openpyxl: the same data, no formula, frozen headers."""

import io
import re
import sqlite3
import unicodedata
import zipfile
from datetime import datetime

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from gsipaper.project.schemas import RESOURCES, column_names
from gsipaper.writers.workbook import MAX_WIDTH, MIN_WIDTH, Sheet, workbook_bytes
from support.project import VERSION

SHEETS = ["side by side", *RESOURCES, "about"]


@pytest.fixture(scope="module")
def opened(workbook):
    return openpyxl.load_workbook(workbook)


def rows_of(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_sheets_are_side_by_side_then_one_per_table_then_about(opened):
    assert opened.sheetnames == SHEETS


@pytest.mark.parametrize("name", RESOURCES)
def test_each_table_sheet_holds_the_published_table(opened, published, schemas, name):
    header, *rows = rows_of(opened[name])
    columns = column_names(schemas[name])
    assert list(header) == columns
    assert [dict(zip(columns, row, strict=True)) for row in rows] == published[name]


@pytest.mark.parametrize("name", RESOURCES)
def test_cells_keep_their_types(opened, schemas, name):
    kinds = {"string": "s", "integer": "n", "number": "n", "boolean": "b"}
    sheet = opened[name]
    for column, field in enumerate(schemas[name]["fields"], start=1):
        cells = [cell for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column)]
        types = {cell.data_type for cell in cells if cell.value is not None}
        assert types == {kinds[field["type"]]}, field["name"]


def test_side_by_side_sheet_is_the_database_view(database, opened):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        cursor = db.execute("SELECT * FROM side_by_side")
        expected = [tuple(d[0] for d in cursor.description), *cursor.fetchall()]
    assert rows_of(opened["side by side"]) == expected
    assert len(expected) == 14 and expected[1][-1].startswith("安全问题事关各国人民的福祉")


def test_no_cell_anywhere_is_a_formula(opened, workbook):
    for sheet in opened.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row), sheet.title
    with zipfile.ZipFile(workbook) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name


def test_headers_are_frozen_wrapped_and_columns_sized(opened):
    for sheet in opened.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
        assert all(MIN_WIDTH <= width <= MAX_WIDTH + 1 for width in widths), sheet.title
        assert all(cell.alignment.wrap_text for row in sheet.iter_rows(min_row=2) for cell in row)
    paragraphs = opened["paragraphs"]
    text = get_column_letter([cell.value for cell in paragraphs[1]].index("text") + 1)
    assert paragraphs.column_dimensions[text].width > 50


def written_widths(workbook, index: int) -> list[int]:
    """The column widths set on the index-th sheet, read from its XML (XlsxWriter writes a
    width w as w + 5/7, and one <col> for a run of columns of the same width)."""
    with zipfile.ZipFile(workbook) as archive:
        xml = archive.read(f"xl/worksheets/sheet{index + 1}.xml").decode()
    widths = {}
    for first, last, width in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', xml):
        for column in range(int(first), int(last) + 1):
            widths[column] = int(float(width))
    return [widths[column] for column in sorted(widths)]


def shown_width(value) -> int:
    """Characters, those East Asian scripts draw wide counted twice; TRUE/FALSE as FALSE."""
    text = "FALSE" if isinstance(value, bool) else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_every_row_is_as_tall_as_its_longest_text_wrapped_in_its_column(opened, workbook):
    for index, sheet in enumerate(opened.worksheets):
        widths = written_widths(workbook, index)
        for number, row in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
            lines = max(
                [1]
                + [
                    -(-shown_width(v) // (w - 1))
                    for v, w in zip(row, widths, strict=True)
                    if v is not None
                ]
            )
            # A row of the default height carries none of its own.
            height = sheet.row_dimensions[number].height or sheet.sheet_format.defaultRowHeight
            assert height == 15 * lines, (sheet.title, number)


def test_about_sheet_names_title_source_licence_version_and_build(opened):
    about = dict(rows_of(opened["about"])[1:])
    assert about["title"] == "The Global Security Initiative Concept Paper"
    assert about["title (Chinese)"] == "全球安全倡议概念文件"
    assert about["version"] == VERSION
    assert about["source"].startswith("source/gsi-concept-paper.txt, sha256 c7fe715c")
    assert about["licence"].endswith("https://creativecommons.org/publicdomain/zero/1.0/")
    assert "python -m gsipaper build" in about["build command"]


def test_document_properties_are_fixed(opened, descriptor):
    release = datetime.fromisoformat(descriptor["created"]).replace(tzinfo=None)
    assert release == datetime(release.year, release.month, release.day)
    assert opened.properties.created == release
    assert opened.properties.modified == release
    assert opened.properties.title == "The Global Security Initiative Concept Paper"


FORMULA_LIKE = ["=1+1", '=HYPERLINK("http://example.com")', "+SUM(A1:A2)", "-2+3", "@cmd", "\t=x"]


def synthetic_workbook() -> bytes:
    rows = [(text, position) for position, text in enumerate([*FORMULA_LIKE, "plain"], start=1)]
    return workbook_bytes([Sheet("t", ["text", "n"], rows)], {}, datetime(2000, 1, 1))


def test_text_that_looks_like_a_formula_is_written_as_text():
    sheet = openpyxl.load_workbook(io.BytesIO(synthetic_workbook()))["t"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [*FORMULA_LIKE, "plain"]
    assert {cell.data_type for cell in cells} == {"s"}
    # Excel's quote prefix keeps such text text when a user edits the cell.
    assert [cell.quotePrefix for cell in cells] == [True] * len(FORMULA_LIKE) + [False]


def test_the_same_sheets_give_the_same_bytes():
    assert synthetic_workbook() == synthetic_workbook()


def test_text_longer_than_a_cell_holds_is_refused_not_cut():
    with pytest.raises(ValueError, match="cannot write"):
        workbook_bytes([Sheet("t", ["text"], [("x" * 40_000,)])], {}, datetime(2000, 1, 1))
