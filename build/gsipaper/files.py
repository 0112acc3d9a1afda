"""The filesystem edge: staging a package beside its target and moving it into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PUBLISHED = ("dist", "schemas", "datapackage.json", "README.md", "CITATION.cff")


@contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A temporary directory beside the target, removed whatever happens."""
    target.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".gsipaper-stage-", dir=target))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def write_files(files: dict[str, bytes], root: Path) -> None:
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def tree_files(root: Path, entries=PUBLISHED) -> dict[str, bytes]:
    """Every published file under root, by relative path."""
    found = {}
    for entry in entries:
        path = root / entry
        paths = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in paths:
            if file.is_file():
                found[file.relative_to(root).as_posix()] = file.read_bytes()
    return found


def differences(expected: dict[str, bytes], actual: dict[str, bytes]) -> list[str]:
    return [
        f"{path}: {'missing' if path not in actual else 'not built' if path not in expected else 'differs'}"
        for path in sorted(expected.keys() | actual.keys())
        if expected.get(path) != actual.get(path)
    ]


def move_into_place(stage: Path, target: Path, entries=PUBLISHED) -> None:
    """Replace each changed entry of target by the staged one; undo all if one move fails."""
    previous = stage / ".previous"
    previous.mkdir()
    done: list[str] = []
    try:
        for entry in entries:
            if tree_files(stage, [entry]) == tree_files(target, [entry]):
                continue
            if (target / entry).exists():
                os.replace(target / entry, previous / entry)
            done.append(entry)
            os.replace(stage / entry, target / entry)
    except BaseException:
        for entry in reversed(done):
            if (previous / entry).exists():
                if (target / entry).is_dir():
                    shutil.rmtree(target / entry)
                os.replace(previous / entry, target / entry)
        raise
