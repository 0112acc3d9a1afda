"""The published formats' bytes, written and read the one way: CSV, Parquet, JSON.

The CSV is UTF-8 without a byte-order mark, CRLF line ends, quoted only where needed,
as the descriptor's dialect says; Parquet is zstd-compressed with statistics.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from gsipaper.project.schemas import arrow_schema

__all__ = [
    "CSV_DIALECT",
    "csv_bytes",
    "csv_table",
    "json_bytes",
    "parquet_bytes",
    "read_csv",
]  # the rest are its own helpers

CSV_DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}
CSV_OPTIONS = pacsv.WriteOptions(eol="\r\n", quoting_style="needed")
PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 9, "write_statistics": True}


def csv_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pacsv.write_csv(table, sink, CSV_OPTIONS)
    return sink.getvalue().to_pybytes()


def parquet_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, **PARQUET_OPTIONS)
    return sink.getvalue().to_pybytes()


def json_bytes(value: dict) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_csv(path: Path, schema: dict):
    return csv_table(path.read_bytes(), schema)


def csv_table(data: bytes, schema: dict) -> pa.Table:
    """The bytes of a CSV file → its table, typed by its Table Schema."""
    types = arrow_schema(schema)
    options = pacsv.ConvertOptions(
        column_types={field.name: field.type for field in types},
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
        true_values=["true"],
        false_values=["false"],
    )
    # One block for the whole file: a cell may be larger than the default block.
    whole = pacsv.ReadOptions(block_size=len(data) + 1)
    return pacsv.read_csv(pa.BufferReader(data), read_options=whole, convert_options=options)
