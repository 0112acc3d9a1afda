from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pyarrow.csv as pacsv
import pytest
from hypothesis import settings

from gsipaper.files import write_files
from gsipaper.pipeline import package_of
from gsipaper.project import load_project
from gsipaper.schemas import RESOURCES
from gsipaper.validate import read_csv

settings.register_profile("default", max_examples=40)
settings.register_profile("thorough", max_examples=400)

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source" / "gsi-concept-paper.txt"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def build_now() -> Path:
    """The package as the code builds it now, written into a temporary directory.

    The semantic tests read this, not the committed files: a bug in the code fails them even
    when dist/ has been rebuilt with it. test_package compares the two byte for byte, as the
    staleness check it is.
    """
    project = load_project(ROOT)
    package = package_of(project.source.read_bytes(), project.source.name, project)
    out = Path(tempfile.mkdtemp(prefix="gsipaper-built-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    write_files(package.files, out)
    shutil.copytree(ROOT / "source", out / "source")
    return out


BUILT = build_now()
WORKBOOK = BUILT / "dist" / "gsi-concept-paper.xlsx"
DATABASE = BUILT / "dist" / "gsi-concept-paper.sqlite"
ARCHIVE = BUILT / "dist" / f"gsi-concept-paper-{VERSION}.zip"


def run_gsipaper(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gsipaper", *args], cwd=cwd, capture_output=True, text=True
    )


# Columns that record where in the source a row came from: they follow the layout.
PROVENANCE = {"paragraphs": ["source_lines"], "sections": ["source_line_en", "source_line_zh"]}


def without_provenance(tables: dict) -> dict:
    return {name: table.drop_columns(PROVENANCE.get(name, [])) for name, table in tables.items()}


def chinese_title(descriptor: dict) -> str:
    """The Chinese title, which the descriptor gives in parentheses in its description."""
    return descriptor["description"].split("(", 1)[1].split(")", 1)[0]


@pytest.fixture(scope="session")
def descriptor() -> dict:
    return json.loads((BUILT / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def published() -> dict:
    """The built CSV tables as lists of row dicts, typed by their schemas."""
    schemas = load_project(ROOT).schemas
    return {
        name: read_csv(BUILT / "dist" / f"{name}.csv", schemas[name]).to_pylist()
        for name in RESOURCES
    }


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def fresh_build() -> Path:
    """The package built now, in a directory of its own (BUILT)."""
    return BUILT


@pytest.fixture(scope="session")
def schemas() -> dict:
    return load_project(ROOT).schemas


__all__ = [
    "ARCHIVE",
    "BUILT",
    "DATABASE",
    "ROOT",
    "SOURCE",
    "VERSION",
    "WORKBOOK",
    "pacsv",
    "run_gsipaper",
]
