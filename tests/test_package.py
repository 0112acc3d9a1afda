"""The published files, read by real clients: frictionless, pyarrow, pandas, sqlite3, DuckDB."""

import json
import sqlite3
import zipfile

import duckdb
import frictionless
import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import ARCHIVE, ROOT, run_gsipaper
from gsipaper.files import PUBLISHED, tree_files, write_files
from gsipaper.schemas import RESOURCES
from gsipaper.validate import parquet_problems, validate


def test_frictionless_reports_every_resource_valid():
    report = frictionless.Package(str(ROOT / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])
    assert [task.name for task in report.tasks][-7:] == [
        "workbook", "database", "translation-memory", "moses-en", "moses-zh", "moses-ids", "archive"
    ]  # fmt: skip
    assert len(report.tasks) == 2 * len(RESOURCES) + 7


def test_every_csv_equals_its_parquet(descriptor):
    assert parquet_problems(descriptor, ROOT) == []


@pytest.mark.parametrize("name", RESOURCES)
def test_parquet_has_the_logical_types_of_the_schema(name):
    schema = pq.read_schema(ROOT / "dist" / f"{name}.parquet")
    kinds = {"string": "string", "integer": "int64", "number": "double", "boolean": "bool"}
    table_schema = json.loads((ROOT / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
    assert [(f.name, str(f.type)) for f in schema] == [
        (field["name"], kinds[field["type"]]) for field in table_schema["fields"]
    ]


@pytest.mark.parametrize("name", RESOURCES)
def test_csv_is_utf8_without_bom_with_one_header_row(name):
    data = (ROOT / "dist" / f"{name}.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    data.decode("utf-8")
    assert data.endswith(b"\r\n")
    frame = pd.read_csv(ROOT / "dist" / f"{name}.csv")
    assert list(frame.columns) == [
        f.name for f in pq.read_schema(ROOT / "dist" / f"{name}.parquet")
    ]


def test_every_foreign_key_resolves(descriptor):
    frames = {name: pd.read_parquet(ROOT / "dist" / f"{name}.parquet") for name in RESOURCES}
    checked = 0
    for name in RESOURCES:
        schema = json.loads((ROOT / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
        for key in schema.get("foreignKeys", []):
            (field,), target = key["fields"], key["reference"]
            values = frames[name][field].dropna()
            assert values.isin(frames[target["resource"]][target["fields"][0]]).all(), (name, field)
            checked += 1
    assert checked == 11


def test_unique_keys_hold():
    paragraphs = pd.read_parquet(ROOT / "dist" / "paragraphs.parquet")
    assert not paragraphs.duplicated(["language", "position"]).any()
    assert not paragraphs.duplicated(["language", "unit_id"]).any()
    assert paragraphs["paragraph_id"].is_unique


def test_pandas_merge_puts_commitments_beside_their_paragraphs():
    paragraphs = pd.read_csv(ROOT / "dist" / "paragraphs.csv", dtype={"commitment": "Int64"})
    commitments = pd.read_csv(ROOT / "dist" / "commitments.csv")
    merged = paragraphs.merge(commitments, on="commitment", how="inner")
    assert len(merged) == 12
    assert set(merged.loc[merged.language == "zh", "role_zh"]) == {
        "理念指引", "基本前提", "根本遵循", "重要原则", "必由之路", "应有之义",
    }  # fmt: skip


def test_sqlite_join_counts_paragraphs_per_section_title():
    connection = sqlite3.connect(":memory:")
    for name in ("paragraphs", "sections"):
        pd.read_csv(ROOT / "dist" / f"{name}.csv").to_sql(name, connection, index=False)
    rows = connection.execute(
        "SELECT s.title_en, p.language, COUNT(*) FROM paragraphs p "
        "JOIN sections s USING (section) GROUP BY s.section, p.language ORDER BY s.section, p.language"
    ).fetchall()
    assert rows[-2:] == [
        ("Priorities of cooperation", "en", 3),
        ("Priorities of cooperation", "zh", 2),
    ]


def test_duckdb_reads_the_parquet_and_the_csv_alike():
    con = duckdb.connect()
    from_parquet = con.sql(
        f"SELECT * FROM '{ROOT}/dist/alignments.parquet' ORDER BY position"
    ).fetchall()
    from_csv = con.sql(
        f"SELECT * FROM read_csv('{ROOT}/dist/alignments.csv') ORDER BY position"
    ).fetchall()
    assert from_parquet == from_csv and len(from_parquet) == 13


def test_rebuild_reproduces_the_published_package_byte_for_byte(tmp_path):
    result = run_gsipaper("build", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for path in ROOT.joinpath("dist").iterdir():
        assert (tmp_path / "dist" / path.name).read_bytes() == path.read_bytes(), path.name
    for path in ROOT.joinpath("schemas").iterdir():
        assert (tmp_path / "schemas" / path.name).read_bytes() == path.read_bytes(), path.name
    for name in ("datapackage.json", "README.md", "CITATION.cff"):
        assert (tmp_path / name).read_bytes() == (ROOT / name).read_bytes(), name
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == sorted(
        p.name for p in (ROOT / "dist").iterdir()
    )


@pytest.mark.parametrize(
    "path", ["gsi-concept-paper.xlsx", "gsi-concept-paper.sqlite", ARCHIVE.name]
)
def test_validation_finds_a_changed_workbook_database_or_zip(tmp_path, path):
    files = tree_files(ROOT, PUBLISHED)
    changed = files[f"dist/{path}"]
    files[f"dist/{path}"] = changed[:-1] + bytes([changed[-1] ^ 1])
    write_files(files, tmp_path)
    assert [problem.split(":")[0] for problem in validate(tmp_path)] == [
        {"xlsx": "workbook", "sqlite": "database", "zip": "archive"}[path.rsplit(".", 1)[1]]
    ]


def test_published_files_name_no_machine_path_or_build_time():
    paths = [ROOT / "datapackage.json", ROOT / "CITATION.cff", *ROOT.joinpath("dist").iterdir()]
    for path in paths:
        for name, data in [(path.name, path.read_bytes()), *members(path)]:
            assert str(ROOT).encode() not in data, name
            assert b"/tmp/" not in data and b"/home/" not in data, name


def members(path):
    """The files inside a zip (the package zip, and the workbook, which is one)."""
    if not zipfile.is_zipfile(path):
        return []
    with zipfile.ZipFile(path) as archive:
        return [(f"{path.name}:{name}", archive.read(name)) for name in archive.namelist()]
