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

from conftest import BUILT, DATABASE, ROOT
from gsipaper.datasette import canned_queries

README = (ROOT / "README.md").read_text(encoding="utf-8")
METADATA = json.loads((BUILT / "dist/datasette-metadata.json").read_text(encoding="utf-8"))
DB = DATABASE.stem
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


def test_every_readme_sql_example_is_a_canned_query_that_runs(datasette):
    queries = canned_queries(README)
    assert len(queries) == len(re.findall(r"```sql\n", README)) >= 2
    with sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True) as db:
        for name, query in queries.items():
            rows = get(datasette, f"/{DB}/{name}.json?_shape=arrays")["rows"]
            assert rows == [list(row) for row in db.execute(query["sql"])], name
            assert rows


def test_the_roles_query_gives_the_chinese_roles(datasette, published):
    (name,) = [n for n, q in canned_queries(README).items() if "role_zh" in q["sql"]]
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


def test_a_canned_query_is_named_by_the_sentence_that_introduces_it():
    readme = (
        "# Title\n\nSome prose.\n\n```python\nprint('not sql')\n```\n\n"
        "Rows per language, counted\nover two lines:\n\n```sql\nSELECT 1;\n```\n\n"
        "| a | table |\n\n```sql\nSELECT 2;\n```\n"
    )
    assert canned_queries(readme) == {
        "rows-per-language-counted-over-two-lines": {
            "title": "Rows per language, counted over two lines",
            "sql": "SELECT 1;",
        }
    }
