"""A one2many list inside a form (order lines, move lines)."""
from __future__ import annotations

from playwright.sync_api import Locator, expect

ADD_LINE = "td.o_field_x2many_list_row_add a[role=button]"
ROW = "tr.o_data_row"
EDITED_ROW = "tr.o_data_row.o_selected_row"


class One2ManyLines:
    """The lines of one x2many field: add a line, edit the selected one, find a row by text."""

    def __init__(self, field: Locator) -> None:
        self.field = field

    def add(self, link_text: str | None = None) -> Locator:
        """Click an 'add a line' link (the first, or the one with this text); returns the edited row."""
        before = self.rows.count()
        links = self.field.locator(ADD_LINE)
        (links.filter(has_text=link_text) if link_text else links).first.click()
        # The row being edited stays selected until Odoo has taken its last change; the new
        # row is only there (and selected) once the list has one row more.
        expect(self.rows).to_have_count(before + 1)
        row = self.field.locator(EDITED_ROW)
        expect(row).to_be_visible()
        return row

    def row(self, text: str) -> Locator:
        """The one row whose text contains `text`."""
        return self.field.locator(ROW).filter(has_text=text)

    @property
    def rows(self) -> Locator:
        """All data rows."""
        return self.field.locator(ROW)

    @staticmethod
    def cell(row: Locator, field_name: str) -> Locator:
        """A row's cell for a field."""
        return row.locator(f"td[name={field_name}]")
