"""Pytest plugin: Allure results for what allure-pytest-bdd misses: scenarios stopped before their first step, and flaky passes."""

from __future__ import annotations

from collections.abc import Callable, Generator
from types import SimpleNamespace
from typing import Any

import pytest
from allure_commons.model2 import Status, StatusDetails

from odoo_uat.scenarios import scenario_of

EXAMPLE_PARAM = "_pytest_bdd_example"  # pytest-bdd's parametrize name for Examples rows


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    """Give scenarios skipped or broken before their first step an Allure result too."""
    try:
        return (yield)
    except BaseException:
        # allure-pytest-bdd opens a result only when the scenario starts, so a skip
        # (@requires_module) or an unreachable server in a fixture would vanish.
        _open_allure_result(item)
        raise


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Mark a scenario that passes only on a retry (pytest-rerunfailures, RETRIES=) flaky in its Allure result."""
    report = yield
    # trylast: inside allure-pytest-bdd's wrapper, so this runs before it writes the result at teardown.
    if report.when == "teardown" and getattr(item, "execution_count", 1) > 1:
        _mark_flaky(item)
    return report


def _open_allure_result(item: pytest.Item) -> None:
    template = scenario_of(item)
    listener = _allure_listener(item.config)
    if template is None or listener is None:
        return
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get(EXAMPLE_PARAM, {}) if callspec is not None else {}
    node = _FinalizersNow(item)
    # The listener only reads request.node and request.config.
    request = SimpleNamespace(node=node, config=item.config)
    scenario = template.render(example)
    listener.pytest_bdd_before_scenario(request=request, feature=template.feature, scenario=scenario)
    listener.pytest_bdd_after_scenario(request=request, feature=template.feature, scenario=scenario)
    node.run_finalizers()


class _FinalizersNow:
    """The item, except that finalizers are kept here: a skip before setup leaves no place for them."""

    def __init__(self, item: pytest.Item) -> None:
        self._item = item
        self._finalizers: list[Callable[[], object]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)

    def addfinalizer(self, finalizer: Callable[[], object]) -> None:
        """Keep the finalizer for run_finalizers."""
        self._finalizers.append(finalizer)

    def run_finalizers(self) -> None:
        """Run them now: no step will run, so the listener can list the steps as skipped."""
        for finalizer in reversed(self._finalizers):
            finalizer()


def _mark_flaky(item: pytest.Item) -> None:
    """Set Allure's own `flaky` status detail on the item's passing result (earlier tries stay failed)."""
    listener = _allure_listener(item.config)
    uuid = listener.nodeid_to_uuid.get(item.nodeid) if listener is not None else None
    if uuid is None:
        return
    with listener.lifecycle.update_test_case(uuid=uuid) as result:
        if result is not None and result.status == Status.PASSED:
            result.statusDetails = result.statusDetails or StatusDetails()
            result.statusDetails.flaky = True


def _allure_listener(config: pytest.Config) -> Any | None:
    try:
        from allure_pytest_bdd.pytest_bdd_listener import PytestBDDListener
    except ImportError:
        return None
    return next((p for p in config.pluginmanager.get_plugins() if isinstance(p, PytestBDDListener)), None)
