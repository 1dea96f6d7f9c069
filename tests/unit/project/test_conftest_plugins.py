"""conftest.py loads every fixtures module and every plugin, so a fixture a step asks for is always found."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def conftest_plugins() -> list[str]:
    """The literal module names of conftest.py's pytest_plugins list."""
    tree = ast.parse((ROOT / "conftest.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytest_plugins" for t in node.targets):
            return [element.value for element in node.value.elts if isinstance(element, ast.Constant)]
    return []


def modules_under(folder: str) -> set[str]:
    """The dotted names of a folder's modules (its __init__ excluded)."""
    return {
        f"{folder.replace('/', '.')}.{path.stem}" for path in (ROOT / folder).glob("*.py") if path.stem != "__init__"
    }


def test_every_fixtures_module_is_loaded() -> None:
    assert modules_under("fixtures") - set(conftest_plugins()) == set()


def test_every_plugin_is_loaded() -> None:
    helpers = {"odoo_uat.plugins.xdist_roles"}  # functions the plugins share, no hooks
    assert modules_under("odoo_uat/plugins") - helpers - set(conftest_plugins()) == set()
