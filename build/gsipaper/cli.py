"""The command line: `python -m gsipaper build [--project DIR] [--source PATH] [--out DIR] [--check]`
and `python -m gsipaper diff OLD NEW [--format text|json]`.

Exit status of build: 0 built (or up to date under --check); 1 the package is
invalid, or stale under --check; 2 the input or the command line is wrong; 3
another build is publishing into the same place; 130 interrupted. Of diff: 0 the
packages hold the same data, 1 they differ, 2 an argument is not a readable
package. Problems in the input (the source text, or the project's own files:
pyproject.toml, schemas/, README.md) are one line:
`gsipaper: error: FILE:LINE: what is wrong (what was expected)`.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from gsipaper import files
from gsipaper.diff import as_json, as_text, diff
from gsipaper.errors import SourceError
from gsipaper.packages import load_package
from gsipaper.pipeline import Package, package_of
from gsipaper.project import load_project
from gsipaper.validate import validate


class Invalid(Exception):
    """The built package failed validation, or differs from the published one."""


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, interrupt)
    # The modules loaded by now live as long as the process: keep the cyclic garbage
    # collector from passing over them again in every collection that the lazy imports
    # and the validation to come set off (a sixth of the build's time).
    gc.freeze()
    args = parser().parse_args(argv)
    try:
        return args.command(args)
    except SourceError as error:
        print(f"gsipaper: error: {error}", file=sys.stderr)
        return 2
    except Invalid as error:
        print(f"gsipaper: {error}", file=sys.stderr)
        return 1
    except files.Busy as error:
        print(f"gsipaper: {error}", file=sys.stderr)
        return 3
    except OSError as error:
        print(f"gsipaper: cannot publish: {error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("gsipaper: interrupted; the published package is as it was", file=sys.stderr)
        return 130
    except files.PublishedThenInterrupted:
        print("gsipaper: interrupted; the new package was published whole", file=sys.stderr)
        return 130


def interrupt(signum, frame):
    """SIGTERM unwinds like Ctrl-C, so that staged files are cleaned up."""
    raise KeyboardInterrupt


class OneLineParser(argparse.ArgumentParser):
    """Usage errors are one line, like every other error, and exit 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    top = OneLineParser(prog="gsipaper", description=__doc__.splitlines()[0])
    commands = top.add_subparsers(required=True, metavar="COMMAND")
    build_command = commands.add_parser("build", help="build, validate and publish the package")
    build_command.add_argument(
        "--project",
        type=Path,
        default=Path(),
        help="the project: its pyproject.toml, schemas/ and README.md (default: here)",
    )
    build_command.add_argument(
        "--source", type=Path, help="the source text (default: the project's source/)"
    )
    build_command.add_argument(
        "--out", type=Path, help="where to publish (default: the project directory)"
    )
    build_command.add_argument(
        "--check", action="store_true", help="compare a fresh build with what is published"
    )
    build_command.set_defaults(command=build)
    diff_command = commands.add_parser(
        "diff", help="the rows added, removed and changed between two published packages"
    )
    diff_command.add_argument("old", type=Path, help="a package directory or release zip")
    diff_command.add_argument("new", type=Path, help="a package directory or release zip")
    diff_command.add_argument("--format", choices=("text", "json"), default="text")
    diff_command.set_defaults(command=compare)
    return top


def compare(args: argparse.Namespace) -> int:
    result = diff(load_package(args.old), load_package(args.new))
    status = 0 if result.same else 1
    try:
        print(as_json(result) if args.format == "json" else as_text(result), flush=True)
    except BrokenPipeError:
        # A reader that stops early (`| head`) is no error; nothing more is written.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status


def build(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    source = args.source or project.source
    out = args.out or project.root
    try:
        with collector_paused():
            package = package_of(read_source(source), source.name, project)
    except SourceError as error:
        raise error.at_file(str(source)) from None
    # Until the moves begin, an interrupt unwinds: the stage is removed, the target untouched.
    # From then on it waits for the moves, the stage's removal and the summary (README, The
    # build command).
    waiting = files.InterruptsWait()
    with waiting, files.lock(out), files.staging(out) as stage:
        files.write_files(package.files, stage)
        problems = validate(stage)
        if problems:
            raise Invalid("the package is not valid:\n  " + "\n  ".join(map(str, problems)))
        if args.check:
            return check(stage, out)
        waiting.hold()
        files.move_into_place(stage, out)
        print(summary(package), flush=True)
    return 0


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


def check(stage: Path, target: Path) -> int:
    stale = files.differences(files.tree_files(stage), files.tree_files(target))
    if stale:
        raise Invalid("the published package is stale:\n  " + "\n  ".join(stale))
    print("gsipaper: the published package matches a fresh build")
    return 0


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


def summary(package: Package) -> str:
    rows = [f"{name}: {table.num_rows} rows" for name, table in package.tables.items()]
    return (
        f"gsipaper: published {len(package.tables)} resources as CSV and Parquet, "
        f"with the workbook, database, TMX and Moses files, reader page and zip, valid ({', '.join(rows)})"
    )
