"""The bench's warm start ends its pytest run as the first step begins (odoo_uat/bench/first_step.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

pytest_plugins = ["pytester"]


def test_the_run_ends_as_its_first_step_begins(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
    pytester.makefile(".feature", one="Feature: F\n  Scenario: S\n    Given a first step\n    Then a second step\n")
    pytester.makepyfile(
        test_one="""
from pytest_bdd import given, scenarios, then

scenarios("one.feature")

@given("a first step")
def first():
    print("FIRST STEP RAN")

@then("a second step")
def second():
    print("SECOND STEP RAN")
"""
    )
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    result = pytester.runpytest_subprocess("-s", "-p", "odoo_uat.bench.first_step", "-p", "no:randomly")
    assert result.ret == pytest.ExitCode.OK
    assert "FIRST STEP RAN" not in result.stdout.str() and "first step was reached" in result.stdout.str()
