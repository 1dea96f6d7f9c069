"""A form view: fields, save, and the record it shows."""
from __future__ import annotations

import re
from typing import ClassVar

from playwright.sync_api import Locator, Page, expect

from pages.components.many2one import Many2One
from pages.components.one2many import One2ManyLines
from pages.components.statusbar import StatusBar
from pages.navigation import open_action

MAIN_FORM = ".o_action_manager .o_form_view"
SAVE = ".o_form_status_indicator button.o_form_button_save"
RECORD_ID_IN_URL = re.compile(r"/(\d+)(?:[/?#]|$)")


class FormView:
    """The main form of the current action (a dialog's form is not this one).

    A business screen sets ACTION (the window action's XML id) and READY_FIELD (a field shown
    once the form is loaded) and gets `new(page)` and `open(page, record_id)`.
    """

    ACTION: ClassVar[str] = ""
    READY_FIELD: ClassVar[str] = ""

    def __init__(self, page: Page, root: Locator | None = None) -> None:
        self.page = page
        self.root = root if root is not None else page.locator(MAIN_FORM).first
        self.statusbar = StatusBar(self.root)

    @classmethod
    def new(cls, page: Page):
        """Open the screen's form for a new record."""
        return cls._load(page, "new")

    @classmethod
    def open(cls, page: Page, record_id: int):
        """Open an existing record in the screen's form."""
        return cls._load(page, record_id)

    @classmethod
    def _load(cls, page: Page, record: int | str):
        open_action(page, cls.ACTION, record)
        form = cls(page)
        expect(form.field(cls.READY_FIELD) if cls.READY_FIELD else form.statusbar.root).to_be_visible()
        return form

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
            # A widget may have saved the record meanwhile (a priority star autosaves) and hidden the button:
            # a click event needs no visible button, and saving a clean record does nothing.
            save.dispatch_event("click")
        expect(save).to_be_hidden()

    def record_id(self) -> int:
        """The id of the saved record shown (read from the URL, e.g. /odoo/sales/42)."""
        expect(self.page).to_have_url(RECORD_ID_IN_URL)
        return int(RECORD_ID_IN_URL.findall(self.page.url)[-1])
