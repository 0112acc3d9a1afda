"""The command line: `python -m gsipaper build [--project DIR] [--source PATH] [--out DIR] [--check]`
and `python -m gsipaper diff OLD NEW [--format text|json]`.

Exit status of build: 0 built (or up to date under --check); 1 the package is
invalid, or stale under --check; 2 the input or the command line is wrong; 3
another build is publishing into the same place; 4 the code and its Table Schemas
disagree (a bug of the package, not of its input); 130 interrupted. Of diff: 0 the
packages hold the same data, 1 they differ, 2 an argument is not a readable
package. Problems in the input (the source text, or the project's own files:
pyproject.toml, schemas/) are one line:
`gsipaper: error: FILE:LINE: what is wrong (what was expected)`.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from pathlib import Path

from gsipaper import files, pipeline
from gsipaper.errors import Invalid, SchemaMismatch, SourceError
from gsipaper.project.load import load_project
from gsipaper.releases.diff import as_json, as_text, diff
from gsipaper.releases.packages import load_package

__all__ = ["main"]  # the rest are its own helpers


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
    except SchemaMismatch as error:
        print(f"gsipaper: bug: {error}", file=sys.stderr)
        return 4
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
        help="the project: its pyproject.toml, schemas/ and source/ (default: here)",
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
    say(as_json(result) if args.format == "json" else as_text(result))
    return status


def say(text: str) -> None:
    """Print a line to stdout. A reader that stops early (`| head`) is no error: what the
    command did stands, and nothing more is written."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def build(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    out = args.out or project.root
    pipeline.build(project, args.source or project.source, out, args.check, say)
    return 0
