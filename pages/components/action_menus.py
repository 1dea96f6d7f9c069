"""The control panel's Actions (gear) and Print menus of a list: choose an item by its label; a report's download."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Download, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from pages.components.hover import clear_hover
from pages.components.labels import label_list, normalise_label
from pages.components.menu import OPEN_DROPDOWN
from pages.components.messages import shown_messages
from pages.components.pending_calls import answered

# The menus' toggles (web.ActionMenus and web.CogMenu, 18.0 and 19.0): a gear, shown with or without a selection
# ("Actions"); a printer, shown once rows are selected, its title the action's "Print".
MENUS = ".o_action_manager .o_control_panel .o_cp_action_menus"
ACTIONS_TOGGLE = f"{MENUS} button:has(.fa-cog)"
PRINT_TOGGLE = f"{MENUS} button:has(.fa-print)"
ITEM = ".dropdown-item"
# A PDF starts with these bytes; Odoo without wkhtmltopdf shows the report as a web page instead (in an iframe).
PDF_MAGIC = b"%PDF-"
REPORT_PAGE = ".o_action_manager iframe.o_report_iframe, .o_action_manager .o_report_iframe"
WKHTMLTOPDF_CHECK = "/report/check_wkhtmltopdf"
PDF_READY = ("ok", "upgrade")  # the states in which the web client downloads a PDF (reports/utils.js)


@dataclass(frozen=True)
class Menu:
    """One of the control panel's menus: its toggle, its name in messages, and what to do when it is missing."""

    toggle: str
    name: str
    missing: str


ACTIONS = Menu(ACTIONS_TOGGLE, "Actions", "This screen has no Actions menu (the gear in the control panel).")
PRINT = Menu(
    PRINT_TOGGLE,
    "Print",
    "This screen shows no Print menu: it shows once rows are selected "
    '(When I select the rows showing "...", or When I select all the rows), when the list has reports.',
)


def is_pdf(content: bytes) -> bool:
    """Whether a file's content is a PDF."""
    return content.startswith(PDF_MAGIC)


class ActionMenus:
    """The control panel's Actions and Print menus."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def _open(self, menu: Menu) -> Locator:
        """Open the menu and return its dropdown."""
        toggle = self.page.locator(menu.toggle).filter(visible=True)
        try:
            expect(toggle.first).to_be_visible()
        except AssertionError:
            raise AssertionError(menu.missing) from None
        clear_hover(self.page)
        toggle.first.click()
        dropdown = self.page.locator(OPEN_DROPDOWN).last
        expect(dropdown.locator(ITEM).first).to_be_visible()
        return dropdown

    def item(self, menu: Menu, label: str) -> Locator:
        """Open the menu and return its item `label`; an unknown label lists the items."""
        dropdown = self._open(menu)
        items = dropdown.locator(ITEM)
        texts = [" ".join(text.split()) for text in items.all_inner_texts()]
        wanted = normalise_label(label)
        index = next((i for i, text in enumerate(texts) if normalise_label(text) == wanted), None)
        if index is None:
            self.page.keyboard.press("Escape")
            raise AssertionError(f'The {menu.name} menu has no "{label}". It has: {label_list(texts)}.')
        return items.nth(index)

    def choose(self, label: str) -> None:
        """Choose `label` in the Actions menu, and wait until Odoo has answered (a dialog or a reloaded list)."""
        item = self.item(ACTIONS, label)
        with answered(self.page):
            item.click()
        expect(self.page.locator(OPEN_DROPDOWN)).to_have_count(0)

    def print(self, label: str, folder: Path) -> Path:
        """Choose the report `label` in the Print menu, wait for its download and keep it in `folder`; a PDF."""
        state = self.pdf_state()
        if state not in PDF_READY:
            raise AssertionError(
                f'The report "{label}" cannot be printed as a PDF: Odoo\'s server cannot make PDFs (its wkhtmltopdf '
                f'state is "{state}"; Odoo would show the report as a web page). Install wkhtmltopdf on the Odoo '
                "server and restart it."
            )
        item = self.item(PRINT, label)
        try:
            with self.page.expect_download() as download:
                item.click()
        except PlaywrightTimeoutError:
            raise AssertionError(self._no_download(label)) from None
        return self._keep(download.value, folder, label)

    def pdf_state(self) -> str:
        """Whether Odoo's server can make PDFs, as the web client asks before printing ("ok", "install"...)."""
        answer = self.page.request.post(WKHTMLTOPDF_CHECK, data={"jsonrpc": "2.0", "method": "call", "params": {}})
        return str(answer.json().get("result"))

    def _no_download(self, label: str) -> str:
        """Why no file came: Odoo showed the report as a web page (no wkhtmltopdf on its server), or said why."""
        said = "; ".join(f'"{message}"' for message in shown_messages(self.page)) or "no message"
        shown_as_page = self.page.locator(REPORT_PAGE).count() > 0
        why = (
            "Odoo showed it as a web page instead: its server cannot make PDFs (install wkhtmltopdf on the "
            "Odoo server and restart it)"
            if shown_as_page
            else "no file was downloaded"
        )
        return f'The report "{label}" was not printed as a PDF: {why}. Odoo says: {said}.'

    @staticmethod
    def _keep(download: Download, folder: Path, label: str) -> Path:
        """Save the download in `folder` under its own name and check it is a PDF."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (download.suggested_filename or f"{label}.pdf")
        download.save_as(path)
        if not is_pdf(path.read_bytes()):
            raise AssertionError(f'The report "{label}" downloaded {path.name}, which is not a PDF (kept in {path}).')
        return path
