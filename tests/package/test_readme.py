"""The README and docs/ cannot drift: their examples run, their links resolve, and the
README's first screen stays short."""

import os
import re
import sqlite3
import subprocess
import sys

import pytest

from gsipaper.writers.docs import data_dictionary
from support.project import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = {"README.md": README} | {
    f"docs/{p.name}": p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "docs").glob("*.md"))
    if p.name != "data-dictionary.md"
}
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)
SQL_BLOCKS = re.findall(r"```sql\n(.*?)```", README, re.S)
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_quick_start_is_two_commands_in_one_block():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, re.S)
    assert blocks == ["make build\nmake test\n"]


def test_the_readme_holds_no_generated_dictionary_and_links_to_it(built, schemas):
    assert "data-dictionary:start" not in README
    assert "](docs/data-dictionary.md)" in README
    published = (built / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert published == data_dictionary(schemas)


@pytest.mark.parametrize("page", PAGES)
def test_every_relative_link_resolves(page, built):
    folder = (ROOT / page).parent
    for target in LINK.findall(PAGES[page]):
        if re.match(r"[a-z]+:", target):
            continue
        found = (folder / target).resolve()
        built_copy = built / found.relative_to(ROOT) if found.is_relative_to(ROOT) else found
        assert found.exists() or built_copy.exists(), f"{page}: {target}"


def test_there_are_examples_to_run():
    assert len(PYTHON_BLOCKS) >= 4


@pytest.fixture
def untouched(built):
    """The examples read the published files and must leave them as they were."""
    before = {path: path.read_bytes() for path in built.joinpath("dist").iterdir()}
    yield
    assert {path: path.read_bytes() for path in built.joinpath("dist").iterdir()} == before


@pytest.mark.parametrize("code", PYTHON_BLOCKS, ids=lambda code: code.split("\n")[0])
def test_readme_example_runs(code, tmp_path, built, untouched):
    # Hugging Face's datasets caches in HF_HOME and would ask the Hub without the offline flags.
    env = {
        **os.environ,
        "HF_HOME": str(tmp_path),
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
    }
    (built / "README.md").write_text(README, encoding="utf-8")  # the card, as in the repository
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=built, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_there_are_sql_examples_to_run():
    assert len(SQL_BLOCKS) >= 2


@pytest.mark.parametrize("query", SQL_BLOCKS, ids=lambda query: query.split("\n")[0])
def test_readme_sql_example_runs_on_the_database(query, database, untouched):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        rows = db.execute(query).fetchall()
    assert rows and all(None not in row for row in rows)
