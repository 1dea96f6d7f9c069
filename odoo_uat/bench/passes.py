"""Pytest plugin for the bench (`-p odoo_uat.bench.passes --bench-passes=2`): every selected scenario runs
that many times in one process, all of the first pass before any of the second.

The first pass is a worker's first scenarios: each role logs in and boots its web client. The next passes
are what every later scenario of a pack costs: the roles' clients are kept booted between scenarios
(odoo_uat/web/role_pages.py). Each run is its own test, `test_x[pass-1]`, `test_x[pass-2]`…, with its own
data, as scenarios are independent.
"""

from __future__ import annotations

import pytest

OPTION = "--bench-passes"
FIXTURE = "bench_pass"


def pass_id(number: int) -> str:
    """The test id suffix of a pass (1 is the first)."""
    return f"pass-{number}"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(OPTION, type=int, default=1, help="run each selected test this many times, pass after pass")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    passes = metafunc.config.getoption(OPTION)
    if passes > 1:
        metafunc.fixturenames.append(FIXTURE)
        metafunc.parametrize(FIXTURE, range(1, passes + 1), ids=pass_id)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """All of the first pass, then all of the second…: sorted by pass, file order kept within one."""

    def number(item: pytest.Item) -> int:
        callspec = getattr(item, "callspec", None)
        return callspec.params.get(FIXTURE, 1) if callspec is not None else 1

    items.sort(key=number)
