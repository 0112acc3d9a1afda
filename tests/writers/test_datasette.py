"""Datasette on the database, started as `make serve` starts it: read-only, on 127.0.0.1,
with the descriptions and canned queries the build writes."""

import json
import os
import re
import shlex
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from gsipaper.errors import SourceError
from gsipaper.project.load import load_project
from gsipaper.project.queries import queries_of
from support.project import ROOT

QUERIES = load_project(ROOT).queries
DB = "gsi-concept-paper"  # the database's name in Datasette: its file's stem
STARTUP = 60  # seconds to wait for the server to answer before giving up


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_command(port: int) -> list[str]:
    """The command `make serve` runs, as make prints it."""
    # Not make's own settings when the tests run under `make test`: a sub-make prints more.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    printed = subprocess.run(
        ["make", "-n", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return shlex.split(printed.splitlines()[-1])


def get(base: str, path: str):
    with urllib.request.urlopen(f"{base}{path}", timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture(scope="module")
def datasette():
    port = free_port()
    command = serve_command(port)
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP
    try:
        while True:
            try:
                get(base, "/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"datasette did not start: {server.stderr.read().decode()}")
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_make_serve_is_read_only_and_local():
    command = serve_command(8001)
    assert command[1:3] == ["serve", "--immutable"]
    assert command[command.index("-h") + 1] == "127.0.0.1"
    assert command[command.index("--metadata") + 1] == "dist/datasette-metadata.json"


def test_a_table_reads_back_with_its_chinese_text(datasette, published):
    rows = get(datasette, f"/{DB}/paragraphs.json?_shape=array&_size=max&language=zh")
    expected = [p for p in published["paragraphs"] if p["language"] == "zh"]
    assert {r["paragraph_id"]: r["text"] for r in rows} == {
        p["paragraph_id"]: p["text"] for p in expected
    }
    assert all(re.search(r"[\u4e00-\u9fff]", r["text"]) for r in rows)


def test_every_query_of_the_queries_file_is_a_canned_query_that_runs(database, datasette):
    assert len(QUERIES) >= 2
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        for name, query in QUERIES.items():
            rows = get(datasette, f"/{DB}/{name}.json?_shape=arrays")["rows"]
            assert rows == [list(row) for row in db.execute(query["sql"])], name
            assert rows


def test_the_roles_query_gives_the_chinese_roles(datasette, published):
    (name,) = [n for n, q in QUERIES.items() if "role_zh" in q["sql"]]
    rows = get(datasette, f"/{DB}/{name}.json?_shape=array")
    assert [r["role_zh"] for r in rows] == [c["role_zh"] for c in published["commitments"]]


def test_every_table_and_column_is_described_from_the_schemas(datasette, schemas, descriptor):
    served = get(datasette, "/-/metadata.json")
    assert (served["title"], served["license"]) == (
        descriptor["title"],
        descriptor["licenses"][0]["name"],
    )
    tables = served["databases"][DB]["tables"]
    for name, schema in schemas.items():
        assert tables[name]["description"] == schema["description"]
        assert tables[name]["columns"] == {f["name"]: f["description"] for f in schema["fields"]}
    assert set(tables["side_by_side"]["columns"]) >= {"text_en", "text_zh"}


def test_the_table_page_shows_the_column_descriptions(datasette, schemas):
    with urllib.request.urlopen(f"{datasette}/{DB}/paragraphs", timeout=10) as response:
        page = response.read().decode("utf-8")
    for field in schemas["paragraphs"]["fields"]:
        assert f"<dd>{field['description']}</dd>" in page.replace("&#39;", "'")


def test_the_database_is_immutable_and_refuses_writes(datasette):
    (database,) = get(datasette, "/-/databases.json")
    assert database["is_mutable"] is False
    statement = urllib.request.quote("DELETE FROM paragraphs")
    with pytest.raises(urllib.error.HTTPError) as refused:
        get(datasette, f"/{DB}.json?sql={statement}")
    assert refused.value.code == 400


def test_a_query_is_titled_by_its_comment_lines_and_named_by_their_slug():
    text = (
        "-- A note, not a query.\n\n"
        "-- Rows per language, counted\n-- over two lines\nSELECT language, count(*)\n"
        "FROM paragraphs GROUP BY language;\n\n\n-- One more\nSELECT 2;\n"
    )
    assert queries_of(text) == {
        "rows-per-language-counted-over-two-lines": {
            "title": "Rows per language, counted over two lines",
            "sql": "SELECT language, count(*)\nFROM paragraphs GROUP BY language;",
        },
        "one-more": {"title": "One more", "sql": "SELECT 2;"},
    }


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("-- fine\nSELECT 1;\n\nSELECT 2;\n", 4, "a query without its title"),
        ("-- same\nSELECT 1;\n\n-- same\nSELECT 2;\n", 4, "a second query titled 'same'"),
        ("-- a\nSELECT 1;\n-- b\nSELECT 2;\n", 1, "a query without its title"),
    ],
)
def test_a_malformed_query_file_is_refused_at_its_line(text, line, problem):
    with pytest.raises(SourceError) as refused:
        queries_of(text, "queries.sql")
    assert (refused.value.line, refused.value.problem) == (line, problem)
    assert str(refused.value).startswith(f"queries.sql:{line}: {problem}")
