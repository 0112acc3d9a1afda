"""The filesystem edge: staging a package beside its target and moving it into place."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gsipaper.errors import SourceError

__all__ = [
    "Busy",
    "InterruptsWait",
    "PublishedThenInterrupted",
    "differences",
    "lock",
    "move_into_place",
    "read_source",
    "staging",
    "tree_files",
    "write_files",
]  # the rest are its own helpers

# What the build publishes, entry by entry. schemas/ is the project's own, copied as it is:
# in place, it is never rewritten (an entry that has not changed is not moved).
PUBLISHED = ("dist", "schemas", "datapackage.json", "CITATION.cff", "docs/data-dictionary.md")
LOCK = ".gsipaper-lock"
INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


def read_source(path: Path) -> bytes:
    if path.is_dir():
        raise SourceError("is a directory", "the source text file", file=str(path))
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError("no such file", "the source text file", file=str(path)) from None
    except OSError as error:
        raise SourceError(
            f"cannot read: {error.strerror}", "a readable file", file=str(path)
        ) from None


class Busy(Exception):
    """Another build holds the lock on the target."""


@contextmanager
def lock(target: Path) -> Iterator[None]:
    """Hold the target's lock for the whole build, or refuse at once."""
    target.mkdir(parents=True, exist_ok=True)
    path = target / LOCK
    while True:
        handle = path.open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise Busy(
                f"another build is publishing into {target}; try again when it ends"
            ) from None
        # The holder before us may have removed the file: then lock the new one.
        if path.exists() and os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino:
            break
        handle.close()
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        handle.close()


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


class PublishedThenInterrupted(Exception):
    """An interrupt came while the files were moved: it waited, and the new package is in place."""


class InterruptsWait:
    """From `hold()` to the end of the block, Ctrl-C and SIGTERM wait instead of unwinding.

    The moves, the rollback of a failed move and the removal of the stage then finish
    whatever arrives; a signal that came meanwhile is taken at the end and reported as
    `PublishedThenInterrupted` (or dropped for the error of a failed move, which wins).
    Python runs signal handlers in the main thread whichever thread the signal reaches,
    so a handler that only notes the signal holds it for the whole process, as a mask
    of the main thread alone would not.
    """

    def __init__(self) -> None:
        self._handlers: dict[int, signal._HANDLER] = {}
        self.came: list[int] = []

    def hold(self) -> None:
        # A signal the process was started ignoring (nohup, a background job) stays ignored.
        if not self._handlers:
            self._handlers = {
                signum: signal.signal(signum, self._note)
                for signum in INTERRUPTS
                if signal.getsignal(signum) is not signal.SIG_IGN
            }

    def _note(self, signum, frame) -> None:
        self.came.append(signum)

    def __enter__(self) -> InterruptsWait:
        return self

    def __exit__(self, kind, error, trace) -> None:
        for signum, handler in self._handlers.items():
            signal.signal(signum, handler)
        self._handlers = {}
        if self.came and kind is None:
            raise PublishedThenInterrupted("the new package is in place")


def move_into_place(stage: Path, target: Path, entries=PUBLISHED) -> None:
    """Replace each changed entry of target by the staged one; undo all if one move fails.

    Interrupts wait until the moves (or their undoing) are done, so the target is
    never half old, half new; one that came is then raised as PublishedThenInterrupted.
    """
    with InterruptsWait() as waiting:
        waiting.hold()
        _replace_entries(stage, target, entries)


def _replace_entries(stage: Path, target: Path, entries) -> None:
    previous = stage / ".previous"
    previous.mkdir()
    done: list[str] = []
    try:
        for entry in entries:
            if tree_files(stage, [entry]) == tree_files(target, [entry]):
                continue
            (previous / entry).parent.mkdir(parents=True, exist_ok=True)
            (target / entry).parent.mkdir(parents=True, exist_ok=True)
            if (target / entry).exists():
                os.replace(target / entry, previous / entry)
            done.append(entry)
            os.replace(stage / entry, target / entry)
    except BaseException:
        for entry in reversed(done):
            restore(previous / entry, target / entry)
        raise


def restore(saved: Path, path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    if saved.exists():
        os.replace(saved, path)
