"""Validate: a written package → the list of its problems (empty when valid).

frictionless checks the CSV resources against their schemas, keys, bytes and
hashes; pyarrow proves each Parquet file holds the same data as its CSV; the
workbook, database and zip, built from those same tables, are checked for their
bytes and hashes (the tests read each of them back).
"""

from __future__ import annotations

import json
from pathlib import Path

import frictionless
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from gsipaper.publish import sha256
from gsipaper.schemas import arrow_schema


def validate(package_dir: Path) -> list[str]:
    package = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    return (
        frictionless_problems(package, package_dir)
        + parquet_problems(package, package_dir)
        + artefact_problems(package, package_dir)
    )


def frictionless_problems(package: dict, package_dir: Path) -> list[str]:
    csv_only = {**package, "resources": [r for r in package["resources"] if r["format"] == "csv"]}
    report = frictionless.Package(csv_only, basepath=str(package_dir)).validate()
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + [
        f"package: {error.message}" for error in report.errors
    ]


def parquet_problems(package: dict, package_dir: Path) -> list[str]:
    problems = []
    csv_resources = {r["path"]: r for r in package["resources"] if r["format"] == "csv"}
    for resource in package["resources"]:
        if resource["format"] != "parquet":
            continue
        csv_path = resource["path"].removesuffix(".parquet") + ".csv"
        schema = json.loads((package_dir / resource["schema"]).read_text(encoding="utf-8"))
        if csv_path not in csv_resources:
            problems.append(f"{resource['name']}: no CSV resource {csv_path} to compare with")
            continue
        try:
            expected = read_csv(package_dir / csv_path, schema)
            # ParquetFile.read, not read_table: the same table, without pyarrow.dataset's imports.
            actual = pq.ParquetFile(package_dir / resource["path"]).read()
        except (pa.ArrowException, OSError) as error:
            problems.append(f"{resource['name']}: cannot compare with {csv_path}: {error}")
            continue
        if not same_data(expected, actual):
            problems.append(
                f"{resource['name']}: {resource['path']} does not hold the data of {csv_path}"
            )
    return problems


def artefact_problems(package: dict, package_dir: Path) -> list[str]:
    problems = []
    for resource in package["resources"]:
        if resource["format"] in ("csv", "parquet"):
            continue
        data = (package_dir / resource["path"]).read_bytes()
        if (len(data), sha256(data)) != (resource["bytes"], resource["hash"]):
            problems.append(f"{resource['name']}: {resource['path']} is not the file described")
    return problems


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


def same_data(expected, actual) -> bool:
    return (
        expected.column_names == actual.column_names
        and expected.schema.types == actual.schema.types
        and all(a.equals(b) for a, b in zip(expected.columns, actual.columns, strict=True))
    )
