"""Where the time goes: the build beyond its floor, and the core on 20 MB.

Run from the project root as `.venv/bin/python bench/breakdown.py`. Prints
1. the modules that `python -m gsipaper build` imports beyond the floor
   (`python -X importtime`), their own import time summed by package;
2. the build's steps, timed in one process (CPU time, median of 5 processes);
3. the core (`pipeline.tables_of`) on a generated 20 MB document under cProfile.
"""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

# The helpers the tests share (tests/support/) are the benchmarks' too.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.generate import document

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

STEPS = """
import json, sys, tempfile, time
from pathlib import Path
clock = time.process_time
start = clock()
import pyarrow.parquet, frictionless
floor = clock()
from gsipaper import cli, files
from gsipaper.pipeline import package_of
from gsipaper.project import load_project
from gsipaper.validate import file_problems, frictionless_problems, parquet_problems
steps = {"import pyarrow.parquet, frictionless": floor - start, "import gsipaper": clock() - floor}
import gc
gc.freeze()  # as the command does
def step(name, function, *args):
    began = clock()
    result = function(*args)
    steps[name] = clock() - began
    return result
project = step("load schemas, metadata, README", load_project, Path())
with cli.collector_paused():
    package = step("package_of: tables, CSV, Parquet, workbook, database, zip, descriptor",
        package_of, project.source.read_bytes(), project.source.name, project)
with tempfile.TemporaryDirectory() as out, files.staging(Path(out)) as stage:
    step("write files", files.write_files, package.files, stage)
    descriptor = json.loads((stage / "datapackage.json").read_text(encoding="utf-8"))
    step("frictionless validation (first use)", frictionless_problems, descriptor, stage)
    step("Parquet equals CSV", parquet_problems, descriptor, stage)
    step("Parquet, workbook, database and zip hashed", file_problems, descriptor, stage)
    step("move into place", files.move_into_place, stage, Path(out))
steps["pandas imported"] = float("pandas" in sys.modules)
print(json.dumps(steps))
"""


def main() -> None:
    print("1. Imports beyond the floor, own time summed by package (python -X importtime)\n")
    floor = import_times([PYTHON, "-X", "importtime", "-c", "import pyarrow.parquet, frictionless"])
    with tempfile.TemporaryDirectory() as out:
        build = import_times([PYTHON, "-X", "importtime", "-m", "gsipaper", "build", "--out", out])
    extra = Counter()
    for module, own in build.items():
        if module not in floor:
            parts = module.split(".")
            extra[".".join(parts[:2]) if parts[0] in ("frictionless", "pyarrow") else parts[0]] += (
                own
            )
    print(f"   floor: {sum(floor.values()) / 1000:.0f} ms in {len(floor)} modules")
    print(
        f"   build, beyond it: {sum(extra.values()) / 1000:.0f} ms in {len(build) - len(floor)} more"
    )
    for package, own in extra.most_common(15):
        print(f"   {own / 1000:7.1f} ms  {package}")

    print("\n2. The build's steps in one process (CPU time, median of 5 processes)\n")
    results = [
        json.loads(subprocess.run([PYTHON, "-c", STEPS], check=True, capture_output=True).stdout)
        for _ in range(5)
    ]
    for name in results[0]:
        value = statistics.median(r[name] for r in results)
        shown = (
            ("yes" if value else "no") if name == "pandas imported" else f"{value * 1000:7.1f} ms"
        )
        print(f"   {shown:>10}  {name}")

    print("\n3. The core on a generated 20 MB document (cProfile, by own time)\n")
    from gsipaper.cli import collector_paused
    from gsipaper.pipeline import tables_of
    from gsipaper.project.load import load_project

    project = load_project(ROOT)
    tables_of(project.source.read_bytes(), project)
    data = document(20_000_000).encode("utf-8")
    profiler = cProfile.Profile()
    with collector_paused():
        profiler.runcall(tables_of, data, project)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(15)
    print("   " + "\n   ".join(out.getvalue().strip().splitlines()[2:]))


def import_times(command: list[str]) -> dict[str, int]:
    """Each imported module's own import time in microseconds."""
    stderr = subprocess.run(command, check=True, capture_output=True, text=True).stderr
    times = {}
    for line in stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            own, _, name = line.removeprefix("import time:").split("|")
            times[name.strip()] = int(own)
    return times


if __name__ == "__main__":
    main()
