"""The README and docs/ cannot drift: their examples run, their links and paths resolve,
their figures are the package's, and the README's first screen stays short."""

import os
import re
import sqlite3
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from gsipaper.project.queries import queries_of
from gsipaper.writers.docs import data_dictionary
from support.project import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = {"README.md": README} | {
    f"docs/{p.name}": p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "docs").glob("*.md"))
    if p.name != "data-dictionary.md"
}
PYTHON_BLOCKS = {
    f"{page}: {code.splitlines()[0]}": code
    for page, text in PAGES.items()
    for code in re.findall(r"```python\n(.*?)```", text, re.S)
}
SQL_BLOCKS = {
    f"{page}: {query.splitlines()[0]}": query
    for page, text in PAGES.items()
    for query in re.findall(r"```sql\n(.*?)```", text, re.S)
}
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
# A path of the repository named in code quotes: `tests/…`, `build/gsipaper/…`.
PATH = re.compile(r"`((?:tests|build|bench|schemas|docs|source|releases)/[^`\s*<>#]+)`")
FIRST_SCREEN = 120  # lines after the Hugging Face card


def test_the_readme_after_its_card_fits_a_first_screen():
    body = FRONT_MATTER.sub("", README)
    assert len(body.splitlines()) <= FIRST_SCREEN


def test_the_readme_says_what_a_newcomer_needs_first():
    body = FRONT_MATTER.sub("", README)
    for needed in ("## The tables", "## Quick start", "```python", "```sql", ".xlsx", "## More"):
        assert needed in body, needed


def test_the_readmes_table_of_tables_counts_the_published_rows(built):
    tables = README.split("## The tables", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| [^|]+ \| (\d+)", tables, re.M)
    assert len(rows) == len(list(built.joinpath("dist").glob("*.parquet")))
    for table, count in rows:
        assert pq.read_metadata(built / "dist" / f"{table}.parquet").num_rows == int(count), table


def test_every_sql_example_is_a_canned_query_declared_once():
    queries = queries_of((ROOT / "schemas" / "queries.sql").read_text(encoding="utf-8"))
    canned = {query["sql"] for query in queries.values()}
    for name, query in SQL_BLOCKS.items():
        assert query.strip() in canned, name


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
def test_every_path_named_in_code_quotes_exists(page):
    missing = [path for path in PATH.findall(PAGES[page]) if not (ROOT / path).exists()]
    assert not missing, f"{page}: {missing}"


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


@pytest.mark.parametrize("name", PYTHON_BLOCKS)
def test_python_example_runs(name, tmp_path, built, untouched):
    code = PYTHON_BLOCKS[name]
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


@pytest.mark.parametrize("name", SQL_BLOCKS)
def test_sql_example_runs_on_the_database(name, database, untouched):
    query = SQL_BLOCKS[name]
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        rows = db.execute(query).fetchall()
    assert rows and all(None not in row for row in rows)
