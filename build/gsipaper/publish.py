"""Publish, the shell's stage: the rendered files → a validated package in place, or a check.

The files are written into a stage beside the target, validated there, then moved
into place entry by entry (`gsipaper.files`); with `check`, compared with what is
published instead. An interrupt before the moves unwinds and leaves the target as
it was; from the first move on it waits until the package is whole (docs/build.md, The
build command).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from gsipaper import files
from gsipaper.errors import Invalid
from gsipaper.validate import validate

__all__ = ["publish"]  # the rest are its own helpers


def publish(
    rendered: dict[str, bytes], out: Path, check: bool, announce: Callable[[], None]
) -> None:
    """`announce` says what was published, in the held block: it is part of the publishing."""
    waiting = files.InterruptsWait()
    with waiting, files.lock(out), files.staging(out) as stage:
        files.write_files(rendered, stage)
        problems = validate(stage)
        if problems:
            raise Invalid("the package is not valid:\n  " + "\n  ".join(map(str, problems)))
        if check:
            stale = files.differences(files.tree_files(stage), files.tree_files(out))
            if stale:
                raise Invalid("the published package is stale:\n  " + "\n  ".join(stale))
            announce()
            return
        waiting.hold()
        files.move_into_place(stage, out)
        announce()
