"""The published files, read by real clients: frictionless, pyarrow, pandas, sqlite3, DuckDB."""

import hashlib
import io
import json
import sqlite3
import zipfile

import duckdb
import frictionless
import pandas as pd
import pyarrow.parquet as pq
import pytest

from gsipaper.files import PUBLISHED, tree_files, write_files
from gsipaper.project.schemas import RESOURCES
from gsipaper.validate import Problem, parquet_problems, validate
from support.project import ROOT, VERSION


def test_frictionless_reports_every_resource_valid(built):
    report = frictionless.Package(str(built / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])
    files = [
        "workbook", "database", "translation-memory", "moses-en", "moses-zh", "moses-ids",
        "datasette-metadata", "croissant", "csv-metadata", "page", "archive",
    ]  # fmt: skip
    assert [task.name for task in report.tasks][-len(files) :] == files
    assert len(report.tasks) == 2 * len(RESOURCES) + len(files)


def test_every_csv_equals_its_parquet(built, descriptor):
    assert parquet_problems(descriptor, built) == []


@pytest.mark.parametrize("name", RESOURCES)
def test_parquet_has_the_logical_types_of_the_schema(built, name):
    schema = pq.read_schema(built / "dist" / f"{name}.parquet")
    kinds = {"string": "string", "integer": "int64", "number": "double", "boolean": "bool"}
    table_schema = json.loads((built / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
    assert [(f.name, str(f.type)) for f in schema] == [
        (field["name"], kinds[field["type"]]) for field in table_schema["fields"]
    ]


@pytest.mark.parametrize("name", RESOURCES)
def test_csv_is_utf8_without_bom_with_one_header_row(built, name):
    data = (built / "dist" / f"{name}.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    data.decode("utf-8")
    assert data.endswith(b"\r\n")
    frame = pd.read_csv(built / "dist" / f"{name}.csv")
    assert list(frame.columns) == [
        f.name for f in pq.read_schema(built / "dist" / f"{name}.parquet")
    ]


def test_every_foreign_key_resolves(built, descriptor):
    frames = {name: pd.read_parquet(built / "dist" / f"{name}.parquet") for name in RESOURCES}
    checked = 0
    for name in RESOURCES:
        schema = json.loads((built / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
        for key in schema.get("foreignKeys", []):
            (field,), target = key["fields"], key["reference"]
            values = frames[name][field].dropna()
            assert values.isin(frames[target["resource"]][target["fields"][0]]).all(), (name, field)
            checked += 1
    assert checked == 11


def test_unique_keys_hold(built):
    paragraphs = pd.read_parquet(built / "dist" / "paragraphs.parquet")
    assert not paragraphs.duplicated(["language", "position"]).any()
    assert not paragraphs.duplicated(["language", "unit_id"]).any()
    assert paragraphs["paragraph_id"].is_unique


def test_pandas_merge_puts_commitments_beside_their_paragraphs(built):
    paragraphs = pd.read_csv(built / "dist" / "paragraphs.csv", dtype={"commitment": "Int64"})
    commitments = pd.read_csv(built / "dist" / "commitments.csv")
    merged = paragraphs.merge(commitments, on="commitment", how="inner")
    assert len(merged) == 12
    assert set(merged.loc[merged.language == "zh", "role_zh"]) == {
        "理念指引", "基本前提", "根本遵循", "重要原则", "必由之路", "应有之义",
    }  # fmt: skip


def test_sqlite_join_counts_paragraphs_per_section_title(built):
    connection = sqlite3.connect(":memory:")
    for name in ("paragraphs", "sections"):
        pd.read_csv(built / "dist" / f"{name}.csv").to_sql(name, connection, index=False)
    rows = connection.execute(
        "SELECT s.title_en, p.language, COUNT(*) FROM paragraphs p "
        "JOIN sections s USING (section) GROUP BY s.section, p.language ORDER BY s.section, p.language"
    ).fetchall()
    assert rows[-2:] == [
        ("Priorities of cooperation", "en", 3),
        ("Priorities of cooperation", "zh", 2),
    ]


def test_duckdb_reads_the_parquet_and_the_csv_alike(built):
    con = duckdb.connect()
    from_parquet = con.sql(
        f"SELECT * FROM '{built}/dist/alignments.parquet' ORDER BY position"
    ).fetchall()
    from_csv = con.sql(
        f"SELECT * FROM read_csv('{built}/dist/alignments.csv') ORDER BY position"
    ).fetchall()
    assert from_parquet == from_csv and len(from_parquet) == 13


def test_rebuild_reproduces_the_published_package_byte_for_byte(built):
    """The staleness check: the committed files are exactly what the code builds."""
    built, committed = tree_files(built, PUBLISHED), tree_files(ROOT, PUBLISHED)
    assert sorted(built) == sorted(committed)
    for path, data in built.items():
        assert data == committed[path], path


@pytest.mark.parametrize(
    "path",
    ["gsi-concept-paper.xlsx", "gsi-concept-paper.sqlite", f"gsi-concept-paper-{VERSION}.zip"],
)
def test_validation_finds_a_changed_workbook_database_or_zip(built, tmp_path, path):
    files = tree_files(built, PUBLISHED)
    changed = files[f"dist/{path}"]
    files[f"dist/{path}"] = changed[:-1] + bytes([changed[-1] ^ 1])
    write_files(files, tmp_path)
    assert [problem.resource for problem in validate(tmp_path)] == [
        {"xlsx": "workbook", "sqlite": "database", "zip": "archive"}[path.rsplit(".", 1)[1]]
    ]


def test_published_files_name_no_machine_path_or_build_time(built):
    paths = [built / "datapackage.json", built / "CITATION.cff", *built.joinpath("dist").iterdir()]
    for path in paths:
        for name, data in [(path.name, path.read_bytes()), *members(path)]:
            assert str(ROOT).encode() not in data and str(built).encode() not in data, name
            assert b"/tmp/" not in data and b"/home/" not in data, name


def members(path):
    """The files inside a zip (the package zip, and the workbook, which is one)."""
    if not zipfile.is_zipfile(path):
        return []
    with zipfile.ZipFile(path) as archive:
        return [(f"{path.name}:{name}", archive.read(name)) for name in archive.namelist()]


@pytest.mark.parametrize("key", ["hash", "bytes"])
def test_validation_finds_a_parquet_file_that_is_not_the_one_described(built, tmp_path, key):
    files = tree_files(built, PUBLISHED)
    package = json.loads(files["datapackage.json"])
    described = next(r for r in package["resources"] if r["name"] == "sections-parquet")
    described[key] = "sha256:" + "0" * 64 if key == "hash" else described[key] + 1
    files["datapackage.json"] = json.dumps(package).encode("utf-8")
    write_files(files, tmp_path)
    problems = validate(tmp_path)
    assert [(p.resource, p.message) for p in problems] == [
        ("sections-parquet", "dist/sections.parquet is not the file described")
    ]


def test_every_data_file_the_descriptor_lists_carries_bytes_and_hash(built, descriptor):
    for resource in descriptor["resources"]:
        data = (built / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data), resource["name"]
        assert resource["hash"].startswith("sha256:"), resource["name"]


def test_validation_finds_a_parquet_file_that_holds_other_values_than_its_csv(built, tmp_path):
    """One cell changed in a copy of the Parquet file, its size and hash described anew."""
    files = tree_files(built, PUBLISHED)
    table = pq.read_table(io.BytesIO(files["dist/alignments.parquet"]))
    texts = table.column("text_zh").to_pylist()
    texts[4] = texts[4].replace("。", "，", 1)
    changed = table.set_column(table.schema.get_field_index("text_zh"), "text_zh", [texts])
    sink = io.BytesIO()
    pq.write_table(changed, sink)
    files["dist/alignments.parquet"] = sink.getvalue()
    package = json.loads(files["datapackage.json"])
    described = next(r for r in package["resources"] if r["name"] == "alignments-parquet")
    described["bytes"] = len(sink.getvalue())
    described["hash"] = "sha256:" + hashlib.sha256(sink.getvalue()).hexdigest()
    files["datapackage.json"] = json.dumps(package).encode("utf-8")
    write_files(files, tmp_path)
    assert validate(tmp_path) == [
        Problem(
            "alignments-parquet", "does not hold the values of dist/alignments.csv", 6, "text_zh"
        )
    ]
