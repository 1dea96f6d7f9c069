"""The list view of the current action: its rows, counting them, opening one."""
from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from pages.components.form import MAIN_FORM

MAIN_LIST = ".o_action_manager .o_list_view"
ROW = ".o_data_row"
CELL = "td.o_data_cell"
ROWS_LISTED = 10  # rows quoted in an error message


class ListView:
    """The main list on screen (not a form's one2many list)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.root: Locator = page.locator(MAIN_LIST).first
        self.rows: Locator = self.root.locator(ROW)

    def row_texts(self) -> list[str]:
        """The rows' texts, one line each (for messages)."""
        return [" | ".join(part for part in (" ".join(cell.split()) for cell in text.split("\t")) if part)
                for text in self.rows.all_inner_texts()]

    def _rows_listed(self) -> str:
        texts = self.row_texts()
        more = f" (and {len(texts) - ROWS_LISTED} more)" if len(texts) > ROWS_LISTED else ""
        return "; ".join(f'"{text}"' for text in texts[:ROWS_LISTED]) + more or "no rows"

    def expect_count(self, count: int) -> None:
        """Wait until the list shows `count` rows."""
        expect(self.root).to_be_visible()
        try:
            expect(self.rows).to_have_count(count)
        except AssertionError:
            shown = self.rows.count()
            raise AssertionError(
                f"The list should show {count} record(s) but shows {shown}: {self._rows_listed()}.") from None

    def open(self, text: str) -> None:
        """Open the one row whose text contains `text` (case-insensitive), and wait for its form."""
        expect(self.root).to_be_visible()
        matching = self.rows.filter(has_text=text)
        try:
            expect(matching).to_have_count(1)
        except AssertionError:
            found = matching.count()
            raise AssertionError(
                f'The list should have one row with "{text}" but has {found or "none"}. '
                f"Its rows: {self._rows_listed()}.") from None
        row = matching.first
        # Click the cell that shows the text, as a person would: other cells may hold widgets (a priority star).
        cells = row.locator(CELL).filter(has_text=text)
        (cells.first if cells.count() else row.locator(CELL).last).click()
        expect(self.page.locator(MAIN_FORM)).to_be_visible()
