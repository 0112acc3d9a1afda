"""The pipeline: source bytes → the bytes of every published file.

read → segment → structure → align → tables → publish; `validate` runs on the
written package (see `gsipaper.cli`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyarrow as pa

from gsipaper.align import Edition, align
from gsipaper.docs import with_dictionary
from gsipaper.publish import Source, render
from gsipaper.read import read_lines
from gsipaper.segment import segment
from gsipaper.structure import structure
from gsipaper.tables import tables


@dataclass(frozen=True, slots=True)
class Project:
    """What the build reads besides the source: schemas, metadata and the README to refresh."""

    schemas: dict[str, dict]
    metadata: dict
    readme: str


@dataclass(frozen=True, slots=True)
class Package:
    tables: dict[str, pa.Table]
    files: dict[str, bytes]


def edition_of(data: bytes) -> Edition:
    return align(structure(segment(read_lines(data))))


def tables_of(data: bytes, project: Project) -> dict[str, pa.Table]:
    return tables(edition_of(data), project.schemas)


def package_of(data: bytes, source_name: str, project: Project) -> Package:
    edition = edition_of(data)
    typed = tables(edition, project.schemas)
    titles = {language: title.text for language, title in edition.titles.items()}
    source = Source(source_name, hashlib.sha256(data).hexdigest())
    files = render(typed, project.schemas, project.metadata, titles, source)
    files["README.md"] = with_dictionary(project.readme, project.schemas).encode("utf-8")
    return Package(typed, files)
