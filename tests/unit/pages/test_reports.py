"""Printing: the gear's print entries (one report, or a "Print" sub-menu), the PDF caught from Odoo's download and kept,
and what a failed print says; on pages served by a fake Odoo in a real Chromium (no server needed)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from pages.components.reports import Printer, is_pdf, keep

ORIGIN = "http://odoo.test"
PDF = b"%PDF-1.4\n% a report\n"

# A form's control panel as 18.0/19.0 render it (web.CogMenu): the gear opens a dropdown holding either one report (an
# item with a printer icon) or a "Print" sub-menu toggle (a button with the icon) opening a second dropdown.
FORM = """
<div class="o_action_manager"><div class="o_control_panel"><div class="o_cp_action_menus">
  <button class="btn" onclick="openGear()"><i class="fa fa-cog"></i></button>
</div></div><div class="o_form_view">
  <div class="o_statusbar_buttons"><button class="btn" onclick="printIt('Invoice.pdf')"><span>Print</span></button></div>
</div></div>
<script>
  const REPORTS = %(reports)s;
  function menu(html) {
    const el = document.createElement('div');
    el.className = 'o-dropdown--menu dropdown-menu show';
    el.innerHTML = html;
    document.body.appendChild(el);
    return el;
  }
  function item(name, icon) {
    return `<span class="o-dropdown-item dropdown-item" role="menuitem" onclick="printIt('${name}.pdf')">`
      + (icon ? '<i class="fa fa-print me-1"></i> ' : '') + name + '</span>';
  }
  function openGear() {
    let html = '<span class="o-dropdown-item dropdown-item" role="menuitem">Duplicate</span>';
    if (REPORTS.length === 1) html = item(REPORTS[0], true) + html;
    if (REPORTS.length > 1) html = '<button class="o-dropdown-item dropdown-item" onclick="openPrint(this)">'
      + '<i class="fa fa-print me-1"></i> Print</button>' + html;
    menu(html);
  }
  // As Odoo's Dropdown: the sub-menu mounts on a later frame, then its toggle says it is expanded (onOpened).
  function openPrint(toggle) {
    requestAnimationFrame(() => requestAnimationFrame(() => {
      menu(REPORTS.map(name => item(name, false)).join(''));
      toggle.ariaExpanded = 'true';
    }));
  }
  async function printIt(name) {
    const answer = await fetch('/report/download', {method: 'POST', body: name});
    const blob = await answer.blob();
    if (answer.status !== 200) { document.body.insertAdjacentHTML('beforeend', '<div class="modal">Error</div>'); return; }
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = answer.headers.get('content-disposition').split('filename=')[1];
    document.body.appendChild(a);
    a.click();
  }
</script>
"""


class FakeOdoo:
    """Answers the web client's calls: the page, wkhtmltopdf's state, and /report/download."""

    def __init__(self, reports: list[str], state: str = "ok", error: str | None = None) -> None:
        self.reports = reports
        self.state = state
        self.error = error

    def __call__(self, route: Route) -> None:
        url = route.request.url
        if url.endswith("/report/check_wkhtmltopdf"):
            route.fulfill(json={"jsonrpc": "2.0", "id": None, "result": self.state})
        elif url.endswith("/report/download"):
            if self.error:
                error = {"code": 200, "message": "Odoo Server Error", "data": {"message": self.error}}
                route.fulfill(status=500, content_type="text/html", body=html.escape(json.dumps(error)))
            else:
                name = route.request.post_data or "report.pdf"
                headers = {"content-disposition": f"attachment; filename={name}"}
                route.fulfill(status=200, content_type="application/pdf", headers=headers, body=PDF)
        else:
            route.fulfill(content_type="text/html", body=FORM % {"reports": json.dumps(self.reports)})


@pytest.fixture
def open_form(browser: Browser) -> Iterator:
    contexts = []

    def open_(odoo: FakeOdoo) -> Page:
        context = browser.new_context(accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.route(f"{ORIGIN}/**", odoo)
        page.goto(f"{ORIGIN}/odoo/action-stock.action_picking_tree_all/7")
        return page

    yield open_
    for context in contexts:
        context.close()


def test_one_report_is_an_item_of_the_gear(open_form, tmp_path: Path) -> None:
    page = open_form(FakeOdoo(["Purchase Order"]))
    download = Printer(page).from_gear("purchase order")
    assert keep(download, tmp_path, "Purchase Order").read_bytes() == PDF


def test_several_reports_are_in_the_gear_s_print_sub_menu(open_form, tmp_path: Path) -> None:
    page = open_form(FakeOdoo(["Picking Operations", "Delivery Slip"]))
    path = keep(Printer(page).from_gear("Delivery Slip"), tmp_path, "Delivery Slip")
    assert path.name == "Delivery Slip.pdf"


def test_a_report_the_gear_does_not_offer_lists_those_it_does(open_form) -> None:
    page = open_form(FakeOdoo(["Picking Operations", "Delivery Slip"]))
    with pytest.raises(AssertionError, match=r'no report "Invoice"\. It prints: "Picking Operations", "Delivery Slip"'):
        Printer(page).from_gear("Invoice")


def test_a_button_that_prints_gives_its_pdf(open_form, tmp_path: Path) -> None:
    page = open_form(FakeOdoo([]))
    assert keep(Printer(page).from_button("Print", "Invoice"), tmp_path, "Invoice").name == "Invoice.pdf"


def test_no_wkhtmltopdf_on_the_server_says_what_to_install(open_form) -> None:
    page = open_form(FakeOdoo(["Delivery Slip"], state="install"))
    with pytest.raises(AssertionError, match=r'wkhtmltopdf is "install".*apt-get install wkhtmltopdf'):
        Printer(page).from_gear("Delivery Slip")


def test_odoo_s_error_while_printing_is_said(open_form) -> None:
    page = open_form(FakeOdoo(["Delivery Slip"], error="The report's layout is broken"))
    with pytest.raises(
        AssertionError, match=r"did not print the report \"Delivery Slip\": The report's layout is broken"
    ):
        Printer(page).from_gear("Delivery Slip")


class FakeDownload:
    """What a Playwright download gives: its name and a copy of its file."""

    def __init__(self, name: str, content: bytes) -> None:
        self.suggested_filename = name
        self.content = content

    def save_as(self, path: Path) -> None:
        Path(path).write_bytes(self.content)


def test_a_printed_report_is_kept_in_the_folder_given(tmp_path: Path) -> None:
    kept = keep(FakeDownload("Count Sheet.pdf", b"%PDF-1.4 x"), tmp_path / "printed", "Count Sheet")
    assert kept == tmp_path / "printed" / "Count Sheet.pdf" and kept.read_bytes() == b"%PDF-1.4 x"


def test_a_report_printed_twice_is_kept_twice(tmp_path: Path) -> None:
    first = keep(FakeDownload("Count Sheet.pdf", b"%PDF-1.4 x"), tmp_path, "Count Sheet")
    second = keep(FakeDownload("Count Sheet.pdf", b"%PDF-1.4 y"), tmp_path, "Count Sheet")
    assert (first.name, second.name) == ("Count Sheet.pdf", "Count Sheet (2).pdf")


def test_a_download_that_is_no_pdf_fails_naming_where_it_is_kept(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match=r"Count Sheet\.html, which is not a PDF"):
        keep(FakeDownload("Count Sheet.html", b"<html>"), tmp_path, "Count Sheet")


def test_several_records_refused_for_unpatched_qt_says_what_to_do(open_form) -> None:
    odoo = FakeOdoo(["Purchase Order"], error="Tried to convert multiple documents in wkhtmltopdf using unpatched QT")
    with pytest.raises(AssertionError, match=r"using unpatched QT\. .*prints one record at a time"):
        Printer(open_form(odoo)).from_gear("Purchase Order")


def test_a_pdf_is_told_by_its_first_bytes() -> None:
    assert is_pdf(b"%PDF-1.7\n...")
    assert not is_pdf(b"<!DOCTYPE html><html>")
