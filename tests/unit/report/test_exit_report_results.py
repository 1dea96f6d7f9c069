"""Reading Allure results: one scenario per test case (last try), failing step, skip reason, category."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from odoo_uat.report.categories import (
    ENVIRONMENT_PROBLEMS,
    KNOWN_DEFECTS,
    PRODUCT_DEFECTS,
    TEST_PROBLEMS,
)
from odoo_uat.report.results import load_results

DATA = Path(__file__).resolve().parents[2] / "data"
MIXED = DATA / "allure-results-mixed"


@pytest.fixture(scope="module")
def mixed() -> dict[str, object]:
    """The recorded mixed run, scenarios by title."""
    return {s.title: s for s in load_results(MIXED).scenarios}


def test_retries_of_a_scenario_collapse_into_the_last_try(mixed: dict) -> None:
    reserving = mixed["Reserving stock for a confirmed order"]
    assert (reserving.status, reserving.attempts) == ("passed", 2)
    assert len(mixed) == 14


def test_a_scenario_passing_only_on_a_retry_is_flaky_and_a_failing_one_is_not(mixed: dict) -> None:
    assert [title for title, s in mixed.items() if s.flaky] == ["Reserving stock for a confirmed order"]


def test_allures_flaky_status_detail_marks_a_single_try_flaky(tmp_path: Path) -> None:
    result = {"uuid": "u1", "historyId": "h1", "name": "Ship", "status": "passed", "statusDetails": {"flaky": True}}
    (tmp_path / "u1-result.json").write_text(json.dumps(result), encoding="utf-8")
    [scenario] = load_results(tmp_path).scenarios
    assert (scenario.attempts, scenario.flaky) == (1, True)


@pytest.mark.parametrize(
    ("title", "category"),
    [
        ("Invoicing the delivered quantities", PRODUCT_DEFECTS),  # AssertionError
        ("The credit limit holds a large order", PRODUCT_DEFECTS),  # odoorpc RPCError from Odoo
        ("A line discount reaches the invoice", KNOWN_DEFECTS),  # @defect:UAT-101
        ("A partial receipt creates a backorder", ENVIRONMENT_PROBLEMS),  # Playwright TimeoutError
        ("Received goods are put away by the warehouse system", ENVIRONMENT_PROBLEMS),  # ConnectionRefused in a fixture
        ("A vendor bill is drafted from the receipt", TEST_PROBLEMS),  # StepDefinitionNotFoundError
        ("Confirming a quotation creates a delivery", None),
        ("Freight is added as a landed cost", None),
    ],
)
def test_each_failure_falls_into_its_category(mixed: dict, title: str, category: str | None) -> None:
    assert mixed[title].category == category


def test_the_failing_step_is_the_gherkin_step(mixed: dict) -> None:
    assert mixed["Invoicing the delivered quantities"].failing_step == "Then the invoice total is 1200.00"
    assert mixed["Received goods are put away by the warehouse system"].failing_step is None  # broke in setup


def test_a_skipped_scenario_says_why(mixed: dict) -> None:
    assert mixed["Freight is added as a landed cost"].skip_reason == (
        "module stock_landed_costs is not installed on the Odoo under test"
    )


def test_labels_give_area_severity_wave_requirements_and_defects(mixed: dict) -> None:
    discount = mixed["A line discount reaches the invoice"]
    assert (discount.process_area, discount.severity, discount.waves) == ("order_to_cash", "normal", ("1",))
    assert (discount.requirements, discount.defects) == (("O2C-004",), ("UAT-101",))
    assert mixed["Returning a delivered product"].severity == "critical"


def test_outline_rows_are_told_apart_by_their_parameters(mixed: dict) -> None:
    assert "Delivering from the warehouse of the order [10, WH2]" in mixed


def test_environment_and_executor_are_read() -> None:
    results = load_results(MIXED)
    assert results.environment["Odoo version"] == "19.0"
    assert results.executor and results.executor["buildName"] == "UAT #42"


def test_the_allure_id_is_the_md5_of_the_result_uuid(mixed: dict) -> None:
    scenario = mixed["Invoicing the delivered quantities"]
    assert scenario.allure_id == hashlib.md5(scenario.uuid.encode()).hexdigest()


def test_a_missing_results_dir_reads_as_no_scenarios(tmp_path: Path) -> None:
    assert load_results(tmp_path / "nowhere").scenarios == ()


def test_a_half_written_result_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "a-result.json").write_text('{"uuid": "a", "status": "pas', encoding="utf-8")
    assert load_results(tmp_path).scenarios == ()


def test_without_labels_the_area_comes_from_the_feature_path(tmp_path: Path) -> None:
    result = {"uuid": "u1", "name": "Ship", "status": "passed", "fullName": "returns/refund.feature:Ship", "labels": []}
    (tmp_path / "u1-result.json").write_text(json.dumps(result), encoding="utf-8")
    [scenario] = load_results(tmp_path).scenarios
    assert (scenario.process_area, scenario.severity) == ("returns", "normal")


def test_a_result_without_status_counts_as_broken(tmp_path: Path) -> None:
    (tmp_path / "u1-result.json").write_text(json.dumps({"uuid": "u1", "name": "Ship"}), encoding="utf-8")
    [scenario] = load_results(tmp_path).scenarios
    assert scenario.failing


def test_record_links_of_a_failed_scenario_are_kept(tmp_path: Path) -> None:
    result = {
        "uuid": "u1",
        "name": "Ship",
        "status": "failed",
        "fullName": "order_to_cash/a.feature:Ship",
        "links": [
            {"type": "odoo-record", "name": "S00042", "url": "http://localhost:8069/odoo/sales/42"},
            {"type": "issue", "name": "UAT-1", "url": "https://tracker/UAT-1"},
        ],
    }
    (tmp_path / "u1-result.json").write_text(json.dumps(result), encoding="utf-8")
    [scenario] = load_results(tmp_path).scenarios
    assert scenario.record_links == (("S00042", "http://localhost:8069/odoo/sales/42"),)


def test_shards_read_together_equal_the_whole_run(tmp_path: Path) -> None:
    results = sorted(MIXED.glob("*-result.json"))
    shards = [tmp_path / f"{k}-of-3" / "allure-results" for k in (1, 2, 3)]
    for k, shard in enumerate(shards):
        shard.mkdir(parents=True)
        for path in results[k::3]:
            (shard / path.name).write_bytes(path.read_bytes())
    (shards[2] / "environment.properties").write_bytes((MIXED / "environment.properties").read_bytes())
    merged, whole = load_results(shards), load_results(MIXED)
    assert merged.scenarios == whole.scenarios  # same order too: outline rows sort by their parameters
    assert merged.environment == whole.environment
    assert (merged.directory, merged.directories) == (tmp_path, tuple(shards))


def test_one_folder_is_the_directory_read(tmp_path: Path) -> None:
    assert load_results(tmp_path).directory == tmp_path
