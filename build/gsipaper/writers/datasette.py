"""Datasette's metadata for the SQLite database, from the descriptor, the schemas and the queries.

Datasette shows the title, description, licence and source on every page, each
table's and column's description beside its data, and offers the canned queries
of schemas/queries.sql: the same words as the data dictionary, never
written twice.
"""

from __future__ import annotations

__all__ = ["datasette_metadata"]  # the rest are its own helpers


def datasette_metadata(
    package: dict,
    schemas: dict[str, dict],
    views: dict[str, dict],
    queries: dict[str, dict],
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
                "queries": queries,
            }
        },
    }


def table_metadata(schema: dict) -> dict:
    return {
        "description": schema["description"],
        "columns": {field["name"]: field["description"] for field in schema["fields"]},
    }
