"""The package's imports form layers (docs/ARCHITECTURE.md): no module imports from a layer
above its own, imports inside functions included, and no import circle."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "awesome_lint"
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"
HOME = "docs/ARCHITECTURE.md, table 'Modules'"


# Circles known and named in docs/ARCHITECTURE.md (a new one fails; delete one when mended).
def table_rows(heading: str) -> list[list[str]]:
    """The cells of each body row of the first table under ``## heading``."""
    section = ARCHITECTURE.read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1]
    rows = [line for line in section.split("\n## ", 1)[0].splitlines() if line.startswith("|")]
    return [[cell.strip().strip("`") for cell in row.strip("|").split("|")] for row in rows[2:]]


LAYERS = [row[0] for row in table_rows("Layers")]
DECLARED = {row[0]: row[1] for row in table_rows("Modules")}


def module_name(path: Path) -> str:
    """``links.check`` for awesome_lint/links/check.py, ``links`` for its __init__.py, ""
    for the package's own __init__.py."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> str:
    """The declared layer: the module's own row, else its package's (``links/*``)."""
    parts = module.split(".") if module else []
    own = "/".join(parts) + ".py" if parts else "__init__.py"
    if module in MODULES and MODULES[module].name == "__init__.py" and parts:
        own = "/".join(parts) + "/*"
    for key in (own, *("/".join(parts[:n]) + "/*" for n in range(len(parts) - 1, 0, -1))):
        if key in DECLARED:
            return DECLARED[key]
    raise LookupError(
        f"awesome_lint/{own.replace('/*', '/__init__.py')} is in no layer: add a row for it "
        f"(or its package, as `links/*`) to {HOME}"
    )


def imports(module: str) -> set[str]:
    """The package's modules that ``module`` imports, anywhere in it."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = resolve(node, package)
            if base is None:
                continue
            for alias in node.names:
                child = f"{base}.{alias.name}" if base else alias.name
                found.add(child if child in MODULES else base)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "awesome_lint" or alias.name.startswith("awesome_lint."):
                    found.add(alias.name.removeprefix("awesome_lint").lstrip("."))
    found.discard(module)
    return found


def resolve(node: ast.ImportFrom, package: str) -> str | None:
    """The module an ``import from`` names, relative to the package root; None if outside."""
    if node.level == 0:
        name = node.module or ""
        if name != "awesome_lint" and not name.startswith("awesome_lint."):
            return None
        return name.removeprefix("awesome_lint").lstrip(".")
    parts = package.split(".") if package else []
    if node.level - 1 > len(parts):
        return None
    base = parts[: len(parts) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


GRAPH = {module: imports(module) for module in MODULES}


def test_every_module_has_a_layer() -> None:
    missing = []
    for module in MODULES:
        try:
            assert layer_of(module) in LAYERS, f"{module}: unknown layer {layer_of(module)!r}"
        except LookupError as exc:
            missing.append(str(exc))
    assert not missing, "\n".join(missing)


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    rank = {layer: index for index, layer in enumerate(LAYERS)}
    upward = [
        f"{module or '__init__'} ({layer_of(module)}) imports {target or '__init__'} "
        f"({layer_of(target)})"
        for module, targets in GRAPH.items()
        for target in sorted(targets)
        if rank[layer_of(target)] > rank[layer_of(module)]
    ]
    assert upward == []


def circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(frozenset(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_circle() -> None:
    assert [sorted(group) for group in circles(GRAPH)] == []


# --- the checks themselves ---------------------------------------------------------------------


def test_circles_are_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [frozenset({"a", "b", "c"})]


def test_imports_inside_functions_and_relative_imports_are_read() -> None:
    assert "url_fix" in GRAPH["links.findings"]  # imported inside a function
    assert "version" in GRAPH[""]  # the package face's own import
    assert {"engine", "runner"} <= GRAPH["cli"]


def test_an_unknown_module_is_told_where_to_be_declared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MODULES, "newthing", PACKAGE / "newthing.py")
    with pytest.raises(LookupError, match=re.escape("awesome_lint/newthing.py is in no layer")):
        layer_of("newthing")
    assert layer_of("links.newthing") == "checks"  # a package's row covers new modules
