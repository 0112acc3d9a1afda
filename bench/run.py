"""The build's cost against its floor, and the core's speed, linearity and memory.

Run from the project root as `.venv/bin/python bench/run.py` (or `make bench`).
Prints each figure beside its target and exits 1 when a target is missed.

- floor: `python -c "import pyarrow.parquet, frictionless"`, the start-up of the two
  libraries the build cannot do without; median of whole-process runs.
- build: `python -m gsipaper build` on the real source, each run publishing into a
  fresh temporary `--out`; build --check: `python -m gsipaper build --check` in the
  project. Medians of whole-process runs, interleaved with the floor's runs so that
  a busy machine weighs on all three alike; targets are ratios to the floor.
- core: `pipeline.tables_of` (reading to tables, no files) on generated documents
  of 1 MB and 20 MB (MB = 10^6 bytes), timed in this process with perf_counter after
  a warm-up; throughput, and the time per MB at 20 MB over that at 1 MB.
- memory: a fresh process reads the 20 MB document and runs the core; its peak
  RSS (VmHWM; ru_maxrss where the parent was smaller), and the rise of that peak
  over the process's RSS after its imports and a warm-up on the real source. The rise is compared with the target:
  it is what the document costs, while the imported libraries cost the same
  whatever the input (the total is printed beside it).
- scale: the slow tests' inputs (tests/test_scale.py) timed once each: the command
  publishing a 20 MB document, the slowest 10 MB line, the command refusing a 10 MB
  paragraph (bench/scale.py).
"""

from __future__ import annotations

import argparse
import compileall
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# The helpers the tests share (tests/support/) are the benchmarks' too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from scale import scale_times
from support.generate import document

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
MB = 1_000_000

FLOOR = [PYTHON, "-c", "import pyarrow.parquet, frictionless"]
BUILD = [PYTHON, "-m", "gsipaper", "build"]

# The child of the memory figure: argv[1] is the document's path; prints JSON. VmHWM is
# the peak RSS of this process's own memory: ru_maxrss would start from the parent's
# RSS, which Linux carries across fork and exec.
MEMORY_CHILD = """
import json, resource, sys
from pathlib import Path
from gsipaper.cli import collector_paused
from gsipaper.project import load_project
from gsipaper.pipeline import tables_of

def status(key):
    with open("/proc/self/status") as file:
        line = next(line for line in file if line.startswith(key + ":"))
    return int(line.split()[1]) * 1024  # kB

project = load_project(Path())  # run from the project directory
tables_of(project.source.read_bytes(), project)  # the lazy imports of a first run
after_imports = status("VmRSS")
data = open(sys.argv[1], "rb").read()
with collector_paused():  # as the command runs it
    tables = tables_of(data, project)
maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({
    "input": len(data), "after_imports": after_imports, "peak": status("VmHWM"), "maxrss": maxrss
}))
"""


@dataclass
class Figure:
    name: str
    measured: float
    shown: str
    target: str
    passed: bool | None  # None: reported, no target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="whole-process runs of each (>= 5)")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs: at least 5")
    os.chdir(ROOT)
    # As `make build` leaves them: a module compiled on every run would weigh on the build.
    compileall.compile_dir(ROOT / "build" / "gsipaper", quiet=1)
    print(environment())
    # The memory figure first: its child starts while this process is still small.
    figures = [memory_figure(), *process_figures(args.runs), *core_figures(), *scale_figures()]
    print(table(figures))
    missed = [f.name for f in figures if f.passed is False]
    print(f"\n{'MISSED: ' + '; '.join(missed) if missed else 'all targets met'}")
    return 1 if missed else 0


def environment() -> str:
    import frictionless
    import pyarrow

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Python {platform.python_version()}, pyarrow {pyarrow.__version__}, "
        f"frictionless {frictionless.__version__}, {os.cpu_count()} cores, "
        f"load average {load}"
    )


def process_figures(runs: int) -> list[Figure]:
    """Medians of whole-process runs of the floor, the build and the check, interleaved."""
    times: dict[str, list[float]] = {"floor": [], "build": [], "check": []}
    for _ in range(runs):
        times["floor"].append(timed(FLOOR))
        with tempfile.TemporaryDirectory(prefix="gsipaper-bench-") as out:
            times["build"].append(timed([*BUILD, "--out", out]))
        times["check"].append(timed([*BUILD, "--check"]))
    floor, build, check = (statistics.median(times[k]) for k in ("floor", "build", "check"))
    return [
        Figure("floor: import pyarrow.parquet, frictionless", floor, seconds(floor), "", None),
        Figure(
            "build (real source, publish + validate)",
            build / floor,
            f"{seconds(build)} = {build / floor:.2f} x floor",
            "<= 1.50 x floor",
            build / floor <= 1.5,
        ),
        Figure(
            "build --check",
            check / floor,
            f"{seconds(check)} = {check / floor:.2f} x floor",
            "<= 1.50 x floor",
            check / floor <= 1.5,
        ),
    ]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    if subprocess.run(command, stdout=subprocess.DEVNULL).returncode:
        # `build --check` fails on a stale package: its times would not be the check's.
        raise SystemExit(f"bench: {' '.join(command[1:])} failed (run make build first)")
    return time.perf_counter() - start


def core_figures() -> list[Figure]:
    from gsipaper.cli import collector_paused
    from gsipaper.pipeline import tables_of
    from gsipaper.project.load import load_project

    project = load_project(ROOT)
    tables_of(project.source.read_bytes(), project)  # warm-up: the lazy imports of a first run

    def seconds_per_run(data: bytes, runs: int) -> float:
        results = []
        for _ in range(runs):
            gc.collect()
            start = time.perf_counter()
            with collector_paused():  # as the command runs it
                tables_of(data, project)
            results.append(time.perf_counter() - start)
        return statistics.median(results)

    small = document(1 * MB).encode("utf-8")
    large = document(20 * MB).encode("utf-8")
    long_line = document(20 * MB, long_line=10 * MB).encode("utf-8")
    # A 1 MB run takes some 40 ms, which a busy machine easily disturbs: more of them.
    small_time = seconds_per_run(small, 21)
    large_time = seconds_per_run(large, 5)
    long_time = seconds_per_run(long_line, 5)
    per_mb_small = small_time / (len(small) / MB)
    per_mb_large = large_time / (len(large) / MB)
    rates = [(len(d) / MB) / t for d, t in ((small, small_time), (large, large_time))]
    long_rate = (len(long_line) / MB) / long_time
    return [
        Figure(
            "core throughput, 1 MB", rates[0], f"{rates[0]:.1f} MB/s", ">= 20 MB/s", rates[0] >= 20
        ),
        Figure(
            "core throughput, 20 MB", rates[1], f"{rates[1]:.1f} MB/s", ">= 20 MB/s", rates[1] >= 20
        ),
        Figure(
            "core linearity: s/MB at 20 MB over 1 MB",
            per_mb_large / per_mb_small,
            f"{per_mb_large * 1000:.0f} / {per_mb_small * 1000:.0f} ms = "
            f"{per_mb_large / per_mb_small:.2f}",
            "<= 1.25",
            per_mb_large / per_mb_small <= 1.25,
        ),
        Figure(
            "core throughput, 20 MB with one 10 MB line",
            long_rate,
            f"{long_rate:.1f} MB/s",
            ">= 20 MB/s",
            long_rate >= 20,
        ),
    ]


def scale_figures() -> list[Figure]:
    """The slow tests' inputs, timed: see bench/scale.py."""
    return [
        Figure(name, value, seconds(value), f"<= {target:.0f} s", value <= target)
        for name, value, target in scale_times()
    ]


def memory_figure() -> Figure:
    with tempfile.TemporaryDirectory(prefix="gsipaper-bench-") as directory:
        path = Path(directory) / "document.txt"
        path.write_bytes(document(20 * MB).encode("utf-8"))
        result = subprocess.run(
            [PYTHON, "-c", MEMORY_CHILD, str(path)], check=True, capture_output=True, text=True
        )
    found = json.loads(result.stdout)
    rise = found["peak"] - found["after_imports"]
    size = found["input"]
    print(
        f"memory child: input {size / MB:.1f} MB, RSS after imports {found['after_imports'] / MB:.0f} MB, "
        f"peak RSS (VmHWM) {found['peak'] / MB:.0f} MB, ru_maxrss {found['maxrss'] / MB:.0f} MB"
    )
    return Figure(
        "peak memory, 20 MB document (rise after imports)",
        rise / size,
        f"{rise / MB:.0f} MB = {rise / size:.1f} x input "
        f"(peak RSS {found['peak'] / MB:.0f} MB = {found['peak'] / size:.1f} x)",
        "<= 10 x input",
        rise / size <= 10,
    )


def seconds(value: float) -> str:
    return f"{value:.3f} s"


def table(figures: list[Figure]) -> str:
    rows = [("figure", "measured", "target", "result")]
    for f in figures:
        result = "-" if f.passed is None else "pass" if f.passed else "FAIL"
        rows.append((f.name, f.shown, f.target or "-", result))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
