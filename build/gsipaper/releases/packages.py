"""Reading a published package, a directory or the release zip, as untrusted input.

Nothing is extracted to disk. Every path the descriptor names must stay inside the
package: no absolute path, no `..`, no link out of a directory. A zip must hold one
folder with `datapackage.json`, no member name that leaves its folder, and no member
larger than MAX_MEMBER or expanding more than MAX_RATIO times (a zip bomb), nor more
than MAX_TOTAL in all. Each table is read from its CSV resource, typed by its schema.
"""

from __future__ import annotations

import json
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pyarrow as pa
import pyarrow.compute as pc

from gsipaper.errors import SourceError
from gsipaper.formats import csv_table

__all__ = ["Published", "key_values", "load_package"]  # the rest are its own helpers

DESCRIPTOR = "datapackage.json"
MAX_MEMBER = 256 * 2**20  # bytes of one file
MAX_TOTAL = 2**30  # bytes of all the files of a zip, unpacked
MAX_RATIO = 100  # unpacked over packed size, for members of more than RATIO_FROM bytes
RATIO_FROM = 2**20
MAX_MEMBERS = 10_000
EXPECTED = "a data package: a directory with datapackage.json, or the release zip"

Reader = Callable[[str], bytes]


@dataclass(frozen=True, slots=True)
class Published:
    """A published package's tables, each with its Table Schema."""

    name: str
    version: str | None
    tables: dict[str, pa.Table]
    schemas: dict[str, dict]


def load_package(path: Path) -> Published:
    where = str(path)
    read = directory_reader(path) if path.is_dir() else zip_reader(path)
    descriptor = json_of(read(DESCRIPTOR), f"{where}: {DESCRIPTOR}")
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise SourceError("the descriptor lists no resources", EXPECTED, file=where)
    tables, schemas = {}, {}
    for resource in resources:
        if not (isinstance(resource, dict) and resource.get("format") == "csv"):
            continue
        name, schema = resource.get("name"), resource.get("schema")
        data = read(str(resource.get("path")))
        if isinstance(schema, str):
            schema = json_of(read(schema), f"{where}: {schema}")
        if not isinstance(name, str) or not isinstance(schema, dict):
            raise SourceError("a CSV resource without a name or schema", EXPECTED, file=where)
        schemas[name] = schema
        tables[name] = table_of(data, schema, f"{where}: {name}")
    return Published(where, descriptor.get("version"), tables, schemas)


def table_of(data: bytes, schema: dict, where: str) -> pa.Table:
    try:
        table = csv_table(data, schema)
        key = schema["primaryKey"]
    except (pa.ArrowException, KeyError, TypeError) as error:
        lacking = isinstance(error, KeyError)
        problem = f"the schema lacks {error}" if lacking else str(error).splitlines()[0]
        raise SourceError(
            f"cannot read: {problem}", "CSV as its schema describes", file=where
        ) from None
    columns = [key] if isinstance(key, str) else key
    if not set(columns) <= set(table.column_names):
        raise SourceError(f"primary key {columns} not in the table", "a keyed table", file=where)
    if pc.count_distinct(key_values(table, columns)).as_py() != table.num_rows:
        raise SourceError("primary key values repeat", "a unique primary key", file=where)
    return table


def key_values(table: pa.Table, columns: list[str]) -> pa.Array:
    """Each row's primary key as text, its columns joined with |."""
    parts = [pc.fill_null(pc.cast(table[column], pa.string()), "") for column in columns]
    joined = parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, "|")
    return joined.combine_chunks() if isinstance(joined, pa.ChunkedArray) else joined


def json_of(data: bytes, where: str):
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line = getattr(error, "lineno", None)
        raise SourceError(f"not JSON: {error}", "a JSON document", line, file=where) from None


def inside(relative: str, where: str) -> str:
    """A relative path that stays inside the package, as POSIX parts joined by /."""
    path = PurePosixPath(relative)
    if (
        not relative
        or "\\" in relative
        or "://" in relative
        or path.is_absolute()
        or (".." in path.parts)
    ):
        raise SourceError(f"the path {relative!r} leaves the package", EXPECTED, file=where)
    return path.as_posix()


def directory_reader(root: Path) -> Reader:
    base = root.resolve()

    def read(relative: str) -> bytes:
        target = (base / inside(relative, str(root))).resolve()
        if not target.is_relative_to(base):
            raise SourceError(f"{relative} links outside the package", EXPECTED, file=str(root))
        if not target.is_file():
            raise SourceError(f"no file {relative}", EXPECTED, file=str(root))
        if target.stat().st_size > MAX_MEMBER:
            raise SourceError(
                f"{relative} is too large", f"at most {MAX_MEMBER:,} bytes", file=str(root)
            )
        return target.read_bytes()

    return read


def zip_reader(path: Path) -> Reader:
    where = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise SourceError("no such file or directory", EXPECTED, file=where) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SourceError("neither a directory nor a zip", EXPECTED, file=where) from None
    members = {info.filename: info for info in checked_members(archive, where)}
    folder = package_folder(members, where)

    def read(relative: str) -> bytes:
        info = members.get(folder + inside(relative, where))
        if info is None:
            raise SourceError(f"no file {relative} in the zip", EXPECTED, file=where)
        try:
            with archive.open(info) as member:
                data = member.read(info.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as error:
            # A damaged, encrypted or otherwise unreadable member (zipfile checks each CRC).
            raise SourceError(f"cannot unpack {relative}: {error}", EXPECTED, file=where) from None
        if len(data) != info.file_size:
            raise SourceError(f"{relative} is not the size the zip says", EXPECTED, file=where)
        return data

    return read


def checked_members(archive: zipfile.ZipFile, where: str) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise SourceError(
            f"{len(infos):,} files in the zip", f"at most {MAX_MEMBERS:,}", file=where
        )
    if sum(info.file_size for info in infos) > MAX_TOTAL:
        raise SourceError("the zip unpacks too large", f"at most {MAX_TOTAL:,} bytes", file=where)
    for info in infos:
        inside(info.filename.removesuffix("/"), where)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER or (info.file_size > RATIO_FROM and ratio > MAX_RATIO):
            raise SourceError(
                f"{info.filename} unpacks to {info.file_size:,} bytes",
                f"at most {MAX_MEMBER:,} bytes, packed at most {MAX_RATIO} to 1",
                file=where,
            )
    return infos


def package_folder(members: dict[str, zipfile.ZipInfo], where: str) -> str:
    """The one folder of the zip that holds the descriptor (or none: the zip's top)."""
    found = [
        name.removesuffix(DESCRIPTOR)
        for name in members
        if name == DESCRIPTOR or (name.endswith("/" + DESCRIPTOR) and name.count("/") == 1)
    ]
    if len(found) != 1:
        raise SourceError(f"{len(found)} descriptors at the top of the zip", EXPECTED, file=where)
    return found[0]
