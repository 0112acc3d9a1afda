"""Datasette's metadata for the SQLite database, from the descriptor, the schemas and the README.

Datasette shows the title, description, licence and source on every page, each
table's and column's description beside its data, and offers the README's SQL
examples as canned queries: the same words as the data dictionary, never
written twice.
"""

from __future__ import annotations

import re

# A ```sql block of the README and the paragraph just before it, which says what it does.
SQL_EXAMPLE = re.compile(r"((?:^[^\n`#|<-][^\n]*\n)+)\n```sql\n(.*?)```", re.M | re.S)


def datasette_metadata(
    package: dict,
    schemas: dict[str, dict],
    views: dict[str, dict],
    readme: str,
    database: str,
    publication: dict,
) -> dict:
    """`database` is the database's name in Datasette: its file name without `.sqlite`."""
    licence = package["licenses"][0]
    return {
        "title": package["title"],
        "description": package["description"],
        "license": licence["name"],
        "license_url": licence["path"],
        "source": f"{publication['title']}, {publication['publisher']}, {publication['date']}",
        "databases": {
            database: {
                "description": package["description"],
                "tables": {
                    name: table_metadata(schema) for name, schema in {**schemas, **views}.items()
                },
                "queries": canned_queries(readme),
            }
        },
    }


def table_metadata(schema: dict) -> dict:
    return {
        "description": schema["description"],
        "columns": {field["name"]: field["description"] for field in schema["fields"]},
    }


def canned_queries(readme: str) -> dict[str, dict]:
    """Each SQL example of the README, named and titled by the sentence that introduces it."""
    queries = {}
    for introduction, sql in SQL_EXAMPLE.findall(readme):
        title = " ".join(introduction.split()).rstrip(":.")
        queries[slug(title)] = {"title": title, "sql": sql.strip()}
    return queries


def slug(title: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", title.lower()))
