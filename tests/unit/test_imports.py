"""Packages have faces: a module uses another package through its ``__init__``, never through
its private ``_modules``; and no two modules import each other, directly or around a circle
(ARCHITECTURE.md, "A package is used through its face"). Read from the source with ``ast``:
no module is imported."""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

# Imports of a private module from outside its package, waiting for a fix in a file this
# test's author did not own. Each entry must still occur (so the list only shrinks); the fix is
# to import the same names from the package's face, where they are exported already.
PENDING: set[tuple[str, str]] = set()  # crossings not yet fixed, each with its fix


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / "dotterel").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _package(name: str) -> str:
    """The package a module belongs to (a package's ``__init__`` belongs to itself)."""
    return name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _imports(name: str) -> list[tuple[str, int, bool]]:
    """(module imported, line, inside ``if TYPE_CHECKING``) for each import in ``name``'s
    source, at any depth: ``from pkg import sub`` imports the module ``pkg.sub``."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    out: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, typing_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                out.extend((a.name, child.lineno, typing_only) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:  # relative: from the importer's package
                    anchor = _package(name).split(".")
                    anchor = anchor[:len(anchor) - child.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    out.append((sub if sub in MODULES else base, child.lineno, typing_only))
            visit(child, typing_only or _type_checking(child))

    visit(tree, False)
    return [(m, line, t) for m, line, t in out if m == "dotterel" or m.startswith("dotterel.")]


def _private_owner(module: str) -> str | None:
    """The package a private module is private to: ``a.b._c`` (and ``a.b._c.d``) -> ``a.b``."""
    parts = module.split(".")
    for i, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:i])
    return None


def _crossings() -> set[tuple[str, str, int]]:
    found = set()
    for name in MODULES:
        package = _package(name)
        for module, line, _ in _imports(name):
            owner = _private_owner(module)
            if owner is not None and package != owner and not package.startswith(owner + "."):
                found.add((name, module, line))
    return found


def test_no_module_imports_another_packages_private_module() -> None:
    crossings = _crossings()
    wrong = sorted(c for c in crossings if (c[0], c[1]) not in PENDING)
    assert not wrong, "import these through the package's __init__ (export them there):\n" + \
        "\n".join(f"  {name} (line {line}) imports {module}" for name, module, line in wrong)
    left = {(name, module) for name, module, _ in crossings}
    assert PENDING <= left, f"fixed, so take them off PENDING: {sorted(PENDING - left)}"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles() -> None:
    """Imports run at import time or inside functions count; ``if TYPE_CHECKING`` ones do not
    (they never run). ``from pkg import name`` counts as importing ``pkg``'s face."""
    graph = {name: {m for m, _, typing_only in _imports(name) if not typing_only and m in MODULES
                    and m != name}
             for name in MODULES}
    assert _cycles(graph) == []


def test_the_checks_see_a_crossing_and_a_circle() -> None:
    assert _private_owner("dotterel.events._mentions") == "dotterel.events"
    assert _private_owner("dotterel.events") is None
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    imported = {m for m, _, _ in _imports("dotterel.claims._coder")}
    assert "dotterel.syntax" in imported and "dotterel.claims._cues" in imported


def test_the_syntax_package_sits_below_the_coders() -> None:
    """``syntax`` (tree, arguments, coreference) is shared by events and claims and imports
    neither: the data flows nlp -> syntax -> events, claims."""
    for name in _modules():
        if name.startswith("dotterel.syntax"):
            imported = {m for m, _, _ in _imports(name)}
            assert not {m for m in imported if m.startswith(("dotterel.events",
                                                             "dotterel.claims"))}, name
