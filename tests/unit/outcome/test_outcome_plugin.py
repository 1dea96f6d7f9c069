"""The outcome plugin in a tiny pytest-bdd suite: a record per scenario, its checks, and never a failure of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
INI = """
[pytest]
addopts = -p no:cacheprovider
bdd_features_base_dir = features
"""
FEATURE = """
Feature: Quote to ship
  Scenario: Odoo goes away while the record is read
    Given a step that uses Odoo
    Then a check that passes

  Scenario: A check fails
    Given a step that uses Odoo
    Then a check that fails

  Scenario: Nothing seeded
    Then a check that passes
"""
STEPS = """
import pytest
from pytest_bdd import given, then, scenarios

from odoo_uat.odoo.compat import COMPATS

scenarios(".")


class Gone:
    version = "19.0"

    @property
    def env(self):
        raise ConnectionError("Odoo went away")


@pytest.fixture
def odoo():
    return Gone()


@pytest.fixture
def compat():
    return COMPATS[19]


@pytest.fixture
def seeded():
    return {("res.partner", "Acme"): 7}


@given("a step that uses Odoo")
def _(odoo, seeded):
    pass


@then("a check that passes")
def _():
    pass


@then("a check that fails")
def _():
    assert 1 == 2, "Delivery not created"
"""


def run_plugin(folder: Path, *options: str) -> subprocess.CompletedProcess:
    """pytest in `folder` with the outcome plugin, its records under reports/outcomes/, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "odoo_uat.outcome.plugin", "-p", "no:playwright",
         "--alluredir=reports/allure-results", *options],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip


def test_each_scenario_gets_a_record_and_a_recording_error_fails_none(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text(INI, encoding="utf-8")
    (tmp_path / "test_scenarios.py").write_text(textwrap.dedent(STEPS), encoding="utf-8")
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "quote.feature").write_text(textwrap.dedent(FEATURE), encoding="utf-8")
    stale = tmp_path / "reports" / "outcomes" / "stale.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    done = run_plugin(tmp_path, "--clean-alluredir")
    assert "1 failed, 2 passed" in done.stdout, done.stdout + done.stderr
    records = {
        record["scenario"]["name"]: record
        for record in (json.loads(p.read_text()) for p in (tmp_path / "reports" / "outcomes").glob("*.json"))
    }
    assert set(records) == {"Odoo goes away while the record is read", "A check fails", "Nothing seeded"}
    gone = records["Odoo goes away while the record is read"]
    assert gone["status"] == "passed" and gone["notes"] == ["recording failed: ConnectionError: Odoo went away"]
    assert gone["checks"] == [{"step": "Then a check that passes", "status": "passed"}]
    failed = records["A check fails"]
    assert failed["status"] == "failed"
    assert failed["checks"][0]["status"] == "failed" and "Delivery not created" in failed["checks"][0]["message"]
    assert records["Nothing seeded"]["notes"] == ["no record of Odoo's data: the scenario seeded nothing"]
    assert records["Nothing seeded"]["scenario"]["id"].endswith("quote.feature: Nothing seeded")


READING_FEATURE = """
Feature: Readings
  Scenario: What the Then steps read
    Given a step that reads
    Then the total is 1250
    Then the total is 1300
"""
READING_STEPS = """
from pytest_bdd import given, parsers, then, scenarios

from odoo_uat.outcome.readings import note

scenarios(".")


@given("a step that reads")
def _():
    note("not a check", 1)


@then(parsers.parse("the total is {amount:d}"))
def _(amount):
    shown = note("Total", lambda: "$ 1,250.00")
    note("Customer", "Acme Retail k3x9ab-1")
    assert float(shown[2:].replace(",", "")) == amount, f"the total should be {amount} but is {shown}"
"""


def test_a_check_holds_what_its_step_read_passed_or_failed_normalised(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_text(INI, encoding="utf-8")
    (tmp_path / "test_scenarios.py").write_text(textwrap.dedent(READING_STEPS), encoding="utf-8")
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "readings.feature").write_text(textwrap.dedent(READING_FEATURE), encoding="utf-8")
    done = run_plugin(tmp_path)
    assert "1 failed" in done.stdout, done.stdout + done.stderr
    (path,) = (tmp_path / "reports" / "outcomes").glob("*.json")
    checks = json.loads(path.read_text())["checks"]
    read = {"Total": 1250.0, "Customer": "Acme Retail"}  # a number, and the scenario's name without its token
    assert checks[0] == {"step": "Then the total is 1250", "status": "passed", "read": read}
    assert checks[1]["status"] == "failed" and checks[1]["read"] == read  # the mismatched value, as read
    assert "should be 1300 but is $ 1,250.00" in checks[1]["message"]
