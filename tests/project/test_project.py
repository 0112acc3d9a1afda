"""The project boundary: the build reads one project directory, and says which file is wrong."""

import json
import re
import shutil
from dataclasses import replace

import pytest

from gsipaper import cli
from gsipaper.errors import SchemaMismatch
from gsipaper.pipeline import package_of
from gsipaper.project.load import load_project
from support.project import ROOT, run_gsipaper

PROJECT_FILES = ("pyproject.toml", "schemas", "source")  # all the build reads


@pytest.fixture
def project(tmp_path):
    """A copy of the project's own files, to break one at a time."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in PROJECT_FILES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, copy / name)
    return copy


def test_the_build_runs_from_another_directory_and_publishes_into_the_project(
    built, project, tmp_path
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_gsipaper("build", "--project", str(project), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert (project / "dist" / "paragraphs.csv").read_bytes() == (
        built / "dist" / "paragraphs.csv"
    ).read_bytes()
    assert (project / "datapackage.json").read_bytes() == (built / "datapackage.json").read_bytes()
    assert list(elsewhere.iterdir()) == []


def test_the_project_decides_the_metadata_not_the_installed_code(project, tmp_path):
    pyproject = project / "pyproject.toml"
    text = re.sub(r'(?m)^version = ".*"$', 'version = "9.9.9"', pyproject.read_text("utf-8"))
    pyproject.write_text(text, encoding="utf-8")
    result = run_gsipaper("build", "--project", str(project), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    built = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert built["version"] == "9.9.9"
    assert (tmp_path / "out" / "dist" / "gsi-concept-paper-9.9.9.zip").is_file()


def break_toml(project):
    path = project / "pyproject.toml"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[4] = "version = = broken"
    path.write_text("\n".join(lines), encoding="utf-8")


def drop_publisher(project):
    path = project / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('publisher = "Ministry', 'publishers = "Ministry', 1)
    path.write_text(text, encoding="utf-8")


def keywords_as_text(project):
    path = project / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("keywords = [")
    end = text.index("]", start) + 1
    path.write_text(text[:start] + 'keywords = "security"' + text[end:], encoding="utf-8")


def drop_tool_table(project):
    path = project / "pyproject.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[tool.gsipaper", "[tool.other"), encoding="utf-8")


def schema_not_json(project):
    path = project / "schemas" / "sections.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2] + ",,"
    path.write_text("\n".join(lines), encoding="utf-8")


def field_without_type(project):
    path = project / "schemas" / "commitments.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    del schema["fields"][1]["type"]
    path.write_text(json.dumps(schema), encoding="utf-8")


def schema_missing(project):
    (project / "schemas" / "alignments.json").unlink()


def view_schema_missing(project):
    (project / "schemas" / "side_by_side.json").unlink()


BROKEN = {
    "pyproject.toml is not TOML": (break_toml, "pyproject.toml:5: not TOML"),
    "no publisher": (drop_publisher, "pyproject.toml: [tool.gsipaper.publication] has no publisher"),
    "keywords not an array": (keywords_as_text, "pyproject.toml: [tool.gsipaper] keywords is malformed"),
    "no [tool.gsipaper]": (drop_tool_table, "pyproject.toml: no [tool.gsipaper] table"),
    "a schema not JSON": (schema_not_json, "schemas/sections.json:3: not JSON"),
    "a field without a type": (field_without_type, "schemas/commitments.json: field 2 has no type"),
    "a schema file missing": (schema_missing, "schemas/alignments.json: no such file"),
    "the view's schema missing": (view_schema_missing, "schemas/side_by_side.json: no such file"),
}  # fmt: skip


@pytest.mark.parametrize(("damage", "message"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_project_file_is_one_line_and_exit_2(project, tmp_path, damage, message):
    damage(project)
    result = run_gsipaper("build", "--project", str(project), "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"gsipaper: error: {project}/{message}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out" / "dist").exists()


def test_a_project_directory_that_does_not_exist_is_one_line(tmp_path):
    result = run_gsipaper("build", "--project", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert (
        result.stderr
        == f"gsipaper: error: {tmp_path / 'nowhere'}: no such directory (the project directory)\n"
    )


def test_a_column_made_in_code_but_not_in_the_schema_is_refused():
    project = load_project(ROOT)
    schemas = dict(project.schemas)
    fields = [f for f in schemas["commitments"]["fields"] if f["name"] != "role_zh"]
    schemas["commitments"] = {**schemas["commitments"], "fields": fields}
    narrowed = replace(project, schemas=schemas)
    with pytest.raises(SchemaMismatch) as raised:
        package_of(project.source.read_bytes(), project.source.name, narrowed)
    assert str(raised.value).startswith(
        "schemas/commitments.json: the build makes column 'role_zh', which the schema does not declare"
    )


def test_columns_in_another_order_than_the_schema_are_refused():
    project = load_project(ROOT)
    schemas = dict(project.schemas)
    fields = schemas["sections"]["fields"]
    schemas["sections"] = {**schemas["sections"], "fields": [fields[1], fields[0], *fields[2:]]}
    narrowed = replace(project, schemas=schemas)
    with pytest.raises(SchemaMismatch, match="in another order"):
        package_of(project.source.read_bytes(), project.source.name, narrowed)


def test_a_schema_the_code_disagrees_with_is_a_bug_exit_4_and_nothing_published(
    tmp_path, monkeypatch, capsys
):
    project = load_project(ROOT)
    fields = [f for f in project.schemas["commitments"]["fields"] if f["name"] != "role_zh"]
    schemas = {
        **project.schemas,
        "commitments": {**project.schemas["commitments"], "fields": fields},
    }
    monkeypatch.setattr(cli, "load_project", lambda root: replace(project, schemas=schemas))
    assert cli.main(["build", "--out", str(tmp_path / "out")]) == 4
    err = capsys.readouterr().err
    assert err.startswith("gsipaper: bug: schemas/commitments.json: the build makes column")
    assert not (tmp_path / "out").exists()
