"""The README cannot drift: its data dictionary and its examples are checked here."""

import os
import re
import sqlite3
import subprocess
import sys

import pytest

from conftest import BUILT, DATABASE, ROOT
from gsipaper.docs import with_dictionary
from gsipaper.project import load_project

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)
SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", README, re.S)


def test_data_dictionary_is_generated_from_the_schemas():
    assert with_dictionary(README, load_project(ROOT).schemas) == README, (
        "README.md is out of date: run `make build`"
    )


def test_quick_start_is_two_commands_in_one_block():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, re.S)
    assert blocks == ["make build\nmake test\n"]


def test_there_are_examples_to_run():
    assert len(PYTHON_BLOCKS) >= 4


@pytest.fixture
def untouched():
    """The examples read the published files and must leave them as they were."""
    before = {path: path.read_bytes() for path in BUILT.joinpath("dist").iterdir()}
    yield
    assert {path: path.read_bytes() for path in BUILT.joinpath("dist").iterdir()} == before


@pytest.mark.parametrize("code", PYTHON_BLOCKS, ids=lambda code: code.split("\n")[0])
def test_readme_example_runs(code, tmp_path, untouched):
    # Hugging Face's datasets caches in HF_HOME and would ask the Hub without the offline flags.
    env = {
        **os.environ,
        "HF_HOME": str(tmp_path),
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BUILT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_there_are_sql_examples_to_run():
    assert len(SQL_BLOCKS) >= 2


@pytest.mark.parametrize("query", SQL_BLOCKS, ids=lambda query: query.split("\n")[0])
def test_readme_sql_example_runs_on_the_database(query, untouched):
    with sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True) as db:
        rows = db.execute(query).fetchall()
    assert rows and all(None not in row for row in rows)
