"""A many2one field: type, then pick the matching suggestion."""
from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

INPUT = "input.o-autocomplete--input"
SUGGESTION = "ul.o-autocomplete--dropdown-menu li.o-autocomplete--dropdown-item"


def suggestion(page: Page, text: str) -> Locator:
    """The autocomplete suggestion whose whole text is `text` (or ends with it, after a [code])."""
    # 19.0 highlights the typed part in a <span>, so match the item's whole text.
    whole = re.compile(rf"^\s*(\[[^\]]*\]\s*)?{re.escape(text)}\s*$")
    return page.locator(SUGGESTION).filter(has_text=whole).first


def suggestions(page: Page) -> list[str]:
    """The texts of the suggestions shown (for error messages)."""
    return [" ".join(text.split()) for text in page.locator(SUGGESTION).all_inner_texts()]


class Many2One:
    """The autocomplete of a many2one field (19.0 wraps it in one more div; the selectors hold for both)."""

    def __init__(self, field: Locator) -> None:
        self.field = field
        self.input = field.locator(INPUT).first

    def select(self, text: str) -> None:
        """Type `text` and choose the suggestion whose whole text is it (or ends with it, after a [code])."""
        self.input.click()
        self.input.fill(text)
        choice = suggestion(self.field.page, text)
        expect(choice).to_be_visible()
        choice.click()
        expect(self.input).to_have_value(re.compile(re.escape(text)))
