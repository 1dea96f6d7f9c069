"""A form view: fields, save, and the record it shows."""
from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from pages.components.many2one import Many2One
from pages.components.one2many import One2ManyLines
from pages.components.statusbar import StatusBar

MAIN_FORM = ".o_action_manager .o_form_view"
SAVE = ".o_form_status_indicator button.o_form_button_save"
RECORD_ID_IN_URL = re.compile(r"/(\d+)(?:[/?#]|$)")


class FormView:
    """The main form of the current action (a dialog's form is not this one)."""

    def __init__(self, page: Page, root: Locator | None = None) -> None:
        self.page = page
        self.root = root if root is not None else page.locator(MAIN_FORM).first
        self.statusbar = StatusBar(self.root)

    def field(self, name: str) -> Locator:
        """The widget of field `name`."""
        return self.root.locator(f".o_field_widget[name={name}]").first

    def many2one(self, name: str) -> Many2One:
        """The many2one widget of field `name`."""
        return Many2One(self.field(name))

    def lines(self, name: str) -> One2ManyLines:
        """The one2many/many2many list of field `name`."""
        return One2ManyLines(self.field(name))

    def save(self) -> None:
        """Save, and wait until the form no longer has unsaved changes."""
        save = self.page.locator(SAVE)
        if save.is_visible():
            save.click()
        expect(save).to_be_hidden()

    def record_id(self) -> int:
        """The id of the saved record shown (read from the URL, e.g. /odoo/sales/42)."""
        expect(self.page).to_have_url(RECORD_ID_IN_URL)
        return int(RECORD_ID_IN_URL.findall(self.page.url)[-1])
