"""The zip for upload: the whole package, valid once unpacked, the same bytes on every build."""

import io
import json
import zipfile

import frictionless
import pytest

from gsipaper.project.schemas import RESOURCES
from gsipaper.writers.archive import zip_bytes
from support.project import SOURCE, VERSION

FOLDER = f"gsi-concept-paper-{VERSION}"


@pytest.fixture(scope="module")
def unpacked(archive, tmp_path_factory):
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(archive) as archive:
        archive.extractall(target)
    return target / FOLDER


def test_the_unpacked_package_is_valid(unpacked):
    report = frictionless.Package(str(unpacked / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])
    # Each table as CSV and as Parquet; the workbook, the database, the TMX and Moses files,
    # Datasette's metadata, the Croissant and CSVW metadata and the page.
    assert len(report.tasks) == 2 * len(RESOURCES) + 10


def test_the_zip_holds_every_published_file_but_itself(built, archive, unpacked):
    inside = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    published = {
        p.relative_to(built).as_posix()
        for folder in ("dist", "schemas")
        for p in built.joinpath(folder).iterdir()
    }
    expected = published - {f"dist/{archive.name}"}
    documents = {"datapackage.json", "CITATION.cff", "docs/data-dictionary.md"}
    assert inside == expected | documents | {"source/gsi-concept-paper.txt"}
    assert "schemas/queries.sql" in inside
    for path in expected | documents - {"datapackage.json"}:
        assert (unpacked / path).read_bytes() == (built / path).read_bytes(), path
    assert (unpacked / "source" / SOURCE.name).read_bytes() == SOURCE.read_bytes()


def test_the_inner_descriptor_is_the_published_one_less_the_zip(archive, unpacked, descriptor):
    inner = json.loads((unpacked / "datapackage.json").read_text(encoding="utf-8"))
    *listed, entry = descriptor["resources"]
    assert entry["path"] == f"dist/{archive.name}"
    assert inner == {**descriptor, "resources": listed}


def test_entries_are_sorted_under_one_folder_with_fixed_times_and_modes(archive):
    with zipfile.ZipFile(archive) as archive:
        entries = archive.infolist()
    names = [entry.filename for entry in entries]
    assert names == sorted(names)
    assert all(name.startswith(f"{FOLDER}/") for name in names)
    assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}
    assert {entry.external_attr >> 16 for entry in entries} == {0o100644}


def test_the_same_files_give_the_same_bytes_in_any_order():
    files = {"b.txt": b"b", "a/c.csv": "中文".encode()}
    first = zip_bytes(files, "x")
    assert first == zip_bytes(dict(reversed(files.items())), "x")
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == ["x/a/c.csv", "x/b.txt"]
        assert archive.read("x/a/c.csv").decode() == "中文"
