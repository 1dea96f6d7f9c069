"""Dependencies point one way, as docs/extending.md's table "Where each kind of code lives" says, and never in a circle.

The rules are read from that table (its "may import" column), so the page and the check cannot drift apart;
the imports are read from the source (ast), so a violation is named by file and line without importing anything.
Deferred imports (inside functions) and TYPE_CHECKING ones count: they hide a circle, they do not remove it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GUIDE = ROOT / "docs" / "extending.md"
TABLE_HEADING = "## Where each kind of code lives"
PROJECT_PACKAGES = ("pages", "steps", "fixtures", "odoo_uat", "conftest")
CHECKED_FOLDERS = ("pages", "steps", "fixtures", "odoo_uat")  # tests/ and conftest.py may import anything
NOTHING = "—"  # the table's "may import" for a folder of no Python (features/)
WILDCARD = ".*"
CODE = re.compile(r"`([^`]+)`")
# Module-level calls a plugin may make at import: building constants, not changing global state.
CONSTANT_BUILDERS = {"StashKey", "Path", "compile", "frozenset", "tuple", "dict", "set", "list", "namedtuple"}


@dataclass(frozen=True)
class Import:
    """One import statement of a project file: where it is and the module it names."""

    path: Path
    line: int
    module: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}: imports {self.module}"


@dataclass(frozen=True)
class Rule:
    """What the files of one folder may import: module patterns allowed, and those never allowed."""

    folder: str
    allowed: tuple[str, ...]
    never: tuple[str, ...]

    def permits(self, module: str) -> bool:
        """Whether a file of this folder may import `module` (its own package always)."""
        own = self.folder.rstrip("/").replace("/", ".")
        if any(matches(module, pattern) for pattern in self.never):
            return False
        return under(module, own) or any(matches(module, pattern) for pattern in self.allowed)


def module_name(path: Path) -> str:
    """The dotted name of a project file (pages/components/fields.py -> pages.components.fields)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, name: str | None = None) -> Iterator[Import]:
    """Every module a file imports, relative imports resolved, `from x import y` also as x.y."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = (name or module_name(path)).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (Import(path, node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield Import(path, node.lineno, base)
            yield from (Import(path, node.lineno, f"{base}.{alias.name}") for alias in node.names)


def files(*folders: str) -> list[Path]:
    """The Python files under these project folders."""
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py") if ".venv" not in p.parts)


def under(module: str, package: str) -> bool:
    """Whether module is package or inside it."""
    return module == package or module.startswith(f"{package}.")


def matches(module: str, pattern: str) -> bool:
    """Whether a module falls under a table pattern: `odoo_uat.*` (anything in it) or `odoo_uat.web` (it and below)."""
    return under(module, pattern.removesuffix(WILDCARD))


def project_top(module: str) -> str | None:
    """The project's top-level package a module belongs to, None for stdlib and third-party ones."""
    top = module.split(".", 1)[0]
    return top if top in PROJECT_PACKAGES else None


def rules_from_guide(text: str) -> list[Rule]:
    """The rows of the guide's table: one folder per row, its "may import" cell as patterns and `never` ones."""
    table = text.split(TABLE_HEADING, 1)[1].split("\n## ", 1)[0]
    rules = []
    for row in table.splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        folder, may_import = CODE.findall(cells[0])[0], cells[-1]
        allowed, _, forbidden = may_import.partition("never")
        if allowed.strip() == NOTHING:
            rules.append(Rule(folder, (), (WILDCARD,)))
            continue
        rules.append(Rule(folder, tuple(CODE.findall(allowed)), tuple(CODE.findall(forbidden))))
    return rules


RULES = rules_from_guide(GUIDE.read_text(encoding="utf-8"))


def rule_for(path: Path) -> Rule | None:
    """The most specific row of the table whose folder holds this file."""
    relative = path.relative_to(ROOT).as_posix()
    holding = [rule for rule in RULES if relative.startswith(rule.folder.rstrip("/") + "/")]
    return max(holding, key=lambda rule: len(rule.folder), default=None)


def violations(paths: Iterable[Path]) -> list[str]:
    """The imports of project modules that the table refuses, deduplicated per line."""
    found = {}
    for path in paths:
        rule = rule_for(path)
        for i in imports(path):
            if rule is not None and project_top(i.module) and not rule.permits(i.module):
                found[(i.path, i.line)] = f"{i} (the table allows {', '.join(rule.allowed) or 'nothing'})"
    return [found[key] for key in sorted(found)]


def import_graph(paths: Iterable[Path]) -> dict[str, set[str]]:
    """Module -> the project modules it imports (a `from package import name` names the package's module)."""
    modules = {module_name(path): path for path in paths}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for i in imports(path):
            target = i.module if i.module in modules else None
            if target is None:  # `from a.b import c` where c is a name, not a module: the edge is to a.b
                target = i.module.rsplit(".", 1)[0] if i.module.rsplit(".", 1)[0] in modules else None
            if target and target != name:
                graph[name].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of a graph: its strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_guide_has_a_rule_for_every_folder_of_code() -> None:
    folders = {rule.folder.rstrip("/") for rule in RULES}
    assert {"steps", "pages", "fixtures", "odoo_uat", "odoo_uat/plugins", "odoo_uat/report"} <= folders
    code_folders = {p.parent.relative_to(ROOT).as_posix() for p in files(*CHECKED_FOLDERS)}
    assert [folder for folder in sorted(code_folders) if rule_for(ROOT / folder / "x.py") is None] == []


@pytest.mark.parametrize("folder", CHECKED_FOLDERS)
def test_each_folder_imports_only_what_the_guide_allows(folder: str) -> None:
    assert violations(files(folder)) == []


def test_no_import_circle_anywhere() -> None:
    assert circles(import_graph(files(*CHECKED_FOLDERS))) == []


def test_plugins_are_loaded_only_by_conftest_and_tests() -> None:
    plugins = ROOT / "odoo_uat" / "plugins"
    outside = [p for p in files(*CHECKED_FOLDERS) if not p.is_relative_to(plugins)]
    loaded = [str(i) for path in outside for i in imports(path) if under(i.module, "odoo_uat.plugins")]
    assert loaded == []


def test_the_table_is_read_as_written() -> None:
    rules = rules_from_guide(
        f"{TABLE_HEADING}\n\n| folder | what | may import |\n|---|---|---|\n"
        "| `features/<area>/` | scenarios | — |\n"
        "| `steps/` | phrases | `pages`, `odoo_uat.*` (never `odoo_uat.plugins`) |\n"
        "| `odoo_uat/report/` | the report | `odoo_uat.report`, `odoo_uat.tags` |\n\n## Next\n| `x/` | y | z |\n"
    )
    assert [(r.folder, r.allowed, r.never) for r in rules] == [
        ("features/<area>/", (), (WILDCARD,)),
        ("steps/", ("pages", "odoo_uat.*"), ("odoo_uat.plugins",)),
        ("odoo_uat/report/", ("odoo_uat.report", "odoo_uat.tags"), ()),
    ]
    steps, report = rules[1], rules[2]
    assert steps.permits("odoo_uat.odoo.records") and steps.permits("steps.translations")
    assert not steps.permits("odoo_uat.plugins.evidence") and not steps.permits("fixtures.data")
    assert report.permits("odoo_uat.tags") and not report.permits("odoo_uat.impact")


def test_a_circle_is_found_deferred_imports_included(tmp_path: Path) -> None:
    graph = {"a.one": {"a.two"}, "a.two": {"a.three"}, "a.three": {"a.one"}, "a.four": {"a.one"}, "b": set()}
    assert circles(graph) == [["a.one", "a.three", "a.two"]]
    module = tmp_path / "m.py"
    module.write_text("def late():\n    from odoo_uat.report import build\n")
    assert [i.module for i in imports(module, "x.m")] == ["odoo_uat.report", "odoo_uat.report.build"]


def test_the_layering_check_sees_from_imports_and_their_names() -> None:
    found = {i.module for i in imports(ROOT / "odoo_uat" / "plugins" / "allure_labels.py")}
    assert {"odoo_uat.tags", "odoo_uat.scenarios.scenario_of", "allure"} <= found


@pytest.mark.parametrize("path", files("odoo_uat/plugins"), ids=lambda p: p.name)
def test_importing_a_plugin_changes_no_global_state(path: Path) -> None:
    """Module-level code of a plugin only defines: imports, constants, classes, functions; hooks do the rest."""
    problems = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # a docstring
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and not _calls_beyond_constants(node.value):
            continue
        problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node).splitlines()[0]}")
    assert problems == [], "move this into a hook (pytest_configure, a fixture): importing a plugin must not act"


def _calls_beyond_constants(value: ast.expr | None) -> bool:
    for call in ast.walk(value) if value is not None else ():
        if isinstance(call, ast.Call):
            func = call.func.value if isinstance(call.func, ast.Subscript) else call.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in CONSTANT_BUILDERS:
                return True
    return False
