"""Where the project is, and small helpers the tests and benchmarks share."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "gsi-concept-paper.txt"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
# Columns that record where in the source a row came from: they follow the layout.
PROVENANCE = {"paragraphs": ["source_lines"], "sections": ["source_line_en", "source_line_zh"]}


def run_gsipaper(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gsipaper", *args], cwd=cwd, capture_output=True, text=True
    )


def without_provenance(tables: dict) -> dict:
    return {name: table.drop_columns(PROVENANCE.get(name, [])) for name, table in tables.items()}


def chinese_title(descriptor: dict) -> str:
    """The Chinese title, which the descriptor gives in parentheses in its description."""
    return descriptor["description"].split("(", 1)[1].split(")", 1)[0]


def build_into(out: Path) -> Path:
    """The package as the code builds it now, written into `out`, with the source beside it.

    The semantic tests read this, not the committed files: a bug in the code fails them even
    when dist/ has been rebuilt with it. The staleness check compares the two byte for byte.
    """
    import shutil

    from gsipaper.files import write_files
    from gsipaper.pipeline import package_of
    from gsipaper.project.load import load_project

    project = load_project(ROOT)
    package = package_of(project.source.read_bytes(), project.source.name, project)
    write_files(package.files, out)
    shutil.copytree(ROOT / "source", out / "source")
    return out
