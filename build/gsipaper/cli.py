"""The command line: `python -m gsipaper build [--source PATH] [--out DIR] [--check]`
and `python -m gsipaper diff OLD NEW [--format text|json]`.

Exit status of build: 0 built (or up to date under --check); 1 the package is
invalid, or stale under --check; 2 the input or the command line is wrong; 3
another build is publishing into the same place; 130 interrupted. Of diff: 0 the
packages hold the same data, 1 they differ, 2 an argument is not a readable
package. Problems in the input are one line:
`gsipaper: error: FILE:LINE: what is wrong (what was expected)`.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
import tomllib
from pathlib import Path

from gsipaper import files
from gsipaper.diff import as_json, as_text, diff
from gsipaper.errors import SourceError
from gsipaper.packages import load_package
from gsipaper.pipeline import Package, Project, package_of
from gsipaper.schemas import load_schemas
from gsipaper.validate import validate

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "gsi-concept-paper.txt"


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
    build_command.add_argument("--source", type=Path, default=SOURCE, help="the source text")
    build_command.add_argument("--out", type=Path, default=ROOT, help="where to publish")
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
    try:
        package = package_of(read_source(args.source), args.source.name, load_project(ROOT))
    except SourceError as error:
        raise error.at_file(str(args.source)) from None
    with files.lock(args.out), files.staging(args.out) as stage:
        files.write_files(package.files, stage)
        problems = validate(stage)
        if problems:
            raise Invalid("the package is not valid:\n  " + "\n  ".join(problems))
        if args.check:
            return check(stage, args.out)
        files.move_into_place(stage, args.out)
    print(summary(package))
    return 0


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


def load_project(root: Path) -> Project:
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    metadata = {
        **pyproject["tool"]["gsipaper"],
        "version": project["version"],
        "summary": project["description"],
    }
    readme = (root / "README.md").read_text(encoding="utf-8")
    return Project(load_schemas(root / "schemas"), metadata, readme)


def summary(package: Package) -> str:
    rows = [f"{name}: {table.num_rows} rows" for name, table in package.tables.items()]
    return (
        f"gsipaper: published {len(package.tables)} resources as CSV and Parquet, "
        f"with the workbook, database and zip, valid ({', '.join(rows)})"
    )
