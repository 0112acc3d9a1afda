"""The descriptor: what each published file is (its artefact), its entry, and the package.

`gsipaper.pipeline.render` calls the steps (`gsipaper.writers.steps`) that make the
files; the entries here describe each with its size and hash.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pyarrow as pa

from gsipaper.facts import LANGUAGE_NAMES, hash_field, sha256_hex
from gsipaper.formats import CSV_DIALECT
from gsipaper.writers.workbook import SIDE_BY_SIDE_SHEET

__all__ = [
    "ARCHIVE",
    "CROISSANT",
    "CSVW",
    "DATABASE",
    "DATASETTE",
    "PAGE",
    "TRANSLATION_FILES",
    "WORKBOOK",
    "Source",
    "descriptor",
    "file_resource",
    "resources",
    "source_line",
    "workbook_resource",
]  # the rest are its own helpers

DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"


@dataclass(frozen=True, slots=True)
class Artefact:
    """A file for other tools. Data Package v2 has no `type` for a file that is not one
    table: the database and the zip are listed without one."""

    name: str
    extension: str
    mediatype: str
    description: str
    versioned: bool = False  # the version in the file name, for uploads that keep every one
    stem: str | None = None  # a name of its own instead of the package's
    format: str = ""  # when it is not the extension

    def path(self, metadata: dict) -> str:
        suffix = f"-{metadata['version']}" if self.versioned else ""
        return f"dist/{self.stem or metadata['name']}{suffix}.{self.extension}"


WORKBOOK = Artefact(
    "workbook",
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Every table in one Excel workbook. Described here is its first sheet, side by side; "
    "one sheet per table and an about sheet follow it.",
)
DATABASE = Artefact(
    "database",
    "sqlite",
    "application/vnd.sqlite3",
    "Every table in one SQLite database with its keys, and the view side_by_side.",
)
TRANSLATION_FILES = (
    Artefact(
        "translation-memory",
        "tmx",
        "application/x-tmx+xml",
        "The sentence links that have both languages as a TMX 1.4b translation memory: "
        "English (en) the source, Chinese (zh-CN) the target; each unit's props give its "
        "link id, unit id, link type and score.",
    ),
    Artefact(
        "moses-en",
        "en-zh.en",
        "text/plain",
        "The English of each sentence link that has both languages, one link per line "
        "(Moses format); line n of the .zh file is its Chinese.",
        format="txt",
    ),
    Artefact(
        "moses-zh",
        "en-zh.zh",
        "text/plain",
        "The Chinese of each sentence link that has both languages, one link per line "
        "(Moses format); line n of the .en file is its English.",
        format="txt",
    ),
    Artefact(
        "moses-ids",
        "en-zh.ids",
        "text/plain",
        "For each line of the Moses files: the link id, the English and the Chinese "
        "sentence ids, separated by tabs.",
        format="txt",
    ),
)
ARCHIVE = Artefact(
    "archive",
    "zip",
    "application/zip",
    "The whole package in one zip: this descriptor less this entry, the data and the schemas.",
    versioned=True,
)
DATASETTE = Artefact(
    "datasette-metadata",
    "json",
    "application/json",
    "Datasette's metadata for the database: titles, licence, source, a description of every "
    "table and column, and the canned queries of schemas/queries.sql.",
    stem="datasette-metadata",
)
CROISSANT = Artefact(
    "croissant",
    "json",
    "application/ld+json",
    "Croissant 1.0 metadata (MLCommons) for dataset hubs and loaders: the dataset, the CSV "
    "and Parquet files with their sha256, and a record set per table, read from its Parquet "
    "file, with the Table Schema's fields, types and keys.",
    stem="croissant",
    format="jsonld",
)
CSVW = Artefact(
    "csv-metadata",
    "json",
    "application/csvm+json",
    "W3C CSV on the Web (CSVW) metadata for the CSV files: their columns, datatypes, required "
    "columns, patterns, primary and foreign keys, from the Table Schemas.",
    stem="csv-metadata",
)
PAGE = Artefact(
    "page",
    "html",
    "text/html",
    "The reader page: the paper, English beside Chinese, with every repair marked, the "
    "downloads and the data dictionary. One file, with nothing to fetch.",
    stem="index",
)


@dataclass(frozen=True)
class Source:
    name: str  # the file's name; the project keeps it under source/
    data: bytes

    @cached_property
    def sha256(self) -> str:
        return sha256_hex(self.data)


def file_resource(files: dict[str, bytes], artefact: Artefact, metadata: dict) -> dict:
    path = artefact.path(metadata)
    return {
        "name": artefact.name,
        "path": path,
        "description": artefact.description,
        "format": artefact.format or artefact.extension,
        "mediatype": artefact.mediatype,
        "bytes": len(files[path]),
        "hash": hash_field(files[path]),
    }


def workbook_resource(files: dict[str, bytes], metadata: dict) -> dict:
    """The workbook as the table of its first sheet, which tools that read tables can check."""
    return {
        **file_resource(files, WORKBOOK, metadata),
        "type": "table",
        "dialect": {"sheetName": SIDE_BY_SIDE_SHEET},
        "schema": "schemas/side_by_side.json",
    }


def resources(tables: dict[str, pa.Table], files: dict[str, bytes]) -> list[dict]:
    listed = []
    for name in tables:
        csv_path, parquet_path = f"dist/{name}.csv", f"dist/{name}.parquet"
        listed.append(
            {
                "name": name,
                "type": "table",
                "path": csv_path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": CSV_DIALECT,
                "bytes": len(files[csv_path]),
                "hash": hash_field(files[csv_path]),
                "schema": f"schemas/{name}.json",
            }
        )
        # A file to frictionless, which then checks its bytes and hash (it counts neither
        # for a Parquet table); the build proves it holds the same table as the CSV.
        listed.append(
            {
                "name": f"{name}-parquet",
                "type": "file",
                "path": parquet_path,
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "bytes": len(files[parquet_path]),
                "hash": hash_field(files[parquet_path]),
                "schema": f"schemas/{name}.json",
            }
        )
    return listed


def descriptor(
    metadata: dict, titles: dict[str, str], source: Source, listed: list[dict], cut_off: bool
) -> dict:
    publication = metadata["publication"]
    limits = (
        " The source text is cut off; the paragraphs it cuts are flagged truncated."
        if cut_off
        else ""
    )
    return {
        "$schema": DATAPACKAGE_PROFILE,
        "name": metadata["name"],
        "title": titles["en"],
        "description": (
            f"{titles['en']} ({titles['zh']}), English and Chinese, one row per paragraph, "
            "keyed by section and commitment, each paragraph aligned with its translation. "
            f"Published by the {publication['publisher']} on {publication['date']}." + limits
        ),
        "version": metadata["version"],
        "created": metadata["created"],
        "keywords": metadata["keywords"],
        "licenses": metadata["licenses"],
        "contributors": metadata["contributors"],
        "sources": [
            {
                "title": publication["title"],
                "publisher": publication["publisher"],
                "date": publication["date"],
                "languages": publication["languages"],
                "format": publication["format"],
                "description": (
                    f"The paper as published by the {publication['publisher']} "
                    f"on {publication['date']}, in {language_list(publication['languages'])}."
                ),
            },
            {
                "title": f"{source.name}: the text extracted from the {publication['format']}",
                "path": f"source/{source.name}",
                "format": "txt",
                "mediatype": "text/plain",
                "encoding": "utf-8",
                "bytes": len(source.data),
                "hash": f"sha256:{source.sha256}",
            },
        ],
        "resources": listed,
    }


def language_list(languages: list[str]) -> str:
    names = [LANGUAGE_NAMES.get(code, code) for code in languages]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def source_line(source: Source) -> str:
    return f"source/{source.name}, sha256 {source.sha256}"
