"""Printed documents: print a record's report from its form (or with a wizard's Print button) and check the text the PDF shows.

Each PDF is kept with the run's reports (<reports>/printed/<scenario>/) and attached to the scenario's Allure result;
a report whose text shows a secret the run knows is neither kept nor attached.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import allure
import pytest
from playwright.sync_api import Download
from pytest_bdd import then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import table_rows
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.printed import check_readable, excerpt, missing_lines, pdf_text, scenario_folder, shown_secrets
from odoo_uat.secret import known, revealed
from odoo_uat.web.browser import ActingUsers
from pages.components.reports import Printer, keep

TEXT_COLUMN = "Text"


@dataclass(frozen=True)
class Printed:
    """A report the scenario printed: the file kept and the text it shows."""

    path: Path
    text: str


@dataclass
class PrintedReports:
    """The reports this scenario printed, by the name the scenario gave them (the report's or the wizard's)."""

    folder: Path
    acting: ActingUsers
    by_name: dict[str, Printed] = field(default_factory=dict)

    def keep(self, name: str, download: Download) -> Printed:
        """Keep the PDF (no secret in its text), attach it to the scenario's Allure result, and remember it."""
        path = keep(download, self.folder, name)
        text = pdf_text(path)
        if shown_secrets(text, [*known(), *revealed(self.acting.known_secrets())]):
            path.unlink()
            raise AssertionError(
                f'The printed "{name}" shows a password or a session key of the run: it was deleted, neither kept '
                "nor attached (docs/secrets.md). Check what the report prints."
            )
        allure.attach.file(str(path), name=f"{name} ({path.name})", attachment_type=allure.attachment_type.PDF)
        printed = self.by_name[name.casefold()] = Printed(path, text)
        return printed

    def get(self, name: str) -> Printed:
        """The report the scenario printed under this name; an unknown name lists those printed."""
        found = self.by_name.get(name.casefold())
        if found is None:
            printed = ", ".join(f'"{printed.path.name}"' for printed in self.by_name.values()) or "none yet"
            raise AssertionError(
                f'The scenario has printed no "{name}". Print it first (When I print the "{name}"); printed: {printed}.'
            )
        return found


@pytest.fixture
def printed_reports(request: pytest.FixtureRequest, acting: ActingUsers) -> PrintedReports:
    """The reports the scenario prints, kept in <reports>/printed/<scenario>/."""
    results = request.config.getoption("allure_report_dir", None)
    return PrintedReports(scenario_folder(results, request.node.name), acting)


@when(phrase('I print the "{report:Label}"'))
def _(report: str, acting: ActingUsers, printed_reports: PrintedReports) -> None:
    """Print a report of the record on screen from its form's gear (its Print entries): wait for the PDF and keep it.

    The report's name as the gear shows it ("Delivery Slip", "Purchase Order"; in French "Bon de livraison").
    The PDF is kept with the run's reports and attached to the scenario's result.
    Example: When I print the "Delivery Slip"
    """
    printed_reports.keep(report, Printer(acting.page).from_gear(report))


@when(phrase('I click "{button:Label}" to print the "{report:Text}"'))
def _(button: str, report: str, acting: ActingUsers, printed_reports: PrintedReports) -> None:
    """Click a button that prints (a form's "Print", a wizard's "Print"), wait for the PDF and keep it under this name.

    The name is the scenario's own for the printed document, used to check it after.
    Example: When I click "Print" to print the "Product Labels"
    """
    printed_reports.keep(report, Printer(acting.page).from_button(button, report))


@when(phrase('I print the "{report:Text}" from the dialog'))
def _(report: str, acting: ActingUsers, printed_reports: PrintedReports) -> None:
    """Print with the main button of the dialog on screen (a print wizard's), whatever it reads; keep the PDF under this name.

    The same on every version and language: the label layout's button is "Confirm" on 18.0 and "Print" on 19.0.
    Example: When I print the "Product Labels" from the dialog
    """
    printed_reports.keep(report, Printer(acting.page).from_dialog(report))


@then(phrase('the printed "{report:Text}" shows:'))
def _(report: str, datatable: list[list[str]], printed_reports: PrintedReports, names: ScenarioNames) -> None:
    """The text of a PDF the scenario printed shows each of these texts (names as the scenario wrote them; spacing aside).

    Columns: Text.
    Example: Then the printed "Delivery Slip" shows:
    """
    printed = printed_reports.get(report)
    check_readable(report, printed.path, printed.text)
    wanted = [row[TEXT_COLUMN] for row in table_rows(datatable, [TEXT_COLUMN], required=[TEXT_COLUMN])]
    missing = missing_lines(printed.text, [names.real(line) for line in wanted])
    assert not missing, (
        f'The printed "{report}" ({printed.path}) should show '
        + ", ".join(f'"{line}"' for line in missing)
        + f" but does not. Its text:\n{excerpt(printed.text)}"
    )
