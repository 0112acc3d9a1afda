"""The package installs the ordinary way: every import of the installed code is the
standard library, the package itself or a declared dependency; a wheel installed with
only its declared dependencies (at the lock's versions) imports, aligns and builds."""

import ast
import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions

import pytest

from support.project import ROOT

CODE = ROOT / "build" / "gsipaper"


def declared_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        canonical(re.split(r"[<>=!~ \[;]", spec, maxsplit=1)[0]) for spec in project["dependencies"]
    }


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules(path) -> set[str]:
    """The top-level names of every absolute import in a module, lazy ones included."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def undeclared_imports(declared: set[str]) -> dict[str, set[str]]:
    owners = packages_distributions()
    missing = {}
    for path in sorted(CODE.rglob("*.py")):
        for name in imported_modules(path) - set(sys.stdlib_module_names) - {"gsipaper"}:
            distributions = {canonical(d) for d in owners.get(name, [name])}
            if not distributions & declared:
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
    where, sentences, links = used.stdout.splitlines()
    assert where.startswith(str(venv)), where
    assert sentences == "['One.', 'Two.']"
    assert links == "[([0], [0])]"
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
