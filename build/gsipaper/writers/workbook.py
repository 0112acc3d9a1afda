"""The Excel workbook: sheets of rows → the bytes of one .xlsx file, safe to open.

Every text cell is written as a string, never as a formula, whatever it starts
with. Text that Excel would take for a formula if it were typed in again also
carries Excel's quote prefix, so editing the cell keeps it text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pyarrow as pa

from gsipaper.project.load import Project
from gsipaper.project.schemas import column_names

__all__ = ["SIDE_BY_SIDE_SHEET", "package_workbook"]  # the rest are its own helpers

SIDE_BY_SIDE_SHEET = "side by side"
BUILD_COMMAND = "make build (which runs python -m gsipaper build)"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH, MAX_WIDTH = 6, 60
LINE_HEIGHT = 15  # points: one line of the default 11-point font
HEADER = {"bold": True, "bottom": 1, "valign": "top", "bg_color": "#EEEEEE"}
CELL = {"text_wrap": True, "valign": "top"}
# Characters a spreadsheet draws two columns wide: CJK, Hangul and full-width forms
# (first and last code point of each block).
WIDE = (
    (0x1100, 0x115F), (0x2E80, 0x303E), (0x3041, 0x33FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xA000, 0xA4CF), (0xAC00, 0xD7A3), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFF60),
    (0xFFE0, 0xFFE6),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    header: list[str]
    rows: list[tuple]


def package_workbook(
    tables: dict[str, pa.Table],
    project: Project,
    side_by_side: tuple[list[str], list[tuple]],
    titles: dict[str, str],
    source: str,
) -> bytes:
    """The side-by-side text, one sheet per table, then what the workbook is."""
    metadata = project.metadata
    sheets = [
        Sheet(SIDE_BY_SIDE_SHEET, *side_by_side),
        *(table_sheet(name, table, project.schemas[name]) for name, table in tables.items()),
        Sheet("about", ["about", "value"], about_rows(project, titles, source)),
    ]
    properties = {
        "title": titles["en"],
        "subject": titles["zh"],
        "author": ", ".join(packagers(metadata)),
        "keywords": ", ".join(metadata["keywords"]),
        "comments": f"Version {metadata['version']}, built by {BUILD_COMMAND}.",
    }
    return workbook_bytes(sheets, properties, datetime.fromisoformat(metadata["created"]))


def about_rows(project: Project, titles: dict[str, str], source: str) -> list[tuple[str, str]]:
    metadata = project.metadata
    publication = metadata["publication"]
    return [
        ("title", titles["en"]),
        ("title (Chinese)", titles["zh"]),
        ("publisher", publication["publisher"]),
        ("published", publication["date"]),
        ("source", source),
        *(("licence", f"{lic['title']}: {lic['path']}") for lic in metadata["licenses"]),
        ("version", metadata["version"]),
        ("created", metadata["created"]),
        ("packaged by", ", ".join(packagers(metadata))),
        ("build command", BUILD_COMMAND),
        (f"sheet {SIDE_BY_SIDE_SHEET}", project.views["side_by_side"]["description"]),
        *((f"sheet {name}", schema["description"]) for name, schema in project.schemas.items()),
    ]


def packagers(metadata: dict) -> list[str]:
    return [c["title"] for c in metadata["contributors"] if "packager" in c.get("roles", [])]


def table_sheet(name: str, table: pa.Table, schema: dict) -> Sheet:
    columns = column_names(schema)
    values = [table.column(column).to_pylist() for column in columns]
    return Sheet(name, columns, list(zip(*values, strict=True)))


def workbook_bytes(sheets: list[Sheet], properties: dict[str, str], created: datetime) -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    # In memory, XlsxWriter stamps every part with 1980-01-01; `created` fixes the rest.
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({**properties, "created": created})
    formats = {
        "header": workbook.add_format(HEADER),
        "cell": workbook.add_format(CELL),
        "quoted": workbook.add_format({**CELL, "quote_prefix": True}),
        # LibreOffice shows a boolean as 0 or 1 unless its format names TRUE and FALSE.
        "boolean": workbook.add_format({**CELL, "num_format": '"TRUE";"TRUE";"FALSE"'}),
    }
    for sheet in sheets:
        write_sheet(workbook.add_worksheet(sheet.name), sheet, formats)
    workbook.close()
    return buffer.getvalue()


def write_sheet(worksheet, sheet: Sheet, formats: dict) -> None:
    for column, name in enumerate(sheet.header):
        worksheet.write_string(0, column, name, formats["header"])
    columns = list(zip(*sheet.rows, strict=True)) or [()] * len(sheet.header)
    cells = [display_widths(values) for values in columns]
    widths = [
        min(MAX_WIDTH, max(MIN_WIDTH, int(name) + 2, int(column.max(initial=0))))
        for name, column in zip(display_widths(sheet.header), cells, strict=True)
    ]
    # Spreadsheets do not all grow a row to fit wrapped text on opening: size it here.
    lines: np.ndarray = np.ones(len(sheet.rows), dtype=np.int64)
    for cell_widths, width in zip(cells, widths, strict=True):
        lines = np.maximum(lines, -(-cell_widths // (width - 1)))
    for row, (values, height) in enumerate(zip(sheet.rows, lines.tolist(), strict=True), start=1):
        for place, value in enumerate(values):
            write_cell(worksheet, row, place, value, formats)
        worksheet.set_row(row, LINE_HEIGHT * height)
    for place, width in enumerate(widths):
        worksheet.set_column(place, place, width)
    worksheet.freeze_panes(1, 0)
    worksheet.autofilter(0, 0, len(sheet.rows), len(sheet.header) - 1)


def write_cell(worksheet, row: int, column: int, value, formats: dict) -> None:
    if value is None:
        # Styled like its neighbours, so that a value typed in later wraps too.
        status = worksheet.write_blank(row, column, None, formats["cell"])
    elif isinstance(value, bool):
        status = worksheet.write_boolean(row, column, value, formats["boolean"])
    elif isinstance(value, int | float):
        status = worksheet.write_number(row, column, value, formats["cell"])
    else:
        style = formats["quoted" if value.startswith(FORMULA_STARTS) else "cell"]
        status = worksheet.write_string(row, column, value, style)
    if status != 0:
        # -2: longer than a cell holds (32,767 characters); a cut text would be wrong data.
        raise ValueError(f"cannot write {value!r} to sheet {worksheet.name} (status {status})")


def display_widths(values: tuple | list) -> np.ndarray:
    """Each value's width in a cell: its characters, wide ones twice; 0 for an empty cell."""
    texts = ["" if v is None else "FALSE" if v is True or v is False else str(v) for v in values]
    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype="<u4")
    wide = np.zeros(len(codes), dtype=bool)
    for first, last in WIDE:
        wide |= (codes >= first) & (codes <= last)
    before = np.concatenate(([0], np.cumsum(wide)))
    ends = np.cumsum(lengths)
    return lengths + before[ends] - before[ends - lengths]
