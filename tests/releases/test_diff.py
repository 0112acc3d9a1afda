"""`gsipaper diff OLD NEW`: the rows added, removed and changed between two packages."""

import json
import os
import shutil
import zipfile

import pyarrow as pa
import pytest

from gsipaper.cli import main
from gsipaper.pipeline import edition_of
from gsipaper.project.load import load_project
from gsipaper.project.schemas import RESOURCES, limits_of
from gsipaper.releases import packages
from gsipaper.releases.diff import diff
from gsipaper.releases.packages import Published
from support.editions import ITEMS, PRIORITIES, appended, completed
from support.project import ROOT, SOURCE, run_gsipaper

LIMITS = limits_of(load_project(ROOT).schemas)

TODAY = SOURCE.read_bytes()
TABLES = RESOURCES
# Today's section III has three units; the completed one two opening paragraphs, the
# priorities and a closing paragraph; section IV an opening paragraph, its items and a closing one.
NEW_UNITS = [f"s3-{n:02d}" for n in range(4, 2 + PRIORITIES + 2)] + [
    f"s4-{n:02d}" for n in range(1, ITEMS + 3)
]


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def later(tmp_path_factory, published):
    """The completed edition, built and published into a directory."""
    where = tmp_path_factory.mktemp("completed")
    titles = {language: title.text for language, title in edition_of(TODAY, LIMITS).titles.items()}
    source = where / "completed.txt"
    source.write_text(appended(completed(published, titles), TODAY.decode()), encoding="utf-8")
    assert main(["build", "--source", str(source), "--out", str(where / "package")]) == 0
    return where / "package"


@pytest.fixture(scope="module")
def report(later):
    result = run_gsipaper("diff", str(ROOT), str(later), "--format", "json")
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("form", ["directory", "zip"])
def test_a_package_against_itself_is_the_same(capsys, form, archive):
    new = ROOT if form == "directory" else archive
    status, out, err = run(capsys, ROOT, new)
    assert (status, err) == (0, "")
    assert out.splitlines() == [f"{name}: same" for name in TABLES] + ["the packages are the same"]
    status, out, _ = run(capsys, ROOT, new, "--format", "json")
    assert status == 0
    assert json.loads(out) == {
        "tables": {name: {"added": [], "removed": [], "changed": {}} for name in TABLES},
        "schema": {"tables_added": [], "tables_removed": [], "columns": {}},
    }


def test_the_completed_edition_adds_exactly_the_new_rows(report):
    tables = report["tables"]
    assert tables["alignments"]["added"] == NEW_UNITS
    assert tables["paragraphs"]["added"] == [
        *(f"en-{unit}" for unit in NEW_UNITS),
        "zh-s3-03",
        *(f"zh-{unit}" for unit in NEW_UNITS),
    ]
    assert tables["sections"]["added"] == ["4"]
    assert tables["commitments"] == {"added": [], "removed": [], "changed": {}}
    assert all(table["removed"] == [] for table in tables.values())
    assert report["schema"] == {"tables_added": [], "tables_removed": [], "columns": {}}


def test_the_completed_edition_changes_exactly_the_cut_off_rows(report, published):
    paragraphs = report["tables"]["paragraphs"]["changed"]
    assert {key: sorted(columns) for key, columns in paragraphs.items()} == {
        "en-s3-03": ["source_lines", "text", "truncated"],
        "zh-s3-02": ["source_lines", "text", "truncated"],
    }
    today = {row["paragraph_id"]: row for row in published["paragraphs"]}
    for key, columns in paragraphs.items():
        old, new = columns["text"]
        assert old == today[key]["text"] and new.startswith(old.removesuffix("-"))
        assert columns["truncated"] == [True, False]
        assert columns["source_lines"][1].startswith(columns["source_lines"][0] + ";")
    units = report["tables"]["alignments"]["changed"]
    assert {key: sorted(columns) for key, columns in units.items()} == {
        "s3-02": ["text_zh"],
        "s3-03": ["link_type", "text_en", "text_zh", "zh_paragraph_id"],
    }
    assert units["s3-03"]["link_type"] == ["1-0", "1-1"]
    assert units["s3-03"]["zh_paragraph_id"] == [None, "zh-s3-03"]
    assert units["s3-03"]["text_zh"][0] is None
    assert units["s3-03"]["text_en"] == paragraphs["en-s3-03"]["text"]


def test_the_human_output_says_the_same_in_short(later, report):
    result = run_gsipaper("diff", str(ROOT), str(later))
    assert result.returncode == 1 and result.stderr == ""
    lines = result.stdout.splitlines()
    summaries = [line for line in lines if not line.startswith(" ")]
    tables = report["tables"]
    assert summaries[:4] == [
        f"paragraphs: {2 * len(NEW_UNITS) + 1} added, 0 removed, 2 changed",
        "sections: 1 added, 0 removed, 0 changed",
        "commitments: same",
        f"alignments: {len(NEW_UNITS)} added, 0 removed, 2 changed",
    ]
    assert summaries[4:] == [
        *(
            f"{name}: {len(tables[name]['added'])} added, {len(tables[name]['removed'])} removed, "
            f"{len(tables[name]['changed'])} changed"
            for name in ("sentences", "sentence_links")
        ),
        "the packages differ",
    ]
    assert [line[4:] for line in lines if line.startswith("  + ")] == [
        key for name in TABLES for key in tables[name]["added"]
    ]
    assert [line[4:] for line in lines if line.startswith("  ~ ")] == [
        key for name in TABLES for key in tables[name]["changed"]
    ]
    assert "      truncated: true → false" in lines
    assert '      link_type: "1-0" → "1-1"' in lines
    text = next(line for line in lines if line.startswith("      text_zh: null → "))
    assert " … " in text and len(text) < 100


def test_a_new_column_is_a_schema_change_not_a_changed_row(capsys):
    status, out, _ = run(
        capsys, ROOT / "releases" / "gsi-concept-paper-1.0.0.zip", ROOT, "--format", "json"
    )
    assert status == 1
    report = json.loads(out)
    assert report["schema"]["columns"] == {
        "paragraphs": {"added": ["item"], "removed": [], "retyped": {}},
        "alignments": {"added": ["item"], "removed": [], "retyped": {}},
    }
    assert all(not table["changed"] for table in report["tables"].values())


def test_a_table_only_one_package_has_is_added_or_removed_whole(tmp_path, capsys, published):
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "dist", copy / "dist")
    shutil.copytree(ROOT / "schemas", copy / "schemas")
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "commitments"]
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    status, out, _ = run(capsys, ROOT, copy, "--format", "json")
    report = json.loads(out)
    assert status == 1 and report["schema"]["tables_removed"] == ["commitments"]
    assert report["tables"]["commitments"]["removed"] == [str(n) for n in range(1, 7)]
    status, out, _ = run(capsys, copy, ROOT)
    assert "commitments: 6 added, 0 removed, 0 changed; table added" in out.splitlines()


def published_package(rows: list[dict], key: list[str]) -> Published:
    fields = [{"name": name, "type": "string"} for name in rows[0]]
    schema = {"fields": fields, "primaryKey": key}
    return Published("test", None, {"t": pa.Table.from_pylist(rows)}, {"t": schema})


def test_keys_of_several_columns_join_with_a_bar_and_nulls_compare_as_values():
    old = published_package(
        [{"a": "1", "b": "x", "v": None}, {"a": "1", "b": "y", "v": "p"}, {"a": "2", "b": "x", "v": "q"}],
        ["a", "b"],
    )  # fmt: skip
    new = published_package(
        [{"a": "1", "b": "x", "v": None}, {"a": "1", "b": "y", "v": None}, {"a": "3", "b": "x", "v": "q"}],
        ["a", "b"],
    )  # fmt: skip
    result = diff(old, new).tables["t"]
    assert (result.added, result.removed) == (["3|x"], ["2|x"])
    assert result.changed == {"1|y": {"v": ["p", None]}}


def zipped(tmp_path, members: dict[str, bytes]):
    path = tmp_path / "package.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def descriptor_naming(path: str) -> bytes:
    resource = {"name": "t", "format": "csv", "path": path, "schema": "schemas/t.json"}
    return json.dumps({"resources": [resource]}).encode()


BAD = {
    "a missing path": (lambda tmp: tmp / "nowhere", "no such file or directory"),
    "a text file": (
        lambda tmp: (tmp / "a.txt").write_text("hello") and tmp / "a.txt",
        "neither a directory nor a zip",
    ),
    "a directory without a descriptor": (lambda tmp: tmp, "no file datapackage.json"),
    "a descriptor that is not JSON": (
        lambda tmp: zipped(tmp, {"p/datapackage.json": b"{\n  nope"}),
        "datapackage.json:2: not JSON",
    ),
    "a resource path that leaves the package": (
        lambda tmp: zipped(tmp, {"p/datapackage.json": descriptor_naming("../../etc/passwd")}),
        "leaves the package",
    ),
    "an absolute resource path": (
        lambda tmp: zipped(tmp, {"p/datapackage.json": descriptor_naming("/etc/passwd")}),
        "leaves the package",
    ),
    "a zip member that leaves its folder": (
        lambda tmp: zipped(tmp, {"p/datapackage.json": b"{}", "p/../../evil.sh": b"x"}),
        "leaves the package",
    ),
    "a zip bomb": (
        lambda tmp: zipped(tmp, {"p/datapackage.json": b"{}", "p/dist/t.csv": bytes(8 * 2**20)}),
        "packed at most 100 to 1",
    ),
    "a schema without what the build reads": (
        lambda tmp: zipped(
            tmp,
            {
                "p/datapackage.json": descriptor_naming("t.csv"),
                "p/t.csv": b"a\n1\n",
                "p/schemas/t.json": b'{"fields": [{"name": "a", "type": "string"}]}',
            },
        ),
        "t: cannot read: the schema lacks 'description'",
    ),
    "two packages in one zip": (
        lambda tmp: zipped(tmp, {"a/datapackage.json": b"{}", "b/datapackage.json": b"{}"}),
        "2 descriptors",
    ),
}


@pytest.mark.parametrize(("make", "problem"), BAD.values(), ids=BAD.keys())
def test_an_argument_that_is_not_a_readable_package_is_one_line_and_exit_2(
    tmp_path, capsys, make, problem
):
    status, out, err = run(capsys, make(tmp_path), ROOT)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("gsipaper: error: ") and problem in err, err


def test_a_damaged_zip_member_is_refused(tmp_path, capsys):
    schema = {"fields": [{"name": "a", "type": "string", "description": "A."}], "primaryKey": "a"}
    members = {
        "p/datapackage.json": descriptor_naming("dist/t.csv"),
        "p/schemas/t.json": json.dumps(schema).encode(),
        "p/dist/t.csv": b"a\nfirst row\n",
    }
    path = tmp_path / "package.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert run(capsys, path, path)[0] == 0
    path.write_bytes(path.read_bytes().replace(b"first row", b"first rov"))
    status, _, err = run(capsys, path, ROOT)
    assert status == 2 and "cannot unpack dist/t.csv: Bad CRC-32" in err, err


def test_a_link_out_of_the_package_directory_is_refused(tmp_path, capsys):
    package = tmp_path / "package"
    shutil.copytree(ROOT / "schemas", package / "schemas")
    (package / "datapackage.json").write_bytes(descriptor_naming("dist/t.csv"))
    (package / "dist").mkdir()
    os.symlink(SOURCE, package / "dist" / "t.csv")
    status, _, err = run(capsys, package, ROOT)
    assert status == 2 and "links outside the package" in err


def test_a_zip_that_unpacks_too_large_in_all_is_refused(archive, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(packages, "MAX_TOTAL", archive.stat().st_size)
    status, _, err = run(capsys, archive, ROOT)
    assert status == 2 and "the zip unpacks too large" in err


def test_usage_errors_are_one_line_and_exit_2():
    for args in (["diff", str(ROOT)], ["diff", str(ROOT), str(ROOT), "--format", "xml"]):
        result = run_gsipaper(*args)
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
