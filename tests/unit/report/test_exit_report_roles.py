"""The exit report's "Roles as run": each role's login and every group its user held, by shown name, administrator
groups marked, read from the run metadata the role users fixture writes (issue 22)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from odoo_uat.report import properties
from odoo_uat.report.build import build_report
from odoo_uat.report.config import criteria_from_mapping
from odoo_uat.report.metadata import ENVIRONMENT_FILE, write_role_as_run
from odoo_uat.report.model import ExitReport
from odoo_uat.report.render_html import render_html
from odoo_uat.report.render_json import render_json
from odoo_uat.report.render_markdown import render_markdown
from odoo_uat.report.results import load_results

MIXED = Path(__file__).resolve().parents[2] / "data" / "allure-results-mixed"
INVENTORY_ACCOUNTANT = [
    ("stock.group_stock_manager", "Inventory / Administrator"),
    ("account.group_account_invoice", "Invoicing / Billing"),
    ("stock.group_stock_user", "Inventory / User"),
    ("base.group_user", "Role / User"),
]


def report_of(results: Path, tmp_path: Path) -> ExitReport:
    return build_report(load_results(results), criteria_from_mapping({}, tmp_path), None, output_dir=tmp_path)


@pytest.fixture
def results(tmp_path: Path) -> Path:
    """The recorded mixed run, with the groups two roles held, written as two workers of the run would."""
    folder = tmp_path / "allure-results"
    shutil.copytree(MIXED, folder)
    write_role_as_run(
        folder, "Inventory accountant", "uat-inventory-accountant", INVENTORY_ACCOUNTANT, ["stock.group_stock_manager"]
    )
    write_role_as_run(folder, "Buyer", "uat-buyer", [("purchase.group_purchase_user", "Purchase / User")])
    return folder


def test_the_roles_as_run_are_read_from_the_run_metadata_by_name(results: Path, tmp_path: Path) -> None:
    buyer, accountant = report_of(results, tmp_path).roles
    assert (buyer.name, buyer.login, [g.shown for g in buyer.groups]) == ("Buyer", "uat-buyer", ["Purchase / User"])
    assert [g.shown for g in accountant.groups] == [
        "Inventory / Administrator",
        "Inventory / User",
        "Invoicing / Billing",
        "Role / User",
    ]
    assert [g.xml_id for g in accountant.administrator_of] == ["stock.group_stock_manager"]


def test_the_html_report_lists_each_role_s_groups_administrators_marked(results: Path, tmp_path: Path) -> None:
    html = render_html(report_of(results, tmp_path))
    section = html.split("<h2>Roles as run</h2>", 1)[1].split("<h2>", 1)[0]
    assert "<code>uat-inventory-accountant</code>" in section and "<code>uat-buyer</code>" in section
    assert (
        '<span class="admin" title="stock.group_stock_manager">Inventory / Administrator (administrator)</span>'
        in section
    )
    assert '<span title="stock.group_stock_user">Inventory / User</span>' in section
    assert section.index("Buyer") < section.index("Inventory accountant")
    assert html.index("<h2>Roles as run</h2>") < html.index("<h2>Run</h2>")


def test_the_markdown_and_json_reports_list_them_too(results: Path, tmp_path: Path) -> None:
    report = report_of(results, tmp_path)
    markdown = render_markdown(report)
    section = markdown.split("## Roles as run", 1)[1].split("\n## ", 1)[0]
    assert "| Inventory accountant | `uat-inventory-accountant` | **Inventory / Administrator (administrator)**, " in (
        section
    )
    roles = json.loads(render_json(report))["roles"]
    assert [role["name"] for role in roles] == ["Buyer", "Inventory accountant"]
    assert roles[1]["groups"][0] == {
        "xml_id": "stock.group_stock_manager",
        "name": "Inventory / Administrator",
        "administrator": True,
    }


def test_a_run_that_recorded_no_role_says_so(tmp_path: Path) -> None:
    report = report_of(MIXED, tmp_path)
    assert report.roles == ()
    assert "No role user acted in this run" in render_html(report)
    assert "No role user acted in this run" in render_markdown(report)


def test_a_role_whose_record_cannot_be_read_is_a_note_not_a_crash(results: Path, tmp_path: Path) -> None:
    path = results / ENVIRONMENT_FILE
    path.write_text(properties.dumps({**properties.read(path), "Role as run: Buyer": "{not json"}), encoding="utf-8")
    report = report_of(results, tmp_path)
    assert [role.name for role in report.roles] == ["Inventory accountant"]
    assert any('"Buyer"' in note and "cannot be read" in note for note in report.notes)
