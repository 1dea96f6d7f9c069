"""Dependencies point one way: steps -> pages, odoo_uat; pages -> odoo_uat.web; only conftest.py and tests load plugins.

Read from the source (ast), so a violation is named by file and line without importing anything.
"""
from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT_PACKAGES = ("pages", "steps", "fixtures", "odoo_uat", "tests", "features", "conftest")
PLUGINS = "odoo_uat.plugins"
# Violations in files other helpers own, each waiting for their change (issue 11); remove the entry when it lands.
PENDING: dict[str, str] = {}  # file -> the pending change that will fix its violation (xfail until then)
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


def module_name(path: Path) -> str:
    """The dotted name of a project file (pages/components/fields.py -> pages.components.fields)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[Import]:
    """Every module a file imports, relative imports resolved, `from x import y` also as x.y."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path).split(".")
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


def project_top(module: str) -> str | None:
    """The project's top-level package a module belongs to, None for stdlib and third-party ones."""
    top = module.split(".", 1)[0]
    return top if top in PROJECT_PACKAGES else None


def violations(paths: list[Path], allowed: Callable[[Path, str], bool]) -> list[str]:
    """The imports of project modules that allowed(file, module) refuses, deduplicated per line."""
    found = {
        (i.path, i.line): str(i)
        for path in paths
        for i in imports(path)
        if project_top(i.module) and not allowed(path, i.module)
    }
    return [found[key] for key in sorted(found)]


def is_pending(problem: str) -> bool:
    """Whether a violation is in a file listed in PENDING."""
    return problem.split(":", 1)[0] in PENDING


def pages_allowed(_path: Path, module: str) -> bool:
    """pages/ may import pages, the web layer and how people write values (stdlib, third-party: not checked)."""
    return under(module, "pages") or under(module, "odoo_uat.web") or under(module, "odoo_uat.values")


def framework_allowed(path: Path, module: str) -> bool:
    """odoo_uat/ never imports steps or fixtures; only odoo_uat/bench imports pages."""
    if under(module, "pages"):
        return path.is_relative_to(ROOT / "odoo_uat" / "bench")
    return under(module, "odoo_uat")


LAYERS = {"pages": pages_allowed, "odoo_uat": framework_allowed}


@pytest.mark.parametrize("folder", LAYERS)
def test_each_layer_imports_only_what_it_may(folder: str) -> None:
    found = [v for v in violations(files(folder), LAYERS[folder]) if not is_pending(v)]
    assert found == []


def test_plugins_are_loaded_only_by_conftest_and_tests() -> None:
    plugins = ROOT / "odoo_uat" / "plugins"

    def allowed(path: Path, module: str) -> bool:
        return not under(module, PLUGINS) or path.is_relative_to(plugins)

    checked = files("odoo_uat", "steps", "fixtures", "pages")
    assert violations(checked, allowed) == []


def test_the_layering_check_sees_from_imports_and_their_names() -> None:
    found = {i.module for i in imports(ROOT / "odoo_uat" / "plugins" / "allure_labels.py")}
    assert {"odoo_uat.report.tags", "odoo_uat.scenarios.scenario_of", "allure"} <= found


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
