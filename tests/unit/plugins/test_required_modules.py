"""The @requires_module:<name> plugin: scenarios needing a module the Odoo under test lacks are skipped, with why."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[3]
PLUGIN = "odoo_uat.plugins.required_modules"
TAGS_PLUGIN = "odoo_uat.plugins.tag_marks"  # turns @requires_module:<name> into a mark --strict-markers accepts

# A stand-in for the odoorpc connection: it answers ir.module.module look-ups from
# MODULE_STATES and writes each look-up to lookups.txt, so a test can count them.
CONFTEST = """
import pytest
from pathlib import Path
from odoo_uat.odoo.target import OdooTarget

MODULE_STATES = {states!r}
LOG = Path(__file__).parent / "lookups.txt"


class FakeModules:
    def search_read(self, domain, fields):
        [(_, _, name)] = domain
        with LOG.open("a") as log:
            log.write(name + "\\n")
        return [{{"state": MODULE_STATES[name]}}] if name in MODULE_STATES else []


class FakeOdoo:
    env = {{"ir.module.module": FakeModules()}}


@pytest.fixture(scope="session")
def odoo():
    if {unreachable!r}:
        raise AssertionError("connected to Odoo although no test needs a module")
    return FakeOdoo()


@pytest.fixture(scope="session")
def odoo_target():
    return OdooTarget(url="http://odoo.invalid", db="uatdb", login="admin", password="x")
"""

STEPS = """
from pytest_bdd import given, scenarios

scenarios("orders.feature")


@given("an order")
def _():
    pass
"""


def write_suite(
    pytester: pytest.Pytester, feature: str, states: dict[str, str] | None = None, unreachable: bool = False
) -> None:
    """A tiny suite: the feature, a step module binding it, and a fake Odoo with these module states."""
    pytester.syspathinsert(str(ROOT))
    pytester.makeconftest(CONFTEST.format(states=states or {}, unreachable=unreachable))
    pytester.makefile(".feature", orders=textwrap.dedent(feature))
    pytester.makepyfile(test_orders=STEPS)


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """Run the tiny suite in-process (without pytest-playwright, whose soft-assert scope does not nest)."""
    return pytester.runpytest("-p", "no:playwright", *args)


def lookups(pytester: pytest.Pytester) -> list[str]:
    """The module names the fake Odoo was asked about, in order."""
    log = pytester.path / "lookups.txt"
    return log.read_text().split() if log.exists() else []


TAGGED_SCENARIO = """
    Feature: Orders
      @requires_module:sale_financial_risk
      Scenario: Blocked order
        Given an order

      Scenario: Plain order
        Given an order
"""


def test_scenario_needing_a_missing_module_is_skipped_with_the_module_and_database(pytester: pytest.Pytester) -> None:
    write_suite(pytester, TAGGED_SCENARIO, states={"sale_financial_risk": "uninstalled"})
    result = run(pytester, "-p", PLUGIN, "-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*needs the Odoo module sale_financial_risk, which is not installed on uatdb*"])


def test_module_unknown_to_the_server_skips_too(pytester: pytest.Pytester) -> None:
    write_suite(pytester, TAGGED_SCENARIO, states={})
    result = run(pytester, "-p", PLUGIN, "-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*needs the Odoo module sale_financial_risk, which is not installed on uatdb*"])


def test_scenario_runs_when_the_module_is_installed(pytester: pytest.Pytester) -> None:
    write_suite(pytester, TAGGED_SCENARIO, states={"sale_financial_risk": "installed"})
    run(pytester, "-p", PLUGIN).assert_outcomes(passed=2)


def test_a_module_is_looked_up_once_per_session(pytester: pytest.Pytester) -> None:
    write_suite(
        pytester,
        """
        @requires_module:sale_financial_risk
        Feature: Orders
          Scenario: One
            Given an order

          Scenario: Two
            Given an order

          @requires_module:rma_sale
          Scenario: Three
            Given an order
    """,
        states={"sale_financial_risk": "installed", "rma_sale": "installed"},
    )
    run(pytester, "-p", PLUGIN).assert_outcomes(passed=3)
    assert sorted(lookups(pytester)) == ["rma_sale", "sale_financial_risk"]


def test_feature_tag_applies_to_every_scenario(pytester: pytest.Pytester) -> None:
    write_suite(
        pytester,
        """
        @requires_module:sale_financial_risk
        Feature: Orders
          Scenario: One
            Given an order

          Scenario: Two
            Given an order
    """,
        states={"sale_financial_risk": "to install"},
    )
    run(pytester, "-p", PLUGIN).assert_outcomes(skipped=2)


def test_untagged_scenarios_never_connect_to_odoo(pytester: pytest.Pytester) -> None:
    write_suite(
        pytester,
        """
        Feature: Orders
          Scenario: Plain order
            Given an order
    """,
        unreachable=True,
    )
    run(pytester, "-p", PLUGIN).assert_outcomes(passed=1)
    assert lookups(pytester) == []


def test_works_with_the_tag_marks_under_strict_markers(pytester: pytest.Pytester) -> None:
    write_suite(pytester, TAGGED_SCENARIO, states={"sale_financial_risk": "uninstalled"})
    result = run(pytester, "-p", TAGS_PLUGIN, "-p", PLUGIN, "--strict-markers", "-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*needs the Odoo module sale_financial_risk, which is not installed on uatdb*"])


def test_plain_pytest_mark_is_honoured(pytester: pytest.Pytester) -> None:
    write_suite(pytester, "Feature: Orders\n", states={"stock_landed_costs": "installed"})
    pytester.makepyfile(
        test_orders="""
        import pytest

        @pytest.mark.requires_module("stock_landed_costs")
        def test_installed():
            pass

        @pytest.mark.requires_module(name="mrp")
        def test_missing():
            pass
    """
    )
    result = run(pytester, "-p", PLUGIN, "--strict-markers", "-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["*needs the Odoo module mrp, which is not installed on uatdb*"])
