"""The pipeline: source bytes → the bytes of every published file.

read → segment → structure → align → tables → publish; `validate` runs on the
written package (see `gsipaper.cli`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from gsipaper.align import Edition, align, check_lengths
from gsipaper.project import Project
from gsipaper.publish import Source, render
from gsipaper.read import read_lines
from gsipaper.schemas import Limits, limits_of
from gsipaper.segment import segment
from gsipaper.structure import structure
from gsipaper.tables import tables


@dataclass(frozen=True, slots=True)
class Package:
    tables: dict[str, pa.Table]
    files: dict[str, bytes]


def edition_of(data: bytes, limits: Limits) -> Edition:
    return align(structure(segment(read_lines(data)), limits))


def tables_of(data: bytes, project: Project) -> dict[str, pa.Table]:
    return tables(edition_of(data, limits_of(project.schemas)), project.schemas)


def package_of(data: bytes, source_name: str, project: Project) -> Package:
    limits = limits_of(project.schemas)
    edition = edition_of(data, limits)
    check_lengths(edition, limits.text_length)
    typed = tables(edition, project.schemas)
    titles = {language: title.text for language, title in edition.titles.items()}
    files = render(typed, project, titles, Source(source_name, data))
    return Package(typed, files)
