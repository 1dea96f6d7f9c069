"""Exit criteria: GO / NO-GO from scenario outcomes, scope by wave, requirements and process areas."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.report.build import build_report
from odoo_uat.report.categories import (
    ENVIRONMENT_PROBLEMS,
    KNOWN_DEFECTS,
    PRODUCT_DEFECTS,
)
from odoo_uat.report.config import ExitCriteria
from odoo_uat.report.model import GO, NO_GO, ExitReport
from odoo_uat.report.requirements import Requirement, load_requirements
from odoo_uat.report.results import RunResults, Scenario, load_results

DATA = Path(__file__).resolve().parents[2] / "data"
MIXED = DATA / "allure-results-mixed"
WAVE1_PASS = DATA / "allure-results-wave1-pass"
REQUIREMENTS = DATA / "requirements.csv"
ASSERTION = "AssertionError: Invoice total is 1150.00, expected 1200.00"


def scenario(
    name: str,
    status: str = "passed",
    *,
    area: str = "order_to_cash",
    severity: str = "normal",
    waves: tuple[str, ...] = ("1",),
    requirements: tuple[str, ...] = (),
    defects: tuple[str, ...] = (),
    message: str = "",
    attempts: int = 1,
) -> Scenario:
    """A scenario outcome as load_results would give it."""
    return Scenario(
        uuid=name,
        name=name,
        full_name=f"{area}/sample.feature:{name}",
        feature="Sample",
        process_area=area,
        status=status,
        severity=severity,
        waves=waves,
        requirements=requirements,
        defects=defects,
        message=message or (ASSERTION if status == "failed" else ""),
        labels={"defect": defects} if defects else {},
        attempts=attempts,
        flaky=status == "passed" and attempts > 1,
    )


def report_for(
    scenarios: list[Scenario],
    criteria: ExitCriteria | None = None,
    requirements: list[Requirement] | None = None,
    *,
    wave: str | None = None,
    environment: dict[str, str] | None = None,
) -> ExitReport:
    """Build the report for some scenarios."""
    results = RunResults(Path("reports/allure-results"), tuple(scenarios), environment or {}, None)
    return build_report(results, criteria or ExitCriteria(), requirements, wave=wave, output_dir=Path("reports"))


def criterion(report: ExitReport, key: str) -> tuple[bool, str]:
    """Whether a criterion is met and what was measured."""
    [found] = [c for c in report.criteria if c.key == key]
    return found.met, found.measured


def test_all_scenarios_passing_is_go() -> None:
    report = report_for([scenario("a", severity="blocker"), scenario("b")])
    assert report.verdict == GO
    assert report.reasons == ("All 4 exit criteria are met",)


def test_a_failing_critical_scenario_is_no_go_and_named() -> None:
    report = report_for(
        [scenario("Invoice the delivery", "failed", severity="critical")] + [scenario(f"s{i}") for i in range(30)]
    )
    assert report.verdict == NO_GO
    assert criterion(report, "must_pass_severities") == (False, "0 of 1 passed")
    assert report.reasons == ("1 blocker/critical scenario failed: Invoice the delivery",)


def test_a_skipped_blocker_is_counted_but_is_no_failure() -> None:
    report = report_for([scenario("a", "skipped", severity="blocker"), scenario("b", severity="blocker")])
    assert criterion(report, "must_pass_severities") == (True, "1 of 1 passed, 1 skipped")


@pytest.mark.parametrize(("failed", "met", "measured"), [(1, True, "95 % (19 of 20)"), (2, False, "90 % (18 of 20)")])
def test_pass_rate_is_met_at_the_threshold(failed: int, met: bool, measured: str) -> None:
    scenarios = [scenario(f"f{i}", "failed") for i in range(failed)] + [scenario(f"p{i}") for i in range(20 - failed)]
    assert criterion(report_for(scenarios), "min_pass_rate") == (met, measured)


def test_skipped_scenarios_do_not_count_in_the_pass_rate() -> None:
    scenarios = [scenario("p")] + [scenario(f"s{i}", "skipped") for i in range(5)]
    assert criterion(report_for(scenarios), "min_pass_rate") == (True, "100 % (1 of 1)")


def test_all_skipped_is_no_go_because_nothing_ran() -> None:
    report = report_for([scenario("a", "skipped"), scenario("b", "skipped")])
    assert report.verdict == NO_GO
    assert criterion(report, "min_pass_rate") == (False, "no scenario executed")
    assert "No scenario was executed, so no pass rate can be measured" in report.reasons


def test_no_results_at_all_is_no_go_with_a_clear_reason() -> None:
    report = report_for([])
    assert report.verdict == NO_GO
    assert report.reasons[0].startswith("No scenario results found in reports/allure-results")


def test_an_environment_problem_blocks_go_until_tolerated() -> None:
    scenarios = [scenario("Connect", "broken", message="ConnectionRefusedError: [Errno 111] Connection refused")]
    scenarios += [scenario(f"p{i}") for i in range(40)]
    assert scenarios[0].category == ENVIRONMENT_PROBLEMS
    assert report_for(scenarios).verdict == NO_GO
    tolerant = report_for(scenarios, ExitCriteria(max_environment_problems=1))
    assert criterion(tolerant, "max_environment_problems") == (True, "1")
    assert tolerant.verdict == GO


def test_a_flaky_scenario_is_reported_but_counts_against_go_only_when_max_flaky_is_set() -> None:
    scenarios = [scenario("Reserve stock", attempts=2), scenario("Ship")]
    default = report_for(scenarios)
    assert default.verdict == GO
    assert "max_flaky" not in {c.key for c in default.criteria}
    assert [s.name for s in default.flaky] == ["Reserve stock"] and default.counts.flaky == 1
    assert "1 scenario passed only after a retry (flaky): see Flaky scenarios" in default.notes
    strict = report_for(scenarios, ExitCriteria(max_flaky=0))
    assert strict.verdict == NO_GO
    assert criterion(strict, "max_flaky") == (False, "1")
    assert strict.reasons[0].startswith("1 scenario passed only on a retry: Reserve stock.")
    assert report_for(scenarios, ExitCriteria(max_flaky=1)).verdict == GO


def test_a_scenario_failing_on_every_try_is_a_failure_not_a_flake() -> None:
    report = report_for(
        [scenario("Invoice", "failed", attempts=2)] + [scenario(f"p{i}") for i in range(40)], ExitCriteria(max_flaky=0)
    )
    assert criterion(report, "max_flaky") == (True, "0")
    assert report.flaky == []


def test_a_process_area_in_scope_without_an_executed_scenario_is_named() -> None:
    report = report_for(
        [scenario("a"), scenario("Return a product", "skipped", area="returns")],
        requirements=[Requirement("O2C-1", process_area="order_to_cash"), Requirement("RET-1", process_area="returns")],
        criteria=ExitCriteria(every_requirement_passed=False),
    )
    assert criterion(report, "every_process_area_executed") == (False, "1 of 2 areas")
    assert "1 process area in scope without an executed scenario: Returns" in report.reasons


def test_a_process_area_in_scope_with_no_scenario_at_all_is_listed_with_zeros() -> None:
    report = report_for([scenario("a")], ExitCriteria(process_areas=("procure_to_stock",)))
    [area] = [a for a in report.areas if a.key == "procure_to_stock"]
    assert (area.in_scope, area.counts.total) == (True, 0)
    assert criterion(report, "every_process_area_executed") == (False, "0 of 1 areas")


def test_a_requirement_without_a_scenario_is_named() -> None:
    report = report_for(
        [scenario("a", requirements=("O2C-1",))], requirements=[Requirement("O2C-1"), Requirement("O2C-2")]
    )
    assert criterion(report, "every_requirement_passed") == (False, "1 of 2 passed")
    assert [(t.requirement.id, t.status) for t in report.requirements] == [
        ("O2C-1", "passed"),
        ("O2C-2", "no scenario"),
    ]
    assert "1 requirement without a passing scenario: O2C-2 (no scenario)" in report.reasons


def test_a_requirement_passes_only_when_none_of_its_scenarios_fail() -> None:
    scenarios = [scenario("a", requirements=("R-1",)), scenario("b", "failed", requirements=("R-1",))]
    [trace] = report_for(scenarios, requirements=[Requirement("R-1")]).requirements
    assert trace.status == "failed"


def test_a_requirement_with_only_skipped_scenarios_was_not_run() -> None:
    [trace] = report_for(
        [scenario("a", "skipped", requirements=("R-1",))], requirements=[Requirement("R-1")]
    ).requirements
    assert trace.status == "not run"


def test_requirements_of_other_waves_are_out_of_scope() -> None:
    requirements = [Requirement("R-1", waves=("1",)), Requirement("R-2", waves=("2",)), Requirement("R-3")]
    scenarios = [scenario("a", requirements=("R-1",)), scenario("c", requirements=("R-3",))]
    report = report_for(scenarios, requirements=requirements, wave="1")
    assert [t.requirement.id for t in report.requirements] == ["R-1", "R-3"]
    assert report.verdict == GO


def test_a_failing_known_defect_is_categorised_and_still_counts_as_failure() -> None:
    failing = scenario("Discount", "failed", defects=("UAT-101",))
    report = report_for([failing] + [scenario(f"p{i}") for i in range(30)])
    assert failing.category == KNOWN_DEFECTS
    assert report.counts.failed == 1
    assert "Known defects still failing: UAT-101" in report.notes


def test_a_passing_known_defect_looks_fixed() -> None:
    report = report_for([scenario("Pricelist", defects=("UAT-102",))])
    assert report.verdict == GO
    assert "Known defects whose scenario now passes (retest and close): UAT-102" in report.notes


def test_wave_filter_leaves_out_scenarios_of_other_waves() -> None:
    report = report_for(
        [scenario("a"), scenario("b", "failed", waves=("2",)), scenario("untagged", waves=())], wave="1"
    )
    assert [s.name for s in report.scenarios] == ["a"]
    assert report.verdict == GO
    assert "2 scenario results outside wave 1 were left out" in report.notes


def test_the_wave_defaults_to_the_one_the_run_recorded() -> None:
    report = report_for([scenario("a"), scenario("b", waves=("2",))], environment={"Wave": "2"})
    assert report.run.wave == "2"
    assert [s.name for s in report.scenarios] == ["b"]


def test_results_of_another_wave_only_is_no_go() -> None:
    report = report_for([scenario("a")], wave="3")
    assert report.verdict == NO_GO
    assert report.reasons[0] == "None of the 1 scenario results belongs to wave 3"


def test_disabled_criteria_are_not_checked() -> None:
    criteria = ExitCriteria(
        must_pass_severities=(), min_pass_rate=None, max_environment_problems=None, every_process_area_executed=False
    )
    report = report_for([scenario("a", "failed", severity="blocker")], criteria)
    assert report.criteria == ()
    assert report.verdict == GO


def test_requirement_ids_missing_from_the_requirements_file_are_reported() -> None:
    report = report_for([scenario("a", requirements=("R-1", "R-9"))], requirements=[Requirement("R-1")])
    assert [(rid, [s.name for s in found]) for rid, found in report.unlisted_requirements] == [("R-9", ["a"])]


def test_the_recorded_mixed_run_fails_every_criterion() -> None:
    report = build_report(load_results(MIXED), ExitCriteria(), load_requirements(REQUIREMENTS), output_dir=DATA)
    assert report.verdict == NO_GO
    assert {c.key: (c.met, c.measured) for c in report.criteria} == {
        "must_pass_severities": (False, "2 of 3 passed, 1 skipped"),
        "min_pass_rate": (False, "50 % (6 of 12)"),
        "max_environment_problems": (False, "2"),
        "every_process_area_executed": (False, "2 of 3 areas"),
        "every_requirement_passed": (False, "3 of 10 passed"),
    }
    assert [(s.name, s.category) for s in report.failures][:2] == [
        ("Invoicing the delivered quantities", PRODUCT_DEFECTS),
        ("A line discount reaches the invoice", KNOWN_DEFECTS),
    ]
    assert [rid for rid, _ in report.unlisted_requirements] == ["O2C-099"]


def test_the_recorded_wave_1_run_is_go_for_the_requirements_it_covers(tmp_path: Path) -> None:
    covered = tmp_path / "requirements.csv"
    lines = REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    covered.write_text(
        "\n".join(line for line in lines if not line.startswith(("P2S-002", "P2S-004"))), encoding="utf-8"
    )
    report = build_report(load_results(WAVE1_PASS), ExitCriteria(), load_requirements(covered), output_dir=tmp_path)
    assert report.run.wave == "1"
    assert [a.key for a in report.areas if a.in_scope] == ["order_to_cash", "procure_to_stock"]  # RET-001 is wave 2
    assert report.verdict == GO, report.reasons
