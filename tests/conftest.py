from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pyarrow.csv as pacsv
import pytest

from gsipaper.schemas import RESOURCES, load_schemas
from gsipaper.validate import read_csv

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source" / "gsi-concept-paper.txt"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
WORKBOOK = ROOT / "dist" / "gsi-concept-paper.xlsx"
DATABASE = ROOT / "dist" / "gsi-concept-paper.sqlite"
ARCHIVE = ROOT / "dist" / f"gsi-concept-paper-{VERSION}.zip"


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
    return json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def published() -> dict:
    """The published CSV tables as lists of row dicts, typed by their schemas."""
    schemas = load_schemas(ROOT / "schemas")
    return {
        name: read_csv(ROOT / "dist" / f"{name}.csv", schemas[name]).to_pylist()
        for name in RESOURCES
    }


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory) -> Path:
    """A package built now into a directory of its own, to test besides the committed one."""
    from gsipaper.cli import load_project
    from gsipaper.files import write_files
    from gsipaper.pipeline import package_of

    out = tmp_path_factory.mktemp("fresh")
    package = package_of(SOURCE.read_bytes(), SOURCE.name, load_project(ROOT))
    write_files(package.files, out)
    return out


@pytest.fixture(scope="session")
def schemas() -> dict:
    return load_schemas(ROOT / "schemas")


__all__ = ["ARCHIVE", "DATABASE", "ROOT", "SOURCE", "VERSION", "WORKBOOK", "pacsv", "run_gsipaper"]
