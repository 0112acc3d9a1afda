"""The wall-clock figures of the slow tests (tests/test_scale.py), which check only outcomes.

- the command publishing a generated 20 MB document (target: a minute);
- each 10 MB line of `long_lines.LONG_LINES` built or refused by `pipeline.tables_of`,
  the slowest of them (target: 5 s);
- the command refusing a 10 MB paragraph (target: 30 s).

One run of each: they take seconds, which a busy machine disturbs little in proportion.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The helpers the tests share (tests/support/) are the benchmarks' too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.generate import document
from support.long_lines import LONG_LINES, LONG_PARAGRAPH, with_line

BUILD = [sys.executable, "-m", "gsipaper", "build"]


def scale_times() -> list[tuple[str, float, float]]:
    """(figure, seconds, target in seconds) of each."""
    with tempfile.TemporaryDirectory(prefix="gsipaper-bench-") as directory:
        big, long = Path(directory) / "big.txt", Path(directory) / "long.txt"
        big.write_text(document(20_000_000), encoding="utf-8")
        long.write_bytes(with_line(*LONG_PARAGRAPH))
        publish = command_seconds([*BUILD, "--source", str(big), "--out", directory], 0)
        refuse = command_seconds([*BUILD, "--source", str(long), "--out", directory], 2)
    name, slowest = max(((name, line_seconds(with_line(n, line))) for name, (n, line, _) in
                         LONG_LINES.items()), key=lambda found: found[1])  # fmt: skip
    return [
        ("command: publish a 20 MB document", publish, 60.0),
        (f"core: slowest 10 MB line built or refused ({name})", slowest, 5.0),
        ("command: refuse a 10 MB paragraph", refuse, 30.0),
    ]


def command_seconds(command: list[str], status: int) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True)
    seconds = time.perf_counter() - start
    if result.returncode != status:
        raise SystemExit(f"{' '.join(command)}: exit {result.returncode}, expected {status}")
    return seconds


def line_seconds(data: bytes) -> float:
    from gsipaper.errors import SourceError
    from gsipaper.pipeline import tables_of
    from gsipaper.project.load import load_project

    project = load_project(Path(__file__).resolve().parents[1])
    start = time.perf_counter()
    with contextlib.suppress(SourceError):  # refused: the slow tests check which are
        tables_of(data, project)
    return time.perf_counter() - start
