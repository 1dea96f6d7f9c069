"""A one2many (or many2many) list inside a form: add a line, edit a row; every cell set through the widget layer."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from odoo_uat.web.session import FieldInfo
from pages.components.fields import DATA_ROW, FieldRegion, UserLocale
from pages.components.pending_calls import answered

ADD_LINE_CELL = "td.o_field_x2many_list_row_add"
ADD_LINE = f"{ADD_LINE_CELL} a[role=button]"
ROW = f"tr{DATA_ROW}"
SELECTED = "o_selected_row"
EDITED_ROW = f"{ROW}.{SELECTED}"
CELL = "td[name='{name}']"
ROWS_LISTED = 10  # rows quoted in an error message


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
        """The rows whose text contains `text`."""
        return self.rows.filter(has_text=text)

    def edit(self, text: str) -> LineRow:
        """The one row showing `text` (a product's name), to set its cells."""
        row = self.row(text)
        try:
            expect(row).to_have_count(1)
        except AssertionError:
            shown = [
                " | ".join(cell.strip() for cell in line.split("\t") if cell.strip())
                for line in self.rows.all_inner_texts()
            ]
            listed = "; ".join(f'"{line}"' for line in shown[:ROWS_LISTED]) or "no lines"
            raise AssertionError(
                f'The lines should have one row with "{text}" but have {row.count() or "none"}: {listed}.'
            ) from None
        return LineRow(self, row.first, edited=False)
