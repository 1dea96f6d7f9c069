"""Printing a report as a person does: a form's gear (its Print entries), a list's Print menu, or a button (a header's
"Print", a wizard's "Print"); the PDF Odoo downloads is caught and kept.

How 18.0 and 19.0 print (web/static/src/webclient/actions/reports/utils.js and core/network/download.js, the same in
both): the web client asks /report/check_wkhtmltopdf once, then POSTs /report/download and saves the answer through
an <a download> it clicks: Playwright's download event. Without wkhtmltopdf it shows the report as a web page
(an iframe) instead. What differs is where the reports are offered: a list with rows selected has a Print menu (a
printer toggle, web.ActionMenus); a form has them in its gear (web.CogMenu): one report is a gear item with a printer
icon, several are under a "Print" entry of the gear that opens a sub-menu (18.0 and 19.0; 19.0 labels each item
"Print report: <name>" for screen readers).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Download, Locator, Page, Response, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from pages.components.action_menus import ACTIONS, ITEM, PRINT, ActionMenus
from pages.components.buttons import click_button
from pages.components.dialog import ACTIVE_DIALOG, Dialog
from pages.components.labels import label_list, normalise_label
from pages.components.menu import OPEN_DROPDOWN
from pages.components.messages import shown_messages

# A PDF starts with these bytes; Odoo without wkhtmltopdf shows the report as a web page instead (in an iframe).
PDF_MAGIC = b"%PDF-"
WKHTMLTOPDF_CHECK = "/report/check_wkhtmltopdf"
PDF_READY = ("ok", "upgrade")  # the states in which the web client downloads a PDF (reports/utils.js)
# Asked from the page, as the web client asks it: its session, its origin.
PDF_STATE_JS = """async url => (await (await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
  body: JSON.stringify({jsonrpc: '2.0', method: 'call', params: {}})})).json()).result"""
REPORT_DOWNLOAD = "/report/download"
REPORT_PAGE = ".o_action_manager iframe.o_report_iframe, .o_action_manager .o_report_iframe"
# The gear's print entries (web.CogMenu, 18.0 and 19.0): a sub-menu toggle, or the one report as an item.
GEAR_PRINT_TOGGLE = "button:has(.fa-print)"
GEAR_PRINT_ITEM = f"{ITEM}:has(.fa-print)"
# wkhtmltopdf renders a report in seconds; on a loaded two-core runner a long one takes more. Only a failure waits
# this long (the wait ends with Odoo's answer to /report/download).
PRINT_TIMEOUT_MS = 120_000
WKHTMLTOPDF_ADVICE = (
    "Install wkhtmltopdf on the Odoo server (Debian/Ubuntu: apt-get install wkhtmltopdf; `make uat` installs it "
    "for the embedded Odoo, docs/setup.md) and restart Odoo."
)

# Debian's and Ubuntu's wkhtmltopdf package is built without Odoo's patched Qt: Odoo then refuses to print several
# records in one PDF (ir_actions_report.py _run_wkhtmltopdf, 18.0 and 19.0) and says so in these words.
UNPATCHED_QT = "unpatched qt"
UNPATCHED_QT_ADVICE = (
    "The Odoo server's wkhtmltopdf is built without patched Qt (as Debian's and Ubuntu's package is): it prints one "
    "record at a time. Select one row per print, or install wkhtmltopdf 0.12.6 with patched Qt on the Odoo server."
)


class Printer:
    """Ask Odoo for a report on the screen shown and catch the file it downloads."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def from_print_menu(self, label: str) -> Download:
        """The report `label` of a list's Print menu (rows selected)."""
        self._expect_pdf_ready(label)
        item = ActionMenus(self.page).item(PRINT, label)
        return self._catch(label, item.click)

    def from_gear(self, label: str) -> Download:
        """The report `label` among the print entries of the form's gear; an unknown one lists those there are."""
        self._expect_pdf_ready(label)
        item = self._gear_item(label)
        return self._catch(label, item.click)

    def from_button(self, button: str, label: str) -> Download:
        """The report a button prints (a header's "Print", a wizard's "Print"); `label` names it in messages."""
        self._expect_pdf_ready(label)
        return self._catch(label, lambda: click_button(self.page, button))

    def from_dialog(self, label: str) -> Download:
        """The report the dialog on top prints with its main button, whatever that button reads.

        A print wizard's button is named differently by version and language (the label layout's "Confirm" on
        18.0, "Print" on 19.0); it is the dialog's primary button in both.
        """
        self._expect_pdf_ready(label)
        dialog = Dialog(self.page).expect_open()
        return self._catch(label, dialog.confirm_button.click)

    def _gear_item(self, label: str) -> Locator:
        """Open the gear and return the print entry `label` (opening the "Print" sub-menu when there is one)."""
        gear = ActionMenus(self.page).open(ACTIONS)
        toggle = gear.locator(GEAR_PRINT_TOGGLE)
        if toggle.count():
            toggle.first.click()
            # Expanded once its sub-menu is open (Dropdown.onOpened, 18.0 and 19.0); until then the last menu is the gear's.
            expect(
                self.page.locator(OPEN_DROPDOWN).locator(f'{GEAR_PRINT_TOGGLE}[aria-expanded="true"]')
            ).to_have_count(1)
            items = self.page.locator(OPEN_DROPDOWN).last.locator(ITEM)
            expect(items.first).to_be_visible()
        else:
            items = gear.locator(GEAR_PRINT_ITEM)
        texts = [" ".join(text.split()) for text in items.all_inner_texts()]
        wanted = normalise_label(label)
        index = next((i for i, text in enumerate(texts) if normalise_label(text) == wanted), None)
        if index is None:
            self.page.keyboard.press("Escape")
            offered = f"It prints: {label_list(texts)}." if texts else "It prints no report."
            raise AssertionError(f'The gear menu of this screen has no report "{label}". {offered}')
        return items.nth(index)

    def _expect_pdf_ready(self, label: str) -> None:
        """Fail before printing when Odoo's server cannot make PDFs (it would show the report as a web page)."""
        state = self.pdf_state()
        if state not in PDF_READY:
            raise AssertionError(
                f'The report "{label}" cannot be printed as a PDF: Odoo says wkhtmltopdf is "{state}" on its server '
                f"(Odoo would show the report as a web page). {WKHTMLTOPDF_ADVICE}"
            )

    def pdf_state(self) -> str:
        """Whether Odoo's server can make PDFs, as the web client asks before printing ("ok", "install"...)."""
        return str(self.page.evaluate(PDF_STATE_JS, WKHTMLTOPDF_CHECK))

    def _catch(self, label: str, click: Callable[[], None]) -> Download:
        """Click, wait for Odoo's answer to the report's download and the file it gives."""
        try:
            with self.page.expect_download(timeout=PRINT_TIMEOUT_MS) as download:
                with self.page.expect_response(_is_report_download, timeout=PRINT_TIMEOUT_MS) as answer:
                    click()
                refused = _refusal(answer.value)
                if refused:
                    raise AssertionError(f'Odoo did not print the report "{label}": {refused}{_advice(refused)}')
        except PlaywrightTimeoutError:
            raise AssertionError(self._no_download(label)) from None
        return download.value

    def _no_download(self, label: str) -> str:
        """Why no file came: Odoo showed the report as a web page, opened a dialog, or said why."""
        said = "; ".join(f'"{message}"' for message in shown_messages(self.page)) or "no message"
        if self.page.locator(REPORT_PAGE).count():
            why = f"Odoo showed it as a web page instead: its server cannot make PDFs. {WKHTMLTOPDF_ADVICE}"
        elif self.page.locator(ACTIVE_DIALOG).count():
            why = "a dialog opened instead (answer it: a wizard's own print button prints)"
        else:
            why = "Odoo was not asked for a report (no download started)"
        return f'The report "{label}" was not printed as a PDF: {why}. Odoo says: {said}.'


def _advice(refused: str) -> str:
    """What to do about Odoo's refusal, when the project knows."""
    if UNPATCHED_QT in refused.casefold():
        return f". {UNPATCHED_QT_ADVICE}"
    return ""


def _is_report_download(response: Response) -> bool:
    return REPORT_DOWNLOAD in response.url and response.request.method == "POST"


def _refusal(response: Response) -> str | None:
    """Odoo's error when /report/download failed (it answers with an HTML page holding the error), else None."""
    disposition = response.headers.get("content-disposition", "")
    if response.ok and ("text/html" not in response.headers.get("content-type", "") or disposition):
        return None
    try:
        body = html.unescape(response.text())
        start = body.find("{")
        error = json.loads(body[start : body.rfind("}") + 1]) if start >= 0 else {}
        data = error.get("data", {}) if isinstance(error, dict) else {}
        return str(data.get("message") or error.get("message") or f"HTTP {response.status}")
    except (ValueError, AttributeError):
        return f"HTTP {response.status}"


def is_pdf(content: bytes) -> bool:
    """Whether a file's content is a PDF."""
    return content.startswith(PDF_MAGIC)


def keep(download: Download, folder: Path, label: str) -> Path:
    """Save the download in `folder` under its own name (numbered when the scenario printed it already); a PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    name = Path(download.suggested_filename or f"{label}.pdf")
    path = folder / name.name
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{name.stem} ({number}){name.suffix}"
    download.save_as(path)
    if not is_pdf(path.read_bytes()):
        raise AssertionError(f'The report "{label}" downloaded {path.name}, which is not a PDF (kept in {path}).')
    return path
