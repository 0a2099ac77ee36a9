"""The package layout: one folder per part, parts talk through their public names, no cycles."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "depeche"
PARTS = sorted(p.name for p in PKG.iterdir() if (p / "__init__.py").exists())
MODULES = sorted(PKG.rglob("*.py"))
MAX_LINES = 400
MAX_TOP_MODULES = 10


def _part(path: Path) -> str | None:
    rel = path.relative_to(PKG).parts
    return rel[0] if len(rel) > 1 else None


def _imports(path: Path):
    """(target dotted path under depeche, names) of every import of depeche code in ``path``."""
    package = list(path.relative_to(PKG).parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "depeche":
                target = node.module.split(".")[1:]
            else:
                continue
            yield target, [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "depeche":
                    yield alias.name.split(".")[1:], []


def test_every_part_has_a_docstring_naming_its_public_face():
    for part in PARTS:
        doc = ast.get_docstring(ast.parse((PKG / part / "__init__.py").read_text(encoding="utf-8")))
        assert doc, f"depeche/{part}/__init__.py has no docstring"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_modules_stay_small(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PKG)} has {lines} lines (split it by concern)"


def test_few_top_level_modules():
    top = [p.name for p in PKG.glob("*.py")]
    assert len(top) <= MAX_TOP_MODULES, top


def test_other_parts_import_only_a_part_s_public_names():
    wrong = []
    for path in MODULES:
        mine = _part(path)
        for target, _ in _imports(path):
            if target and target[0] in PARTS and target[0] != mine and len(target) > 1:
                wrong.append(f"{path.relative_to(PKG)} imports depeche.{'.'.join(target)}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle_between_parts():
    graph: dict[str, set[str]] = {p: set() for p in PARTS}
    for path in MODULES:
        mine = _part(path)
        for target, _ in _imports(path):
            if mine and target and target[0] in PARTS and target[0] != mine:
                graph[mine].add(target[0])

    def visit(node: str, stack: list[str]) -> None:
        assert node not in stack, "import cycle: " + " -> ".join([*stack, node])
        for nxt in graph[node]:
            visit(nxt, [*stack, node])

    for part in PARTS:
        visit(part, [])
