"""The package installs the ordinary way: every import of the installed code is the
standard library, the package itself or a declared dependency; a wheel installed with
only its declared dependencies (at the lock's versions) imports, aligns and builds."""

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions

import pyarrow.parquet as pq
import pytest

from gsipaper.project.schemas import RESOURCES
from support.project import ROOT

CODE = ROOT / "build" / "gsipaper"


def declared_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        canonical(re.split(r"[<>=!~ \[;]", spec, maxsplit=1)[0]) for spec in project["dependencies"]
    }


def optional_dependencies() -> set[str]:
    """The extras' packages: a module may import them only where it catches ImportError."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        canonical(re.split(r"[<>=!~ \[;]", spec, maxsplit=1)[0])
        for specs in project.get("optional-dependencies", {}).values()
        for spec in specs
    }


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules(path, guarded: bool = False) -> set[str]:
    """The top-level names of every absolute import in a module, lazy ones included; with
    `guarded`, only those inside a `try` that catches ImportError."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = [tree]
    if guarded:
        roots = [
            ast.Module(body=node.body, type_ignores=[])
            for node in ast.walk(tree)
            if isinstance(node, ast.Try)
            and any(ast.unparse(h.type or ast.Name("")) == "ImportError" for h in node.handlers)
        ]
    names = set()
    for node in (found for root in roots for found in ast.walk(root)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def undeclared_imports(declared: set[str]) -> dict[str, set[str]]:
    owners = packages_distributions()
    missing = {}
    for path in sorted(CODE.rglob("*.py")):
        optional = imported_modules(path, guarded=True)
        for name in imported_modules(path) - set(sys.stdlib_module_names) - {"gsipaper"}:
            distributions = {canonical(d) for d in owners.get(name, [name])}
            extras = optional_dependencies() if name in optional else set()
            if not distributions & (declared | extras):
                missing.setdefault(path.relative_to(ROOT).as_posix(), set()).add(name)
    return missing


def test_every_import_of_the_package_is_declared():
    assert undeclared_imports(declared_dependencies()) == {}


def test_an_undeclared_import_is_found():
    assert (
        "numpy"
        in undeclared_imports(declared_dependencies() - {"numpy"})[
            "build/gsipaper/sentences/align.py"
        ]
    )


def lock_pins() -> str:
    """The lock's pins (with their markers), without hashes: a constraints file."""
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return "\n".join(line.removesuffix(" \\") for line in lines if re.match(r"[a-z0-9]", line))


INSTALLED_USE = """
import gsipaper
print(gsipaper.__file__)
print(gsipaper.split_sentences("One. Two.", "en"))
print(gsipaper.align_sentences(["A."], ["甲。"]))
print(len(gsipaper.load("paragraphs", as_="arrow")))
"""
# Every table from the installed wheel, written out as Parquet to compare with dist/.
INSTALLED_TABLES = """
import sys
import pyarrow.parquet as pq
import gsipaper
for name in gsipaper.tables():
    pq.write_table(gsipaper.load(name, as_="arrow"), f"{sys.argv[1]}/{name}.parquet")
try:
    gsipaper.load("paragraphs")
except ImportError as error:
    print(error)
"""


@pytest.mark.slow
def test_the_wheel_installs_with_its_declared_dependencies_alone(tmp_path):
    """pip install of the wheel into a fresh venv, resolving only what it declares."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheels), str(ROOT)],
        check=True,
    )  # fmt: skip
    (wheel,) = wheels.glob("gsipaper-*.whl")
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(lock_pins() + "\n", encoding="utf-8")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--disable-pip-version-check",
         "--constraint", str(constraints), str(wheel)],
        check=True,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    used = subprocess.run(
        [python, "-c", INSTALLED_USE], cwd=elsewhere, capture_output=True, text=True
    )
    assert used.returncode == 0, used.stderr
    where, sentences, links, paragraphs = used.stdout.splitlines()
    assert where.startswith(str(venv)), where
    assert sentences == "['One.', 'Two.']"
    assert links == "[([0], [0])]"
    assert int(paragraphs) == pq.read_metadata(ROOT / "dist" / "paragraphs.parquet").num_rows
    loaded = tmp_path / "loaded"
    loaded.mkdir()
    tables = subprocess.run(
        [python, "-c", INSTALLED_TABLES, str(loaded)],
        cwd=elsewhere, capture_output=True, text=True,
    )  # fmt: skip
    assert tables.returncode == 0, tables.stderr
    # Without pandas, the default form names the extra that brings it.
    assert "pip install 'gsipaper[pandas]'" in tables.stdout
    names = sorted(path.stem for path in loaded.glob("*.parquet"))
    assert names == sorted(RESOURCES)
    for name in names:
        assert pq.read_table(loaded / f"{name}.parquet").equals(
            pq.read_table(ROOT / "dist" / f"{name}.parquet")
        ), name
    # Only what the wheel declares, and what that needs, is installed: no test tools.
    listed = subprocess.run(
        [python, "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True, check=True
    ).stdout
    assert "pytest" not in listed and "pandas" not in listed
    out = tmp_path / "out"
    result = subprocess.run(
        [venv / "bin" / "gsipaper", "build", "--project", str(ROOT), "--out", str(out)],
        cwd=elsewhere, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for csv in sorted((ROOT / "dist").glob("*.csv")):
        assert (out / "dist" / csv.name).read_bytes() == csv.read_bytes(), csv.name


def test_an_extra_is_allowed_only_where_its_import_error_is_caught():
    assert imported_modules(CODE / "loader.py", guarded=True) == {"pandas"}
    assert "pandas" not in imported_modules(CODE / "writers" / "page.py", guarded=True)
    assert "pandas" in optional_dependencies()
