"""The package's layout: its parts import one another in one direction only, no module
imports another in a circle, and no module is long."""

import ast
from graphlib import CycleError, TopologicalSorter

from support.project import ROOT

CODE = ROOT / "build" / "gsipaper"
# Each part may import only the parts before it (and itself).
LAYERS = ["errors", "facts", "loader", "sentences", "project", "formats", "paper", "tabulate", "writers",
          "validate", "releases", "files", "publish", "pipeline", "cli", "__main__", "__init__"]  # fmt: skip
MOST_LINES = 300


def module_name(path) -> str:
    parts = path.relative_to(CODE).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


def imports() -> dict[str, set[str]]:
    found = {}
    for path in CODE.rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gsipaper"):
                module = node.module.removeprefix("gsipaper").removeprefix(".")
                names |= (
                    {f"{module}.{a.name}".strip(".") for a in node.names}
                    if module
                    else {a.name for a in node.names}
                )
        found[module_name(path)] = names
    return found


def part(name: str) -> str:
    return name.split(".")[0] or "__init__"


def test_no_module_imports_another_in_a_circle():
    graph = imports()
    modules = set(graph)
    edges = {m: {t if t in modules else t.rsplit(".", 1)[0] for t in ts} & modules - {m}
             for m, ts in graph.items()}  # fmt: skip
    try:
        TopologicalSorter(edges).static_order()
        list(TopologicalSorter(edges).static_order())
    except CycleError as error:
        raise AssertionError(f"an import circle: {error.args[1]}") from None


def test_each_part_imports_only_the_parts_before_it():
    wrong = [
        f"{module} imports {target}"
        for module, targets in imports().items()
        for target in targets
        if LAYERS.index(part(target)) > LAYERS.index(part(module))
    ]
    assert wrong == []


def test_a_layering_break_is_found():
    assert LAYERS.index(part("writers.page")) > LAYERS.index(part("paper.align"))


def test_no_module_is_longer_than_about_300_lines():
    long = {
        module_name(path): n
        for path in CODE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}
