"""Waivers (GO with waivers, NO-GO once expired or covering a blocker), history between runs, last proofs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from odoo_uat.report.build import build_report, history_record
from odoo_uat.report.config import ExitCriteria
from odoo_uat.report.history import RunRecord, compare, load_history, write_record
from odoo_uat.report.model import GO, GO_WITH_WAIVERS, NO_GO, REQ_FAILED, REQ_PASSED
from odoo_uat.report.proofs import Freshness, Proof
from odoo_uat.report.render_html import render_html
from odoo_uat.report.render_json import render_json
from odoo_uat.report.render_markdown import render_markdown
from odoo_uat.report.requirements import Requirement
from odoo_uat.report.results import RunResults, Scenario
from odoo_uat.report.waivers import EXPIRED, HOLDS, NOT_ALLOWED, Waiver, WaiverError, load_waivers

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def scenario(name: str, status: str = "passed", severity: str = "normal", reqs: tuple[str, ...] = ()) -> Scenario:
    return Scenario(
        uuid=name,
        name=name,
        full_name=f"inventory_control/count.feature:{name}",
        feature="inventory_control/count.feature",
        process_area="inventory_control",
        status=status,
        severity=severity,
        waves=("1",),
        requirements=reqs,
        message="AssertionError: 12 on hand, expected 0" if status == "failed" else "",
    )


def build(scenarios, waivers=(), *, history=None, run_id="run-2", now=NOW, requirements=None, freshness=None):
    results = RunResults(Path("reports/allure-results"), tuple(scenarios), {"Run id": run_id}, None)
    criteria = ExitCriteria(every_process_area_executed=False)
    return build_report(
        results,
        criteria,
        requirements,
        output_dir=Path("reports"),
        now=now,
        waivers=waivers,
        history=history,
        freshness=freshness,
    )


def waiver(expires: date, covers=("INV-003",)) -> Waiver:
    return Waiver("W-001", "Jane Doe, warehouse lead", "Set to 0 fixed in DEF-12", tuple(covers), expires)


RUN = [scenario("Count applied", reqs=("INV-001",)), scenario("Set to zero", "failed", reqs=("INV-003",))]


def test_a_holding_waiver_gives_go_with_waivers_not_go() -> None:
    report = build(RUN, [waiver(date(2026, 12, 31))])
    assert report.verdict == GO_WITH_WAIVERS
    assert report.go
    assert report.waivers[0].state == HOLDS and report.waivers[0].days_left == 28
    assert "accepted by waiver W-001" in report.reasons[0]
    assert any(c.waived for c in report.criteria)
    assert "GO with waivers" in render_html(report) and "28 days left" in render_html(report)
    assert "⚠️ GO with waivers" in render_markdown(report)


def test_the_waiver_expired_turns_the_verdict_to_no_go_naming_it() -> None:
    report = build(RUN, [waiver(date(2026, 12, 2))])
    assert report.verdict == NO_GO
    assert report.waivers[0].state == EXPIRED
    assert any(
        "Waiver W-001 (Jane Doe, warehouse lead) expired on 2026-12-02: Set to zero still fails" in r
        for r in report.reasons
    )


def test_a_blocker_may_not_be_waived() -> None:
    run = [scenario("Count applied"), scenario("Set to zero", "failed", severity="blocker", reqs=("INV-003",))]
    report = build(run, [waiver(date(2026, 12, 31))])
    assert report.verdict == NO_GO
    assert report.waivers[0].state == NOT_ALLOWED
    assert any("blocker scenario may not be waived" in r for r in report.reasons)


def test_without_failures_a_waiver_leaves_go_and_a_note_to_remove_it() -> None:
    report = build([scenario("Count applied")], [waiver(date(2026, 12, 31))])
    assert report.verdict == GO
    assert any("covers no failing scenario" in n for n in report.notes)


def test_waiver_file_errors_name_the_entry_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "waivers.toml"
    path.write_text('[[waiver]]\nid = "W-1"\nowner = "Jane"\ncovers = ["INV-003"]\nexpires = 2026-12-31\n')
    with pytest.raises(WaiverError, match=r"waiver W-1 lacks reason"):
        load_waivers(path)
    path.write_text('[[waiver]]\nid = "W-1"\nowner = "J"\nreason = "r"\ncovers = ["X"]\nexpires = "soon"\n')
    with pytest.raises(WaiverError, match="expires must be a date"):
        load_waivers(path)
    path.write_text(
        '[[waiver]]\nid = "W-1"\nowner = "J"\nreason = "r"\ncovers = ["@defect:DEF-12"]\nexpires = 2026-12-31\n'
    )
    assert load_waivers(path)[0].covers == ("DEF-12",)


def test_history_names_new_failures_fixed_regressed_and_new_scenarios(tmp_path: Path) -> None:
    first = build(
        [scenario("A"), scenario("B"), scenario("C", "failed")],
        history=[],
        run_id="run-1",
        now=datetime(2026, 12, 1, tzinfo=UTC),
    )
    write_record(tmp_path, history_record(first.run_id, first.run, first.scenarios, None))
    second = build(
        [scenario("A", "failed"), scenario("B"), scenario("C"), scenario("D")],
        history=load_history(tmp_path),
        run_id="run-2",
        now=datetime(2026, 12, 2, tzinfo=UTC),
    )
    write_record(tmp_path, history_record(second.run_id, second.run, second.scenarios, None))
    view = second.history
    assert view is not None and view.previous is not None and view.previous.run_id == "run-1"
    key = "inventory_control/count.feature: "
    assert view.new_failures == (key + "A",)
    assert view.fixed == (key + "C",)
    assert view.new_scenarios == (key + "D",)
    assert [point[0] for point in view.chart] == ["run-1", "run-2"]
    third = build(
        [scenario("A"), scenario("B"), scenario("C", "failed"), scenario("D")],
        history=load_history(tmp_path),
        run_id="run-3",
        now=datetime(2026, 12, 3, tzinfo=UTC),
    )
    assert third.history.regressed == (key + "C",)
    assert third.history.fixed == (key + "A",)
    html = render_html(third)
    assert "<svg" in html and html.count("<circle") == 3 and "Regressed" in html


def test_runs_of_another_scope_are_not_compared(tmp_path: Path) -> None:
    other = {"run_id": "x", "generated": "2026-12-01T00:00:00+00:00", "scope": "wave 2: returns", "scenarios": {}}
    assert (
        compare(
            {
                **other,
                "run_id": "y",
                "scope": "wave 1: returns",
                "pass_rate": 100.0,
                "generated": "2026-12-02T00:00:00+00:00",
            },
            [RunRecord.from_data(other)],
        ).previous
        is None
    )


def test_requirements_show_their_last_proof_and_manual_checks_prove_too() -> None:
    requirements = [Requirement("INV-001"), Requirement("INV-003"), Requirement("RET-001")]
    old = Proof(
        "automated",
        "passed",
        "2026-11-20T08:00:00+00:00",
        run_id="run-1",
        commit="abc123",
        stale="stock_count_rules changed since commit abc123",
    )
    manual = Proof("manual", "passed", "2026-12-02", by="Carla Diaz", evidence="https://wiki/RET-001")
    report = build(
        RUN, requirements=requirements, freshness=Freshness(automated={"INV-003": old}, manual={"RET-001": manual})
    )
    traces = {t.requirement.id: t for t in report.requirements}
    assert traces["INV-001"].proven_here and traces["INV-001"].status == REQ_PASSED
    assert traces["INV-003"].status == REQ_FAILED and traces["INV-003"].proof == old
    assert traces["RET-001"].status == REQ_PASSED and traces["RET-001"].proof == manual
    html = render_html(report)
    assert "stale" in html and "stock_count_rules changed since commit abc123" in html
    assert "manual check by Carla Diaz" in html
    assert '"last_proof"' in render_json(report)


def test_a_stale_manual_check_proves_nothing() -> None:
    manual = Proof("manual", "passed", "2026-01-02", by="Carla", stale="proven 335 days ago")
    report = build(RUN, requirements=[Requirement("RET-001")], freshness=Freshness({}, {"RET-001": manual}))
    assert report.requirements[0].status != REQ_PASSED


def test_this_runs_own_proof_shows_stale_once_a_module_changed_after_it() -> None:
    mine = Proof(
        "automated",
        "passed",
        "2026-12-03T08:00:00+00:00",
        run_id="run-2",
        commit="abc123",
        stale="stock_count_rules changed since commit abc123",
    )
    report = build(RUN, requirements=[Requirement("INV-001")], freshness=Freshness({"INV-001": mine}, {}))
    assert "this run (**stale**: stock_count_rules changed" in render_markdown(report)
    assert "stale" in render_html(report).split("Requirements traceability")[1]
