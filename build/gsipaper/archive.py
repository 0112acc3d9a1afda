"""The archive: files → the bytes of one zip, the same bytes on every build.

Entries are sorted, stamped 1980-01-01 00:00 (the earliest time zip can hold),
marked as Unix files readable by all and compressed at a fixed level: zlib's
default, as level 9 takes twice the time for a file some 1 % smaller. Files
that are compressed already (Parquet, the workbook) are stored as they are.
"""

from __future__ import annotations

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
UNIX = 3
FILE_MODE = 0o100644  # a regular file, rw-r--r--
LEVEL = 6
COMPRESSED = (".parquet", ".xlsx")


def zip_bytes(files: dict[str, bytes], folder: str) -> bytes:
    """A zip holding each file under `folder`/, so that unpacking makes one directory."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            entry = zipfile.ZipInfo(f"{folder}/{path}", FIXED_TIME)
            entry.create_system = UNIX
            entry.external_attr = FILE_MODE << 16
            stored = path.endswith(COMPRESSED)
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(entry, files[path], compresslevel=None if stored else LEVEL)
    return buffer.getvalue()
