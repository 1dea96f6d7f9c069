"""Pytest plugin: Gherkin tags become pytest marks that --strict-markers accepts, and each scenario its process area's mark.

`@wave-2` becomes wave(n=2), `@req:X` req(id=X), `@requires_module:M` requires_module(name=M)
(odoo_uat/tags.py says how); any other tag is declared so strict markers pass; and a
scenario in features/order_to_cash/ is marked `order_to_cash`, so `-m order_to_cash` selects it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from odoo_uat.scenarios import area_of, process_areas, register_marker
from odoo_uat.tags import MARKER_HELP, humanise, mark_for_tag, mark_name

FREE_TAG_HELP = "tag from a feature file"

# pytest_bdd_apply_tag gets no config; keep the running ones (pytester nests runs).
_configs: list[pytest.Config] = []


def pytest_configure(config: pytest.Config) -> None:
    """Declare the tag marks, including one per process-area folder under features/."""
    _configs.append(config)
    for marker, text in MARKER_HELP.items():
        register_marker(config, marker, text)
    for area in sorted(process_areas(config)):
        register_marker(config, area, _area_help(area))


def pytest_unconfigure(config: pytest.Config) -> None:
    """Forget the config kept in pytest_configure."""
    if config in _configs:
        _configs.remove(config)


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Callable[..., Any]) -> Callable[..., Any] | None:
    """Apply the mark the tag stands for; declare any other tag so strict markers pass."""
    mark = mark_for_tag(tag)
    if _configs:
        register_marker(_configs[-1], mark.name, FREE_TAG_HELP)
    if mark.name == tag and not mark.kwargs:
        return None  # pytest-bdd's own hook applies the plain mark
    return getattr(pytest.mark, mark.name)(**mark.kwargs)(function)


def pytest_itemcollected(item: pytest.Item) -> None:
    """Mark a scenario with its process area, so `-m order_to_cash` also selects untagged features of that folder."""
    area = area_of(item)
    if area and not item.get_closest_marker(mark_name(area)):
        register_marker(item.config, mark_name(area), _area_help(area))
        item.add_marker(mark_name(area))


def _area_help(area: str) -> str:
    return f"process area {humanise(area)}"
