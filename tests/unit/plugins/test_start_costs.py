"""odoo_uat/plugins/start_costs.py: a worker's first setup, and its machine, are recorded on its first test only."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from odoo_uat.report.speed_budget import RAN_ON, WORKER_SETUP, machine

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[3]

TESTS = """
import pytest


@pytest.fixture(scope="session")
def shared():
    return object()  # stands for the browser's launch: what the first test's setup pays


def test_first(shared):
    pass


def test_second(shared):
    pass
"""


def test_only_the_first_test_of_a_process_records_the_session_setup(pytester: pytest.Pytester) -> None:
    pytester.syspathinsert(REPO)
    pytester.makepyfile(test_two=TESTS)
    result = pytester.runpytest(
        "-p", "odoo_uat.plugins.start_costs", "-p", "no:cacheprovider", "-p", "no:playwright", "--junitxml=j.xml"
    )
    result.assert_outcomes(passed=2)
    cases = {case.get("name"): case for case in ElementTree.parse(pytester.path / "j.xml").getroot().iter("testcase")}
    recorded = {
        name: [float(p.get("value")) for p in case.iter("property") if p.get("name") == WORKER_SETUP]
        for name, case in cases.items()
    }
    assert recorded["test_second"] == []
    [first] = recorded["test_first"]
    assert 0 <= first <= float(cases["test_first"].get("time"))
    machines = {
        name: [p.get("value") for p in case.iter("property") if p.get("name") == RAN_ON] for name, case in cases.items()
    }
    assert machines["test_second"] == []
    assert [json.loads(value) for value in machines["test_first"]] == [machine()]
