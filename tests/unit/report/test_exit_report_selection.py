"""The exit report of a `--changed` run: what was selected and why, in every rendering; nothing on a full run."""

from __future__ import annotations

import json
from pathlib import Path

from odoo_uat.report.build import build_report
from odoo_uat.report.config import ExitCriteria
from odoo_uat.report.model import GO, NO_GO
from odoo_uat.report.render_html import render_html
from odoo_uat.report.render_json import render_json
from odoo_uat.report.render_markdown import render_markdown
from odoo_uat.report.requirements import Requirement
from odoo_uat.report.results import load_results
from odoo_uat.report.selection import SELECTION_FILE

RESULTS = Path(__file__).resolve().parents[2] / "data" / "allure-results-wave1-pass"
SELECTION = {
    "schema_version": 1,
    "revisions": "origin/main...HEAD",
    "changed_modules": {"uat_minimum_order": ["examples/addons/uat_minimum_order/models/sale_order.py"]},
    "affected_modules": {"uat_minimum_order": "changed"},
    "changed_features": [],
    "suite_code_changed": [],
    "other_changes": [],
    "notes": [],
    "total": 18,
    "deselected": 17,
    "selected": [
        {
            "key": "features/test_feature_files.py::test_small_orders_are_refused",
            "name": "Small orders are refused",
            "feature": "features/order_to_cash/minimum_order.feature",
            "reasons": ["@requires_module:uat_minimum_order, which changed"],
        }
    ],
}


def report_in(output: Path):
    return build_report(load_results(RESULTS), ExitCriteria(), None, output_dir=output)


def test_a_changed_run_is_noted_and_shown_in_every_rendering(tmp_path: Path) -> None:
    (tmp_path / SELECTION_FILE).write_text(json.dumps(SELECTION))

    report = report_in(tmp_path)

    assert report.selection is not None and report.selection.deselected == 17
    assert report.notes[0] == (
        "Only the scenarios the changes origin/main...HEAD can affect ran: "
        "1 of 18 (17 deselected); the process areas and requirements in scope are theirs"
    )
    markdown = render_markdown(report)
    assert "## Scenarios selected by the change" in markdown
    assert (
        "| features/order_to_cash/minimum_order.feature | Small orders are refused | "
        "@requires_module:uat_minimum_order, which changed |"
    ) in markdown
    html = render_html(report)
    assert "<h2>Scenarios selected by the change</h2>" in html and "uat_minimum_order (changed)" in html
    data = json.loads(render_json(report))["selection"]
    assert data["revisions"] == "origin/main...HEAD" and data["deselected"] == 17
    assert data["selected"][0]["reasons"] == ["@requires_module:uat_minimum_order, which changed"]


def test_a_full_run_has_no_selection_section(tmp_path: Path) -> None:
    report = report_in(tmp_path)

    assert report.selection is None
    assert "selected by the change" not in render_markdown(report)
    assert "selected by the change" not in render_html(report)
    assert json.loads(render_json(report))["selection"] is None


def test_an_unreadable_selection_file_is_a_note_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / SELECTION_FILE).write_text("{not json")

    report = report_in(tmp_path)

    assert report.selection is None
    assert report.notes[0].startswith("What the --changed run selected is unknown: ")


def test_a_changed_run_is_judged_on_what_the_change_can_affect_not_on_the_whole_pack(tmp_path: Path) -> None:
    untouched = [Requirement("P2S-999", "Put away by the rules", "procure_to_stock")]
    full = build_report(load_results(RESULTS), ExitCriteria(), untouched, output_dir=tmp_path)
    assert full.verdict == NO_GO  # a full run must cover every requirement in scope
    (tmp_path / SELECTION_FILE).write_text(json.dumps(SELECTION))

    changed = build_report(load_results(RESULTS), ExitCriteria(), untouched, output_dir=tmp_path)

    assert changed.verdict == GO
    assert changed.reasons[0].endswith("for the scope of the change origin/main...HEAD")
    assert "P2S-999" not in {trace.requirement.id for trace in changed.requirements}
