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

    def select(self, text: str, search: str | None = None) -> None:
        """Type `search` (default: `text`) and choose the suggestion whose whole text is `text`.

        A leading "[reference] " is allowed, as products show it. `search` is for records whose shown
        name is not searchable as a whole ("My Company: Internal Transfers").
        """
        # Typed without a click first: a click opens the unfiltered list at once, whose item could be
        # picked before the typed search answers; that answer then reopens the list over the fields below.
        self.input.fill(search or text)
        choice = suggestion(self.field.page, text)
        expect(choice).to_be_visible()
        choice.click()
        expect(self.input).to_have_value(re.compile(re.escape(text)))
        expect(self.field.page.locator(SUGGESTION)).to_have_count(0)
