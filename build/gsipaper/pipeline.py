"""The pipeline: source bytes → the bytes of every published file.

read → segment → structure → align → tables → publish; `validate` runs on the
written package (see `gsipaper.cli`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyarrow as pa

from gsipaper.align import Edition, align
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
    with collector_paused():
        return tables(edition_of(data), project.schemas)


def package_of(data: bytes, source_name: str, project: Project) -> Package:
    with collector_paused():
        edition = edition_of(data)
        typed = tables(edition, project.schemas)
    titles = {language: title.text for language, title in edition.titles.items()}
    source = Source(source_name, data)
    files = render(typed, project.schemas, project.metadata, project.readme, titles, source)
    return Package(typed, files)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the pipeline makes no reference cycles.

    It makes many small objects, which the collector would pass over again and
    again: on a 20 MB document that took a third of the time, and more per MB
    the larger the document. Reference counting still frees everything.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
