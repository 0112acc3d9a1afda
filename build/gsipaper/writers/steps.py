"""The render steps: each makes some of the published files from the tables and those before.

Each returns {relative path: bytes}; `gsipaper.pipeline.render` calls them in order.
"""

from __future__ import annotations

import pyarrow as pa

from gsipaper.formats import csv_bytes, json_bytes, parquet_bytes
from gsipaper.project.load import Project
from gsipaper.writers.archive import zip_bytes
from gsipaper.writers.croissant import croissant
from gsipaper.writers.csvw_metadata import csvw_metadata
from gsipaper.writers.database import database_bytes, side_by_side
from gsipaper.writers.datasette import datasette_metadata
from gsipaper.writers.descriptor import (
    ARCHIVE,
    CROISSANT,
    CSVW,
    DATABASE,
    DATASETTE,
    PAGE,
    TRANSLATION_FILES,
    WORKBOOK,
    Source,
    file_resource,
    resources,
    source_line,
    workbook_resource,
)
from gsipaper.writers.docs import DICTIONARY_PATH, data_dictionary
from gsipaper.writers.exports import translation_files as translation_exports
from gsipaper.writers.page import downloads, page_html
from gsipaper.writers.portals import citation_cff, citation_line
from gsipaper.writers.schema_org import page_dataset
from gsipaper.writers.workbook import package_workbook

__all__ = [
    "citation_file",
    "database_file",
    "datasette_file",
    "dictionary_file",
    "is_cut_off",
    "listing",
    "page_file",
    "table_files",
    "table_metadata_files",
    "translation_memory_files",
    "with_archive",
    "workbook_file",
]  # the rest are its own helpers

Files = dict[str, bytes]


def table_files(tables: dict[str, pa.Table]) -> Files:
    files = {}
    for name, table in tables.items():
        files[f"dist/{name}.csv"] = csv_bytes(table)
        files[f"dist/{name}.parquet"] = parquet_bytes(table)
    return files


def database_file(tables: dict[str, pa.Table], project: Project) -> Files:
    path = DATABASE.path(project.metadata)
    return {path: database_bytes(tables, project.schemas, project.views)}


def workbook_file(
    tables: dict[str, pa.Table], project: Project, files: Files, titles: dict, source: Source
) -> Files:
    """The workbook; its side-by-side sheet is the database's view, read back from it."""
    view = side_by_side(files[DATABASE.path(project.metadata)])
    workbook = package_workbook(tables, project, view, titles, source_line(source))
    return {WORKBOOK.path(project.metadata): workbook}


def translation_memory_files(tables: dict[str, pa.Table], metadata: dict) -> Files:
    exports = translation_exports(tables["sentence_links"], metadata["version"])
    return {artefact.path(metadata): exports[artefact.extension] for artefact in TRANSLATION_FILES}


def listing(tables: dict[str, pa.Table], files: Files, metadata: dict) -> list[dict]:
    """The descriptor's entries for the tables, the workbook, the database and the exports."""
    return [
        *resources(tables, files),
        workbook_resource(files, metadata),
        file_resource(files, DATABASE, metadata),
        *(file_resource(files, artefact, metadata) for artefact in TRANSLATION_FILES),
    ]


def is_cut_off(tables: dict[str, pa.Table]) -> bool:
    return any(tables["paragraphs"].column("truncated").to_pylist())


def datasette_file(package: dict, project: Project) -> Files:
    metadata = project.metadata
    database = DATABASE.path(metadata).removeprefix("dist/").removesuffix(".sqlite")
    described = datasette_metadata(
        package,
        project.schemas,
        project.views,
        project.queries,
        database,
        metadata["publication"],
    )
    return {DATASETTE.path(metadata): json_bytes(described)}


def table_metadata_files(package: dict, project: Project, titles: dict) -> Files:
    """Croissant and CSVW: the tables described for the tools of those two standards."""
    metadata = project.metadata
    citation = citation_line(package, metadata)
    return {
        CROISSANT.path(metadata): json_bytes(croissant(package, titles, citation, project.schemas)),
        CSVW.path(metadata): json_bytes(csvw_metadata(package, project.schemas)),
    }


def page_file(
    tables: dict[str, pa.Table],
    project: Project,
    package: dict,
    titles: dict,
    source: Source,
    files: Files,
    listed: list[dict],
) -> Files:
    """The page lists every file but the descriptor and the zip, which hold the page."""
    metadata, schemas = project.metadata, project.schemas | project.views
    unhashed = [
        {
            "path": "datapackage.json",
            "format": "json",
            "description": "The descriptor: "
            "metadata, sources and every file with its size and sha256, this page's included.",
        },
        {
            "path": ARCHIVE.path(metadata),
            "format": ARCHIVE.extension,
            "description": ARCHIVE.description,
        },
    ]
    listing_ = downloads(files, listed, schemas, unhashed)
    citation = citation_line(package, metadata)
    linked = page_dataset(package, titles, citation, listed, project.schemas)
    html = page_html(tables, schemas, package, metadata, titles, source, listing_, linked)
    return {PAGE.path(metadata): html.encode("utf-8")}


def citation_file(package: dict, metadata: dict) -> Files:
    return {"CITATION.cff": citation_cff(package, metadata).encode("utf-8")}


def dictionary_file(schemas: dict[str, dict]) -> Files:
    return {DICTIONARY_PATH: data_dictionary(schemas).encode("utf-8")}


def with_archive(files: Files, package: dict, source: Source, metadata: dict) -> Files:
    """The files, the zip of them all with the source, and the descriptor.

    The zip holds the descriptor without the zip's entry: a file cannot hold its own hash.
    """
    files = {**files, "datapackage.json": json_bytes(package)}
    path = ARCHIVE.path(metadata)
    folder = path.removeprefix("dist/").removesuffix(".zip")
    files[path] = zip_bytes(files | {f"source/{source.name}": source.data}, folder)
    listed = [*package["resources"], file_resource(files, ARCHIVE, metadata)]
    files["datapackage.json"] = json_bytes({**package, "resources": listed})
    return files
