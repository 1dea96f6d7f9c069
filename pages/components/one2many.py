"""A one2many (or many2many) list inside a form: add a line, edit a row; every cell set through the widget layer."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from odoo_uat.web.session import FieldInfo
from pages.components.fields import DATA_ROW, FieldRegion, UserLocale
from pages.components.labels import FIELD_WIDGET
from pages.components.pending_calls import answered

# A form's list of lines: the field's widget holding an x2many list. Every x2many widget renders its list in
# X2ManyField's `div.o_field_x2many.o_field_x2many_list` (x2many_field.js, 18.0 and 19.0); the widget's own class
# is `o_field_<widget>`, and 19.0's stock_move_one2many (a transfer's Operations) no longer adds o_field_one2many.
LINE_LIST = f"{FIELD_WIDGET}[name]:has(> .o_field_x2many_list)"
ADD_LINE_CELL = "td.o_field_x2many_list_row_add"
ADD_LINE = f"{ADD_LINE_CELL} a[role=button]"
ROW = f"tr{DATA_ROW}"
SELECTED = "o_selected_row"
EDITED_ROW = f"{ROW}.{SELECTED}"
CELL = "td[name='{name}']"
ROWS_LISTED = 10  # rows quoted in an error message
REMOVE_ROW = "td.o_list_record_remove"  # an editable list's delete cell (web list_renderer.xml, 18.0 and 19.0)
# A transfer's operation line's button to its "Detailed Operations" dialog (shown for tracked products): 18.0 adds
# an icon button (fa-list, no text) named "Open Move" to each row (stock_move_one2many.xml); 19.0 has the row's
# "Details" button (stock_picking_views.xml, action_show_details).
ROW_DETAILS = "button[name='Open Move'], button[name=action_show_details]"
ROW_BUTTON = "button"
# A row's cells as a person reads them: a cell being edited shows its input's value, not text.
ROW_TEXT_JS = """row => [...row.cells].map(cell => {
  const input = cell.querySelector('input:not([type=checkbox]):not([type=radio]), textarea');
  return input ? input.value : cell.innerText;
})"""
ROWS_TEXT_JS = f"rows => rows.map({ROW_TEXT_JS})"
# A row's buttons by the name a person reads: their text, else their tooltip (a "Details" icon button).
BUTTON_NAMES_JS = (
    "els => els.map(el => el.innerText || el.getAttribute('aria-label') || el.getAttribute('title') || '')"
)


class LineRow(FieldRegion):
    """One row of a list of lines; its cells are set by field name (`row.set("product_qty", 5)`).

    A row that is not being edited yet is clicked in the cell of the first field set, as a person does.
    """

    def __init__(self, lines: One2ManyLines, row: Locator, edited: bool) -> None:
        self.lines = lines
        self.row = row
        self.edited = edited
        self.fields = lines.fields
        self.locale = lines.locale

    @property
    def root(self) -> Locator:  # type: ignore[override]
        """The row's element (once edited, the row shows inputs rather than its text: the selected row)."""
        return self.lines.field.locator(EDITED_ROW) if self.edited else self.row

    def widget_root(self, name: str) -> Locator:
        """The widget of field `name` in this row, the row put in edition first."""
        if not self.edited:
            self.row.locator(CELL.format(name=name)).click()
            expect(self.lines.field.locator(EDITED_ROW)).to_be_visible()
            self.edited = True
        return super().widget_root(name)


class One2ManyLines:
    """The lines of one x2many field: add a line, edit the row showing a text."""

    def __init__(
        self, field: Locator, fields: dict[str, FieldInfo] | None = None, locale: UserLocale | None = None
    ) -> None:
        self.field = field
        self.fields = fields or {}
        self.locale = locale or UserLocale()

    @property
    def rows(self) -> Locator:
        """All data rows."""
        return self.field.locator(ROW)

    def add(self, link_text: str | None = None) -> Locator:
        """Click an 'add a line' link (the first, or the one with this text); returns the edited row."""
        links = self.field.locator(ADD_LINE)
        # The row edited before has its answers first: it is left, and the new one selected.
        with answered(self.field.page):
            before = self.rows.count()
            (links.filter(has_text=link_text) if link_text else links).first.click()
        expect(self.rows).to_have_count(before + 1)
        row = self.field.locator(EDITED_ROW)
        expect(row).to_be_visible()
        return row

    def add_row(self, link_text: str | None = None) -> LineRow:
        """Add a line (through the 'add' link with this text, or the first) and return it to set its cells."""
        self.add(link_text)
        return LineRow(self, self.field.locator(EDITED_ROW), edited=True)

    def row(self, text: str) -> Locator:
        """The rows whose text contains `text` (the row being edited: whose inputs hold it)."""
        shown = self.rows.filter(has_text=text)
        edited = self.field.locator(EDITED_ROW)
        if edited.count() and text.casefold() in " ".join(edited.first.evaluate(ROW_TEXT_JS)).casefold():
            return shown.or_(edited)
        return shown

    def row_texts(self) -> list[str]:
        """The rows' texts, one line each, cells joined by " | " (for messages)."""
        return [
            " | ".join(" ".join(cell.split()) for cell in cells if cell.strip())
            for cells in self.rows.evaluate_all(ROWS_TEXT_JS)
        ]

    def listed(self) -> str:
        """The rows shown, quoted, for an error message."""
        shown = self.row_texts()
        more = f" (and {len(shown) - ROWS_LISTED} more)" if len(shown) > ROWS_LISTED else ""
        return "; ".join(f'"{line}"' for line in shown[:ROWS_LISTED]) + more or "no lines"

    def one_row(self, text: str) -> Locator:
        """The one row showing `text`; else an error listing the rows shown."""
        row = self.row(text)
        try:
            expect(row).to_have_count(1)
        except AssertionError:
            raise AssertionError(
                f'The lines should have one row with "{text}" but have {row.count() or "none"}: {self.listed()}.'
            ) from None
        return row.first

    def edit(self, text: str) -> LineRow:
        """The one row showing `text` (a product's name), to set its cells."""
        return LineRow(self, self.one_row(text), edited=False)

    def remove(self, index: int) -> None:
        """Delete the row at this position (0 first), and wait until it is gone."""
        before = self.rows.count()
        with answered(self.field.page):
            self.rows.nth(index).locator(REMOVE_ROW).click()
        expect(self.rows).to_have_count(before - 1)

    def open_details(self, text: str) -> bool:
        """Click the details button of the one row showing `text` and wait for Odoo's answer; False without one."""
        button = self.one_row(text).locator(ROW_DETAILS)
        if not button.count():
            return False
        with answered(self.field.page):
            button.first.click()
        return True

    def click(self, text: str, button: re.Pattern[str], label: str) -> None:
        """Click the button named `button` in the one row showing `text`, and wait for Odoo's answer."""
        row = self.one_row(text)
        found = row.get_by_role("button", name=button)
        if not found.count():
            names = [name.strip() for name in row.locator(ROW_BUTTON).evaluate_all(BUTTON_NAMES_JS) if name.strip()]
            listed = ", ".join(f'"{name}"' for name in dict.fromkeys(names)) or "none"
            raise AssertionError(f'The line "{text}" has no button "{label}". Its buttons: {listed}.')
        with answered(self.field.page):
            found.first.click()
