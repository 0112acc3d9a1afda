"""Validate: a written package → its problems, as data (an empty list when it is valid).

frictionless checks the CSV resources against their schemas, keys, bytes and
hashes; pyarrow proves each Parquet file holds the same data as its CSV, and
the build checks the bytes and hash of every file frictionless does not (the
Parquet files, the workbook, the database and the zip).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import frictionless
import pyarrow as pa
import pyarrow.parquet as pq

from gsipaper.facts import hash_field
from gsipaper.formats import read_csv

__all__ = ["validate"]  # the rest are its own helpers


@dataclass(frozen=True, slots=True)
class Problem:
    resource: str  # the resource's name, or "package"
    message: str
    row: int | None = None  # as frictionless counts rows: the header is row 1
    field: str | None = None

    def __str__(self) -> str:
        where = [self.resource]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field {self.field}")
        return f"{', '.join(where)}: {self.message}"


def validate(package_dir: Path) -> list[Problem]:
    package = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    return (
        frictionless_problems(package, package_dir)
        + parquet_problems(package, package_dir)
        + file_problems(package, package_dir)
    )


def frictionless_problems(package: dict, package_dir: Path) -> list[Problem]:
    csv_only = {**package, "resources": [r for r in package["resources"] if r["format"] == "csv"]}
    report = frictionless.Package(csv_only, basepath=str(package_dir)).validate()
    return [
        Problem(
            task.name,
            error.message,
            getattr(error, "row_number", None),
            getattr(error, "field_name", None),
        )
        for task in report.tasks
        for error in task.errors
    ] + [Problem("package", error.message) for error in report.errors]


def parquet_problems(package: dict, package_dir: Path) -> list[Problem]:
    problems = []
    csv_resources = {r["path"]: r for r in package["resources"] if r["format"] == "csv"}
    for resource in package["resources"]:
        if resource["format"] != "parquet":
            continue
        name, csv_path = resource["name"], resource["path"].removesuffix(".parquet") + ".csv"
        schema = json.loads((package_dir / resource["schema"]).read_text(encoding="utf-8"))
        if csv_path not in csv_resources:
            problems.append(Problem(name, f"no CSV resource {csv_path} to compare with"))
            continue
        try:
            expected = read_csv(package_dir / csv_path, schema)
            # ParquetFile.read, not read_table: the same table, without pyarrow.dataset's imports.
            actual = pq.ParquetFile(package_dir / resource["path"]).read()
        except (pa.ArrowException, OSError) as error:
            problems.append(Problem(name, f"cannot compare with {csv_path}: {error}"))
            continue
        problems += differences(name, expected, actual, csv_path)
    return problems


def differences(name: str, expected: pa.Table, actual: pa.Table, csv_path: str) -> list[Problem]:
    """Where the Parquet table differs from its CSV: columns, types, then the first cell."""
    if expected.column_names != actual.column_names:
        return [Problem(name, f"other columns than {csv_path}: {actual.column_names}")]
    problems = []
    for field, column in zip(expected.schema, expected.columns, strict=True):
        other = actual.column(field.name)
        if other.type != field.type:
            problems.append(Problem(name, f"type {other.type}, not {field.type}", field=field.name))
        elif not column.equals(other):
            row = first_difference(column.to_pylist(), other.to_pylist())
            problems.append(
                Problem(name, f"does not hold the values of {csv_path}", row, field.name)
            )
    return problems


def first_difference(expected: list, actual: list) -> int:
    """The row, counted as frictionless counts (the header is row 1), where the lists part."""
    for index, (a, b) in enumerate(zip(expected, actual, strict=False)):
        if a != b:
            return index + 2
    return min(len(expected), len(actual)) + 2


def file_problems(package: dict, package_dir: Path) -> list[Problem]:
    """Bytes and hash of every file frictionless does not check itself."""
    problems = []
    for resource in package["resources"]:
        if resource["format"] == "csv":
            continue
        path = package_dir / resource["path"]
        data = path.read_bytes() if path.is_file() else None
        if data is None:
            problems.append(Problem(resource["name"], f"no file {resource['path']}"))
        elif (len(data), hash_field(data)) != (resource.get("bytes"), resource.get("hash")):
            problems.append(
                Problem(resource["name"], f"{resource['path']} is not the file described")
            )
    return problems
