"""The bench's passes: each selected scenario run again in the same process, all of a pass before the next."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.bench.run import later_pass

ROOT = Path(__file__).resolve().parents[3]

pytest_plugins = ["pytester"]


def run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, *options: str) -> pytest.RunResult:
    """pytest in its own process with the passes plugin, as the bench runs it."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    return pytester.runpytest_subprocess("-v", "-p", "odoo_uat.bench.passes", "-p", "no:randomly", *options)


def test_every_test_runs_once_per_pass_and_the_passes_follow_each_other(pytester, monkeypatch):
    pytester.makepyfile(test_flows="def test_a():\n    pass\n\n\ndef test_b():\n    pass\n")
    result = run(pytester, monkeypatch, "--bench-passes=2")
    ran = [line.split(" ")[0] for line in result.outlines if " PASSED" in line]
    assert ran == [
        "test_flows.py::test_a[pass-1]",
        "test_flows.py::test_b[pass-1]",
        "test_flows.py::test_a[pass-2]",
        "test_flows.py::test_b[pass-2]",
    ]


def test_one_pass_leaves_the_tests_as_they_are(pytester, monkeypatch):
    pytester.makepyfile(test_flows="def test_a():\n    pass\n")
    result = run(pytester, monkeypatch)
    assert any(line.startswith("test_flows.py::test_a PASSED") for line in result.outlines)


def test_the_steady_profile_leaves_out_the_first_pass():
    tests = [{"scenario": "f.py::test_a[pass-1]"}, {"scenario": "f.py::test_a[pass-2]"}, {"scenario": "f.py::test_b"}]
    assert [test["scenario"] for test in later_pass(tests)] == ["f.py::test_a[pass-2]", "f.py::test_b"]
