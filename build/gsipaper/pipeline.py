"""The pipeline: source bytes → the bytes of every published file.

read → segment → structure → align → tables → publish; `validate` runs on the
written package (see `gsipaper.cli`).
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pyarrow as pa

from gsipaper.align import Edition, align
from gsipaper.docs import with_dictionary
from gsipaper.portals import citation_cff, dataset_card, with_front_matter
from gsipaper.publish import Source, render, with_archive
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
    source = Source(source_name, hashlib.sha256(data).hexdigest())
    files = render(typed, project.schemas, project.metadata, titles, source)
    described = json.loads(files["datapackage.json"])
    card = dataset_card(described, max(table.num_rows for table in typed.values()))
    readme = with_front_matter(with_dictionary(project.readme, project.schemas), card)
    files["README.md"] = readme.encode("utf-8")
    files["CITATION.cff"] = citation_cff(described, project.metadata).encode("utf-8")
    files = with_archive(files, {f"source/{source_name}": data}, project.metadata)
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
