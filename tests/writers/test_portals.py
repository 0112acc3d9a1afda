"""Portal metadata: CITATION.cff, the README's front matter for Hugging Face, the version."""

import json
import os
import re
import subprocess
import sys
import zipfile

import jsonschema
import openpyxl
import pytest
import yaml

from gsipaper.project.schemas import RESOURCES
from gsipaper.writers.portals import dataset_card
from gsipaper.writers.portals import yaml as to_yaml
from support.project import ROOT, VERSION

CFF_SCHEMA = ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json"
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def citation(built) -> dict:
    return yaml.safe_load((built / "CITATION.cff").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def card() -> dict:
    front = re.match(r"---\n(.*?)\n---\n", README, re.S)
    assert front, "README.md does not start with YAML front matter"
    return yaml.safe_load(front.group(1))


def test_citation_cff_is_valid_against_the_cff_1_2_0_schema(citation):
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(citation)


def test_citation_cff_cites_the_package_and_the_paper(citation, descriptor):
    assert citation["type"] == "dataset"
    assert citation["version"] == VERSION
    assert citation["license"] == "CC0-1.0"
    assert citation["abstract"] == descriptor["description"]
    (paper,) = citation["references"]
    assert paper["authors"] == [
        {"name": "Ministry of Foreign Affairs of the People's Republic of China"}
    ]
    assert paper["date-published"] == "2023-02-21"


def test_front_matter_carries_licence_languages_and_one_config_per_table(built, card):
    assert card["license"] == "cc0-1.0"
    assert card["language"] == ["en", "zh"]
    assert card["pretty_name"] == "The Global Security Initiative Concept Paper"
    assert [(c["config_name"], c["data_files"]) for c in card["configs"]] == [
        (name, f"dist/{name}.parquet") for name in RESOURCES
    ]
    assert all((built / c["data_files"]).is_file() for c in card["configs"])


HF_LOAD = """
import json, sys
import datasets
out = {}
directory, *names = sys.argv[1:]
for name in names:
    split = datasets.load_dataset(directory, name, split="train")
    out[name] = split.to_list()
print(json.dumps(out, ensure_ascii=False))
"""


def test_the_hand_written_card_is_what_the_package_says(card, descriptor, published):
    rows = max(len(table) for table in published.values())
    assert card == dataset_card(descriptor, rows)


def test_hugging_face_datasets_loads_every_config_offline(built, tmp_path, published):
    """The repository as a Hugging Face dataset: its README's card and the data built now."""
    repository = tmp_path / "repository"
    repository.mkdir()
    (repository / "README.md").write_text(README, encoding="utf-8")
    (repository / "dist").symlink_to(built / "dist")
    env = {
        **os.environ,
        "HF_DATASETS_OFFLINE": "1",
        "HF_HUB_OFFLINE": "1",
        "HF_HOME": str(tmp_path / "hf"),
        "HF_DATASETS_CACHE": str(tmp_path / "hf" / "datasets"),
    }
    result = subprocess.run(
        [sys.executable, "-c", HF_LOAD, str(repository), *RESOURCES],
        cwd=repository, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded == published


def test_the_version_is_copied_from_pyproject_everywhere(
    built, workbook, archive, descriptor, citation
):
    assert descriptor["version"] == VERSION
    assert citation["version"] == VERSION
    assert archive.is_file()
    assert [p.name for p in built.joinpath("dist").glob("*.zip")] == [archive.name]
    about = dict(openpyxl.load_workbook(workbook)["about"].iter_rows(values_only=True))
    assert about["version"] == VERSION
    with zipfile.ZipFile(archive) as archive:
        inner = json.loads(archive.read(f"gsi-concept-paper-{VERSION}/datapackage.json"))
    assert inner["version"] == VERSION


def test_the_changelog_opens_with_this_version():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.findall(r"^## \[?([^\] ]+)", changelog, re.M)[0] == VERSION


@pytest.mark.parametrize(
    "value",
    [
        {"a": "plain", "b": "yes", "c": "null", "d": "1.0", "e": "- dash", "f": "# hash"},
        {"a": 'quote " and \\ backslash', "b": "colon: here", "c": "line\nbreak", "d": "中文"},
        {"a": [], "b": {}, "c": True, "d": 3, "e": [{"x": ["y", {"z": "w"}]}, "v"]},
    ],
)
def test_yaml_reads_back_as_written(value):
    assert yaml.safe_load(to_yaml(value)) == value
