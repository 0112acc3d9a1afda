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


def module_path(name: str):
    path = CODE.joinpath(*name.split(".")) if name else CODE / "__init__"
    return path.with_suffix(".py") if path.with_suffix(".py").exists() else path / "__init__.py"


def is_module(name: str) -> bool:
    return module_path(name).exists()


def used_names() -> dict[str, set[tuple[str, str]]]:
    """{module: {(module it uses, name it uses)}}: `from gsipaper.x import name`, and
    `from gsipaper import x` followed by `x.name`."""
    found: dict[str, set[tuple[str, str]]] = {}
    for path in CODE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules: dict[str, str] = {}  # local name → the module it is
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gsipaper"):
                source = node.module.removeprefix("gsipaper").removeprefix(".")
                for alias in node.names:
                    qualified = f"{source}.{alias.name}".strip(".")
                    if is_module(qualified):
                        modules[alias.asname or alias.name] = qualified
                    else:
                        names.add((source, alias.name))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
            ):
                names.add((modules[node.value.id], node.attr))
        found[module_name(path)] = names
    return found


def exported(name: str) -> set[str] | None:
    """The module's `__all__`, or None when it has none."""
    for node in ast.parse(module_path(name).read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return set(ast.literal_eval(node.value))
    return None


def test_every_module_names_its_public_part_in_all():
    missing = [
        module_name(path)
        for path in CODE.rglob("*.py")
        if path.name != "__main__.py"
        and path.read_text(encoding="utf-8").strip()  # an empty package file has nothing
        and exported(module_name(path)) is None
    ]
    assert missing == []


def test_no_module_uses_what_another_keeps_to_itself():
    """What a module leaves out of `__all__` is its own helper: no other module uses it."""
    reaching = sorted(
        f"{module} uses {target}.{name}"
        for module, uses in used_names().items()
        for target, name in uses
        if target != module and name not in (exported(target) or set())
    )
    assert reaching == []


def test_a_use_of_a_helper_is_found():
    uses = used_names()
    assert ("writers.steps", "table_files") in uses["pipeline"]
    assert "table_files" in exported("writers.steps")
    assert "first_difference" not in exported("validate")
