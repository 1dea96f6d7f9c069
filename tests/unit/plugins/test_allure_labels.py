"""The tag and Allure plugins together: labels from folders and tags, tag marks under --strict-markers, --wave,
setup outcomes, flaky retries, run metadata."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from odoo_uat.report import properties
from odoo_uat.report.results import load_results

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[3]
# The plugins conftest.py loads for tags and Allure, each with one job.
PLUGINS = tuple(
    f"odoo_uat.plugins.{name}" for name in ("tag_marks", "waves", "allure_labels", "allure_outcomes", "run_metadata")
)
LOAD = tuple(arg for plugin in PLUGINS for arg in ("-p", plugin))
RESULTS = "allure-results"
# pytest-playwright's soft-assertion scope cannot nest inside the outer run's.
INLINE = (*LOAD, "-p", "no:playwright")

INI = """
[pytest]
addopts = --strict-markers -p no:cacheprovider
bdd_features_base_dir = features
"""

FEATURE = """
@wave-1
Feature: Quote to ship
  Quotes become deliveries.

  @blocker @req:O2C-014
  Scenario: Confirm a quotation
    Given a step that passes

  @req:O2C-015 @defect:UAT-7
  Scenario: Invoice a delivery
    Given a step that fails

  Scenario Outline: Deliver <qty> units
    Given a step that passes

    Examples:
      | qty |
      | 1   |
      | 2   |
"""

STEPS = """
import pytest
from pytest_bdd import given, scenarios

scenarios(".")


@given("a step that passes")
def _():
    pass


@given("a step that fails")
def _():
    assert 1 == 2, "Delivery not created"
"""


CLEAN_ENV = ("CI", "GITHUB_ACTIONS", "GITHUB_RUN_ID", "GITLAB_CI", "CI_PIPELINE_ID", "PYTEST_ADDOPTS")


@dataclass
class Run:
    """What one run of the tiny suite left: its exit code, output and Allure results by scenario name."""

    returncode: int
    output: str
    results: dict[str, dict[str, Any]]
    results_dir: Path

    def outcomes(self) -> dict[str, int]:
        """Counts from pytest's summary line, e.g. {"passed": 3, "failed": 1}."""
        summary = self.output.strip().splitlines()[-1]
        return {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", summary)}


def make_suite(path: Path) -> Path:
    """A tiny pytest-bdd suite with one feature under features/order_to_cash/."""
    (path / "pytest.ini").write_text(INI, encoding="utf-8")
    (path / "test_scenarios.py").write_text(textwrap.dedent(STEPS), encoding="utf-8")
    write_feature(path, "order_to_cash/quote.feature", FEATURE)
    return path


def write_feature(suite: Path, path: str, text: str) -> None:
    """Write a feature file under features/."""
    target = suite / "features" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(text), encoding="utf-8")


def run(suite: Path, *args: str, **env: str) -> Run:
    """Run the suite with the plugin and Allure in a subprocess.

    Not in-process: allure's plugin manager is global, so an inner run would also
    write into the results dir of the run executing these tests.
    """
    environment = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    environment.update(PYTHONPATH=str(ROOT), **env)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *LOAD, f"--alluredir={RESULTS}", *args],
        cwd=suite,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    results = {}
    for path in (suite / RESULTS).glob("*-result.json"):
        result = json.loads(path.read_text(encoding="utf-8"))
        results[result["name"]] = result
    return Run(done.returncode, done.stdout + done.stderr, results, suite / RESULTS)


@pytest.fixture
def suite(tmp_path: Path) -> Path:
    """A fresh copy of the tiny suite."""
    return make_suite(tmp_path)


@pytest.fixture(scope="module")
def default_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """One plain run of the tiny suite, shared by the tests that only read its results."""
    return run(make_suite(tmp_path_factory.mktemp("suite")))


@pytest.fixture
def inline(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """The tiny suite for in-process runs without --alluredir (fast; nothing reaches Allure)."""
    monkeypatch.syspath_prepend(str(ROOT))
    make_suite(pytester.path)
    return pytester


def labels(result: dict[str, Any], name: str) -> list[str]:
    """Values of one label of a result."""
    return [label["value"] for label in result["labels"] if label["name"] == name]


def test_scenario_labels_come_from_the_feature_folder_and_tags(default_run: Run) -> None:
    assert default_run.outcomes() == {"passed": 3, "failed": 1}
    confirm = default_run.results["Confirm a quotation"]
    assert labels(confirm, "epic") == ["Order to cash"]
    assert labels(confirm, "parentSuite") == ["Order to cash"]
    assert labels(confirm, "process_area") == ["order_to_cash"]
    assert labels(confirm, "feature") == ["Quote to ship"]  # once: allure-pytest-bdd does not add a second
    assert labels(confirm, "suite") == ["Quote to ship"]
    assert labels(confirm, "story") == ["Confirm a quotation"]
    assert labels(confirm, "severity") == ["blocker"]
    assert labels(confirm, "wave") == ["1"]
    assert labels(confirm, "requirement") == ["O2C-014"]
    assert {"blocker", "wave-1", "req:O2C-014"} <= set(labels(confirm, "tag"))


def test_severity_defaults_to_normal(default_run: Run) -> None:
    assert labels(default_run.results["Invoice a delivery"], "severity") == ["normal"]


def test_outline_rows_keep_their_parameters_once_and_share_the_story(default_run: Run) -> None:
    row = default_run.results["Deliver 2 units"]
    assert row["parameters"] == [{"name": "qty", "value": "2"}]
    assert labels(row, "story") == ["Deliver <qty> units"]


def test_a_defect_without_a_link_pattern_gets_a_label_but_no_dead_link(default_run: Run) -> None:
    invoice = default_run.results["Invoice a delivery"]
    assert labels(invoice, "defect") == ["UAT-7"]
    assert not invoice.get("links")


def test_run_metadata_is_written_next_to_the_results(default_run: Run) -> None:
    environment = properties.read(default_run.results_dir / "environment.properties")
    assert {"odoo-uat version", "Git commit", "Python"} <= set(environment)
    assert "Wave" not in environment
    assert json.loads((default_run.results_dir / "categories.json").read_text(encoding="utf-8"))
    assert not (default_run.results_dir / "executor.json").exists()  # not in CI


def test_in_ci_the_build_is_recorded_as_the_executor(suite: Path) -> None:
    run(
        suite,
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_REPOSITORY="acme/odoo-uat",
        GITHUB_RUN_ID="77",
        GITHUB_RUN_NUMBER="5",
    )
    executor = json.loads((suite / RESULTS / "executor.json").read_text(encoding="utf-8"))
    assert executor["buildUrl"] == "https://github.com/acme/odoo-uat/actions/runs/77"
    assert executor["buildOrder"] == 5


def test_defect_and_requirement_tags_become_links_with_link_patterns(suite: Path) -> None:
    invoice = run(
        suite,
        "--allure-link-pattern",
        "issue:https://tracker.example.com/browse/{}",
        "--allure-link-pattern",
        "requirement:https://wiki.example.com/req/{}",
    ).results["Invoice a delivery"]
    assert {"type": "issue", "url": "https://tracker.example.com/browse/UAT-7", "name": "UAT-7"} in invoice["links"]
    assert {"type": "requirement", "url": "https://wiki.example.com/req/O2C-015", "name": "O2C-015"} in invoice["links"]


@pytest.mark.parametrize(
    ("expression", "selected"),
    [
        ("req(id='O2C-014')", 1),
        ("wave(n=1)", 4),
        ("blocker", 1),
        ("defect", 1),
        ("not defect", 3),
        ("order_to_cash", 4),  # the folder, although no feature is tagged @order_to_cash
    ],
)
def test_tags_pass_strict_markers_and_select_with_m(inline: pytest.Pytester, expression: str, selected: int) -> None:
    outcome = inline.runpytest(*INLINE, "-m", expression)
    outcomes = outcome.parseoutcomes()
    assert outcomes.get("passed", 0) + outcomes.get("failed", 0) == selected
    assert outcomes.get("deselected", 0) == 4 - selected


def test_an_unknown_wave_selects_nothing_without_an_error(inline: pytest.Pytester) -> None:
    outcome = inline.runpytest(*INLINE, "-m", "wave(n=9)")
    assert outcome.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_free_form_tags_are_accepted_under_strict_markers(suite: Path) -> None:
    write_feature(
        suite,
        "returns/returns.feature",
        """
        @smoke @wip-2 @owner:qa-team
        Feature: Returns
          Scenario: Return a product
            Given a step that passes
        """,
    )
    done = run(suite, "-m", "smoke")
    assert done.outcomes() == {"passed": 1, "deselected": 4}
    assert {"smoke", "wip-2", "owner:qa-team"} <= set(labels(done.results["Return a product"], "tag"))


def test_wave_option_deselects_other_waves_and_records_the_wave(suite: Path) -> None:
    write_feature(
        suite,
        "returns/returns.feature",
        """
        @wave-2
        Feature: Returns
          Scenario: Return a product
            Given a step that passes
        """,
    )
    done = run(suite, "--wave", "2")
    assert done.outcomes() == {"passed": 1, "deselected": 4}
    assert list(done.results) == ["Return a product"]
    assert properties.read(done.results_dir / "environment.properties")["Wave"] == "2"


def test_a_process_area_tag_overrides_the_folder(suite: Path) -> None:
    write_feature(
        suite,
        "returns/placeholder.feature",
        """
        Feature: Placeholder
          Scenario: Nothing
            Given a step that passes
        """,
    )
    write_feature(
        suite,
        "shared/refund.feature",
        """
        @returns
        Feature: Refund
          Scenario: Refund a return
            Given a step that passes
        """,
    )
    refund = run(suite).results["Refund a return"]
    assert labels(refund, "process_area") == ["returns"]
    assert labels(refund, "epic") == ["Returns"]


def test_a_scenario_skipped_before_its_first_step_still_has_a_result_with_the_reason(suite: Path) -> None:
    write_feature(
        suite,
        "order_to_cash/landed.feature",
        """
        @requires_module:stock_landed_costs
        Feature: Landed costs
          Scenario: Add freight
            Given a step that passes
        """,
    )
    (suite / "conftest.py").write_text(
        textwrap.dedent("""
        import pytest

        @pytest.fixture(autouse=True)
        def _modules(request):
            for mark in request.node.iter_markers("requires_module"):
                pytest.skip(f"module {mark.kwargs['name']} is not installed")
        """),
        encoding="utf-8",
    )
    done = run(suite)
    assert done.outcomes() == {"passed": 3, "failed": 1, "skipped": 1}
    skipped = done.results["Add freight"]
    assert skipped["status"] == "skipped"
    assert skipped["statusDetails"]["message"] == "Skipped: module stock_landed_costs is not installed"
    assert [step["status"] for step in skipped["steps"]] == ["skipped"]
    assert labels(skipped, "feature") == ["Landed costs"]
    assert skipped["historyId"]


def test_a_scenario_broken_by_a_fixture_is_reported_broken(suite: Path) -> None:
    (suite / "conftest.py").write_text(
        textwrap.dedent("""
        import pytest

        @pytest.fixture(autouse=True)
        def _odoo():
            raise ConnectionRefusedError(111, "Connection refused")
        """),
        encoding="utf-8",
    )
    done = run(suite)
    assert done.outcomes() == {"errors": 4}
    assert {r["status"] for r in done.results.values()} == {"broken"}
    assert "ConnectionRefusedError" in done.results["Confirm a quotation"]["statusDetails"]["message"]


def test_without_alluredir_the_plugin_only_marks(inline: pytest.Pytester) -> None:
    outcome = inline.runpytest(*INLINE, "-m", "blocker")
    outcome.assert_outcomes(passed=1, deselected=3)
    assert not (inline.path / RESULTS).exists()


def test_a_scenario_that_passes_only_on_a_retry_is_marked_flaky(suite: Path) -> None:
    write_feature(
        suite,
        "order_to_cash/flaky.feature",
        """
        Feature: Flaky confirmation
          Scenario: Confirm on the second try
            Given a step that fails the first time
        """,
    )
    (suite / "conftest.py").write_text(
        textwrap.dedent("""
        from pathlib import Path
        from pytest_bdd import given

        @given("a step that fails the first time")
        def _():
            marker = Path("tried")
            first = not marker.exists()
            marker.touch()
            assert not first, "Quotation still in draft"
        """),
        encoding="utf-8",
    )
    done = run(suite, "--reruns", "1")
    assert done.outcomes() == {"failed": 1, "passed": 4, "rerun": 2}
    tries = [json.loads(p.read_text(encoding="utf-8")) for p in done.results_dir.glob("*-result.json")]
    flaky_tries = sorted(t["status"] for t in tries if t["name"] == "Confirm on the second try")
    assert flaky_tries == ["failed", "passed"]
    passed = next(t for t in tries if t["name"] == "Confirm on the second try" and t["status"] == "passed")
    assert passed["statusDetails"]["flaky"] is True
    failing = [t for t in tries if t["name"] == "Invoice a delivery"]
    assert all(not (t.get("statusDetails") or {}).get("flaky") for t in failing)  # failed twice: not flaky
    assert all(not (t.get("statusDetails") or {}).get("flaky") for t in tries if t["name"] == "Confirm a quotation")
    read = {sc.name: sc for sc in load_results(done.results_dir).scenarios}  # as the exit report reads them
    assert (read["Confirm on the second try"].flaky, read["Confirm on the second try"].attempts) == (True, 2)
    assert (read["Invoice a delivery"].status, read["Invoice a delivery"].flaky) == ("failed", False)
