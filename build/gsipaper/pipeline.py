"""The pipeline: the source text → every published file, validated and in place.

`build` is the whole of it, and `package_of` and `render` show every stage and
every file in order. Each stage but the first and the last is a pure function of
the one before; the first reads the source, the last publishes (`gsipaper.publish`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from gsipaper.errors import SourceError
from gsipaper.files import read_source
from gsipaper.paper.align import Edition, align, check_lengths
from gsipaper.paper.read import read_lines
from gsipaper.paper.roles import commitments_of
from gsipaper.paper.segment import segment
from gsipaper.paper.structure import structure
from gsipaper.project.load import Project
from gsipaper.project.schemas import Limits, limits_of
from gsipaper.publish import publish
from gsipaper.sentences.dictionary import prefetch
from gsipaper.tabulate.paragraphs import paragraph_tables
from gsipaper.tabulate.sentences import sentence_tables
from gsipaper.writers import steps
from gsipaper.writers.descriptor import (
    CROISSANT,
    CSVW,
    DATASETTE,
    PAGE,
    Source,
    descriptor,
    file_resource,
)

__all__ = ["build"]  # the rest are its own helpers


@dataclass(frozen=True, slots=True)
class Package:
    tables: dict[str, pa.Table]
    files: dict[str, bytes]


def build(
    project: Project, source: Path, out: Path, check: bool, announce: Callable[[str], None]
) -> Package:
    """Read the source, make the package, validate it and publish it into `out` (or, with
    `check`, prove that what `out` holds is what it would publish)."""
    data = read_source(source)
    try:
        with collector_paused():
            package = package_of(data, source.name, project)
    except SourceError as error:
        raise error.at_file(str(source)) from None
    publish(package.files, out, check, lambda: announce(summary(package, check)))
    return package


def package_of(data: bytes, source_name: str, project: Project) -> Package:
    edition, tables = edition_and_tables(data, project)
    titles = {language: title.text for language, title in edition.titles.items()}
    return Package(tables, render(tables, project, titles, Source(source_name, data)))


def tables_of(data: bytes, project: Project) -> dict[str, pa.Table]:
    """The tables alone: every stage up to the files, the checks included."""
    return edition_and_tables(data, project)[1]


def edition_and_tables(data: bytes, project: Project) -> tuple[Edition, dict[str, pa.Table]]:
    limits = limits_of(project.schemas)
    prefetch()  # the aligner's dictionary, read while the paper is
    edition = edition_of(data, limits)
    check_lengths(edition, limits.text_length)  # every paragraph fits a spreadsheet cell
    commitments = commitments_of(edition.units)  # roles: each commitment's title and role
    # paragraphs, sections, commitments, alignments; then sentences, sentence_links
    tables = paragraph_tables(edition, commitments, project.schemas)
    tables |= sentence_tables(edition, project.schemas)  # split_sentences, align_sentences
    return edition, tables


def edition_of(data: bytes, limits: Limits) -> Edition:
    lines = read_lines(data)  # bytes → numbered lines: UTF-8, no control characters
    blocks = segment(lines)  # → headings, list items, paragraph fragments, by language and page
    versions = structure(blocks, limits)  # → the English version and the Chinese
    return align(versions)  # → units: each paragraph with its translation


def render(
    tables: dict[str, pa.Table], project: Project, titles: dict[str, str], source: Source
) -> dict[str, bytes]:
    """The tables → every published file, each step after the files it needs."""
    metadata = project.metadata
    files = steps.table_files(tables)  # dist/<table>.csv, dist/<table>.parquet
    files |= project.schema_files  # schemas/<table>.json, as written by hand
    files |= steps.database_file(tables, project)  # dist/gsi-concept-paper.sqlite
    files |= steps.workbook_file(tables, project, files, titles, source)  # dist/….xlsx
    files |= steps.translation_memory_files(tables, metadata)  # dist/….tmx, ….en-zh.{en,zh,ids}
    listed = steps.listing(tables, files, metadata)  # the descriptor's entries so far
    package = descriptor(metadata, titles, source, listed, steps.is_cut_off(tables))
    files |= steps.datasette_file(package, project)  # dist/datasette-metadata.json
    files |= steps.table_metadata_files(
        package, project, titles
    )  # dist/croissant.json, dist/csv-metadata.json
    described = (DATASETTE, CROISSANT, CSVW)
    listed = [*listed, *(file_resource(files, artefact, metadata) for artefact in described)]
    files |= steps.page_file(tables, project, package, titles, source, files, listed)  # index
    package = {**package, "resources": [*listed, file_resource(files, PAGE, metadata)]}
    files |= steps.citation_file(package, metadata)  # CITATION.cff
    files |= steps.dictionary_file(project.schemas)  # docs/data-dictionary.md
    # dist/gsi-concept-paper-<version>.zip of all the above and the source; datapackage.json
    return steps.with_archive(files, package, source, metadata)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the pipeline runs: it makes no cycles.

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


def summary(package: Package, check: bool) -> str:
    if check:
        return "gsipaper: the published package matches a fresh build"
    rows = [f"{name}: {table.num_rows} rows" for name, table in package.tables.items()]
    return (
        f"gsipaper: published {len(package.tables)} resources as CSV and Parquet, "
        f"with the workbook, database, TMX and Moses files, Croissant and CSVW metadata, "
        f"reader page and zip, valid ({', '.join(rows)})"
    )
