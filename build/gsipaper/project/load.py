"""The project: the directory the build reads its metadata, schemas and queries from.

`load_project` is the edge that reads them, once, into one `Project` value; a
problem in any of them is a `SourceError` naming the file (and line where the
format gives one).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from gsipaper.errors import SourceError
from gsipaper.project.queries import QUERIES_FILE, queries_of
from gsipaper.project.schemas import RESOURCES, VIEWS, check_schema, schema_file

__all__ = ["Project", "load_project"]  # the rest are its own helpers

SOURCE = Path("source") / "gsi-concept-paper.txt"
# What [tool.gsipaper] must hold, and the type of each value.
METADATA: dict[str, type] = {
    "name": str,
    "created": str,
    "keywords": list,
    "licenses": list,
    "publication": dict,
    "contributors": list,
}
PUBLICATION: dict[str, type] = {
    "title": str,
    "publisher": str,
    "date": str,
    "languages": list,
    "format": str,
}
TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)$")


@dataclass(frozen=True, slots=True)
class Project:
    """What the build reads besides the source."""

    root: Path
    metadata: dict
    schemas: dict[str, dict]  # one per table, in the order the tables are published
    views: dict[str, dict]  # one per view of the database, which the workbook shows
    schema_files: dict[str, bytes]  # every file of schemas/ as it is, by path: published so
    queries: dict[str, dict]  # the database's canned queries (schemas/queries.sql)

    @property
    def source(self) -> Path:
        return self.root / SOURCE


def load_project(root: Path) -> Project:
    if not root.is_dir():
        raise SourceError("no such directory", "the project directory", file=str(root))
    texts = {name: read_text(root, schema_file(name)) for name in (*RESOURCES, *VIEWS)}
    queries = read_text(root, QUERIES_FILE)
    schemas = {name: load_schema(root, name, text) for name, text in texts.items()}
    return Project(
        root=root,
        metadata=load_metadata(root),
        schemas={name: schemas[name] for name in RESOURCES},
        views={name: schemas[name] for name in VIEWS},
        schema_files={
            **{schema_file(name): text.encode("utf-8") for name, text in texts.items()},
            QUERIES_FILE: queries.encode("utf-8"),
        },
        queries=queries_of(queries, str(root / QUERIES_FILE)),
    )


def load_metadata(root: Path) -> dict:
    where = str(root / "pyproject.toml")
    text = read_text(root, "pyproject.toml")
    try:
        pyproject = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        message = TOML_LINE.sub("", str(error)).strip()
        raise SourceError(f"not TOML: {message}", "TOML", line, where) from None
    project = pyproject.get("project", {})
    tool = pyproject.get("tool", {}).get("gsipaper")
    if not isinstance(tool, dict):
        raise SourceError("no [tool.gsipaper] table", "the package's metadata", file=where)
    require(tool, METADATA, "[tool.gsipaper]", where)
    require(tool["publication"], PUBLICATION, "[tool.gsipaper.publication]", where)
    require(project, {"version": str, "description": str}, "[project]", where)
    return {**tool, "version": project["version"], "summary": project["description"]}


def require(table: dict, keys: Mapping[str, type], name: str, where: str) -> None:
    for key, kind in keys.items():
        if not isinstance(table.get(key), kind):
            problem = f"{name} has no {key}" if key not in table else f"{name} {key} is malformed"
            raise SourceError(problem, f"{key} as a {TOML_TYPES[kind]}", file=where)


TOML_TYPES: dict[type, str] = {str: "string", list: "array", dict: "table"}


def load_schema(root: Path, name: str, text: str) -> dict:
    where = str(root / schema_file(name))
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(f"not JSON: {error.msg}", "a Table Schema", error.lineno, where) from None
    check_schema(schema, where)
    return schema


def read_text(root: Path, relative: str) -> str:
    where = str(root / relative)
    try:
        return (root / relative).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError("no such file", "a file of the project", file=where) from None
    except UnicodeDecodeError:
        raise SourceError("not UTF-8", "UTF-8 text", file=where) from None
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror}", "a readable file", file=where) from None
