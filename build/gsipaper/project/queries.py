"""The database's canned queries, written by hand in schemas/queries.sql.

A query is a block of lines between blank lines: comment lines (`-- …`) that say
what it does, its title, then its SQL. A block of comments alone is a note.
"""

from __future__ import annotations

import re

from gsipaper.errors import SourceError

__all__ = ["QUERIES_FILE", "queries_of"]  # the rest are its own helpers

QUERIES_FILE = "schemas/queries.sql"


def queries_of(text: str, where: str = QUERIES_FILE) -> dict[str, dict]:
    """{name: {"title", "sql"}}, in the file's order; the name is the title's slug."""
    queries: dict[str, dict] = {}
    for first_line, lines in blocks(text):
        titles = [line for line in lines if line.startswith("--")]
        sql = lines[len(titles) :]
        if not sql:
            continue
        if not titles or any(line.startswith("--") for line in sql):
            raise SourceError(
                "a query without its title", "comment lines, then the SQL", first_line, where
            )
        title = " ".join(line.removeprefix("--").strip() for line in titles)
        name = slug(title)
        if name in queries:
            raise SourceError(
                f"a second query titled {title!r}", "one title a query", first_line, where
            )
        queries[name] = {"title": title, "sql": "\n".join(sql).strip()}
    return queries


def blocks(text: str) -> list[tuple[int, list[str]]]:
    found: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            if found and found[-1][1]:
                found.append((number + 1, []))
            continue
        if not found:
            found.append((number, []))
        found[-1][1].append(line.rstrip())
    return [block for block in found if block[1]]


def slug(title: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", title.lower()))
