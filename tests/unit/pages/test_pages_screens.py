"""Business screens drive fields only through the widget layer: no selectors, formatters or version branches."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PAGES = Path(__file__).resolve().parents[3] / "pages"
SCREENS = sorted(path for path in PAGES.glob("*.py") if path.name not in ("__init__.py", "navigation.py"))
# What a CSS selector for an input looks like: a class, an attribute test, an input element.
SELECTOR = re.compile(r"(^|[\s,>])[.#][\w-]+|\[[\w-]+[~|^$*]?=|^(input|select|textarea|td|tr|button)\b")
VERSION = re.compile(r"\b1[89]\.0\b")


def _strings(path: Path) -> list[str]:
    return [
        node.value
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _code_strings(path: Path) -> list[str]:
    """String constants that are not docstrings."""
    tree = ast.parse(path.read_text())
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    ]


@pytest.mark.parametrize("screen", SCREENS, ids=lambda path: path.name)
def test_a_business_screen_holds_no_selector(screen: Path) -> None:
    selectors = [text for text in _code_strings(screen) if SELECTOR.search(text)]
    assert not selectors, f"{screen.name} spells selectors {selectors}: use the widget layer (pages/components/)"


@pytest.mark.parametrize("screen", SCREENS, ids=lambda path: path.name)
def test_a_business_screen_holds_no_number_formatter_or_version_branch(screen: Path) -> None:
    tree = ast.parse(screen.read_text())
    functions = [node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    assert "_number" not in functions, (
        f"{screen.name} formats numbers itself: FieldWidget types them in the user's locale"
    )
    branches = [text for text in _code_strings(screen) if VERSION.search(text)]
    assert not branches, f"{screen.name} branches on an Odoo version: that belongs in pages/components/widgets.py"


def test_the_field_widget_selector_is_spelled_in_one_place() -> None:
    spelled = [
        path.relative_to(PAGES).as_posix()
        for path in PAGES.rglob("*.py")
        if any(".o_field_widget" in text for text in _code_strings(path))
    ]
    assert spelled == ["components/labels.py"]


def test_the_widget_layer_says_it_is_where_version_differences_go() -> None:
    widgets = ast.get_docstring(ast.parse((PAGES / "components" / "widgets.py").read_text())) or ""
    assert "version difference" in widgets and "touches this file only" in widgets
