"""The records view of the current action, list or kanban: its rows or cards, counting them, opening one."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from odoo_uat.outcome.readings import note
from pages.components.fields import DATA_CELL, DATA_ROW
from pages.components.form import MAIN_FORM
from pages.components.hover import clear_hover
from pages.components.views import MAIN_KANBAN, MAIN_LIST

ROW = DATA_ROW
CELL = DATA_CELL
# Cards; ghost cards only fill the last line of the grid (18.0 and 19.0).
CARD = ".o_kanban_record:not(.o_kanban_ghost)"
ROWS_LISTED = 10  # rows quoted in an error message


class ListView:
    """The main list on screen (not a form's one2many list)."""

    ROOT = MAIN_LIST
    ITEM = ROW
    WHAT = "list"
    ITEMS = "rows"

    def __init__(self, page: Page) -> None:
        self.page = page
        self.root: Locator = page.locator(self.ROOT).first
        self.rows: Locator = self.root.locator(self.ITEM)

    def row_texts(self) -> list[str]:
        """The rows' texts, one line each (for messages)."""
        return [
            " | ".join(part for part in (" ".join(cell.split()) for cell in text.split("\t")) if part)
            for text in self.rows.all_inner_texts()
        ]

    def _rows_listed(self) -> str:
        texts = self.row_texts()
        more = f" (and {len(texts) - ROWS_LISTED} more)" if len(texts) > ROWS_LISTED else ""
        return "; ".join(f'"{text}"' for text in texts[:ROWS_LISTED]) + more or f"no {self.ITEMS}"

    def expect_count(self, count: int) -> None:
        """Wait until the view shows `count` rows (cards)."""
        expect(self.root).to_be_visible()
        try:
            expect(self.rows).to_have_count(count)
            note("records", count)  # what the view shows: the count it was waited for
        except AssertionError:
            shown = note("records", self.rows.count())
            raise AssertionError(
                f"The {self.WHAT} should show {count} record(s) but shows {shown}: {self._rows_listed()}."
            ) from None

    def _one(self, text: str) -> Locator:
        """The one row (card) whose text contains `text`."""
        expect(self.root).to_be_visible()
        matching = self.rows.filter(has_text=text)
        try:
            expect(matching).to_have_count(1)
        except AssertionError:
            found = matching.count()
            raise AssertionError(
                f'The {self.WHAT} should have one {self.ITEMS[:-1]} with "{text}" but has {found or "none"}. '
                f"Its {self.ITEMS}: {self._rows_listed()}."
            ) from None
        return matching.first

    def _target(self, item: Locator, text: str) -> Locator:
        # The cell that shows the text, as a person would click: other cells may hold widgets (a priority star).
        cells = item.locator(CELL).filter(has_text=text)
        return cells.first if cells.count() else item.locator(CELL).last

    def open(self, text: str) -> None:
        """Open the one row (card) whose text contains `text` (case-insensitive), and wait for its form."""
        target = self._target(self._one(text), text)
        clear_hover(self.page)
        target.click()
        expect(self.page.locator(MAIN_FORM)).to_be_visible()


class KanbanView(ListView):
    """The main kanban on screen: its cards stand for the list's rows."""

    ROOT = MAIN_KANBAN
    ITEM = CARD
    WHAT = "kanban view"
    ITEMS = "cards"

    def row_texts(self) -> list[str]:
        """The cards' texts, one line each (for messages)."""
        return [
            " | ".join(line.strip() for line in text.splitlines() if line.strip())
            for text in self.rows.all_inner_texts()
        ]

    def _target(self, item: Locator, text: str) -> Locator:
        # The card's title (the text itself), not a widget on the card (tags, stars, activities).
        title = item.get_by_text(text).filter(visible=True)
        return title.first if title.count() else item


def records_view(page: Page) -> ListView:
    """The list or kanban view on screen, whichever the current action shows."""
    shown = page.locator(MAIN_LIST).or_(page.locator(MAIN_KANBAN)).first
    try:
        expect(shown).to_be_visible()
    except AssertionError:
        raise AssertionError(
            'No list or kanban view is on screen: open a menu that lists records first (When I open "...").'
        ) from None
    return KanbanView(page) if page.locator(MAIN_KANBAN).first.is_visible() else ListView(page)
