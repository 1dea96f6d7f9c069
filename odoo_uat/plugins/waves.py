"""Pytest plugin: `--wave N` runs only the scenarios tagged @wave-N (the run metadata records the wave)."""

from __future__ import annotations

import pytest

from odoo_uat.tags import WAVE_MARK

OPTION_GROUP = "odoo-uat"
DEST = "wave"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --wave to the odoo-uat option group."""
    parser.getgroup(OPTION_GROUP).addoption(
        "--wave",
        dest=DEST,
        metavar="N",
        default=None,
        help="run only scenarios tagged @wave-N and record the wave for the exit report",
    )


def selected_wave(config: pytest.Config) -> str | None:
    """The wave this run is limited to, None for every wave."""
    wave = config.getoption(DEST, None)
    return str(wave) if wave is not None else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under --wave N, deselect scenarios not tagged @wave-N."""
    wave = selected_wave(config)
    if wave is None:
        return
    kept = [item for item in items if _in_wave(item, wave)]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


def _in_wave(item: pytest.Item, wave: str) -> bool:
    name, keyword = WAVE_MARK
    return any(str(mark.kwargs.get(keyword)) == wave for mark in item.iter_markers(name))
