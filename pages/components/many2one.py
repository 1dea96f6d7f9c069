"""A many2one field: type, then pick the matching suggestion."""
from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

INPUT = "input.o-autocomplete--input"
SUGGESTION = "ul.o-autocomplete--dropdown-menu li.o-autocomplete--dropdown-item"


class Many2One:
    """The autocomplete of a many2one field (19.0 wraps it in one more div; the selectors hold for both)."""

    def __init__(self, field: Locator) -> None:
        self.field = field
        self.input = field.locator(INPUT).first

    def select(self, text: str) -> None:
        """Type `text` and choose the suggestion whose whole text is it (or ends with it, after a [code])."""
        self.input.click()
        self.input.fill(text)
        # 19.0 highlights the typed part in a <span>, so match the item's whole text.
        whole = re.compile(rf"^\s*(\[[^\]]*\]\s*)?{re.escape(text)}\s*$")
        suggestion = self.field.page.locator(SUGGESTION).filter(has_text=whole).first
        expect(suggestion).to_be_visible()
        suggestion.click()
        expect(self.input).to_have_value(re.compile(re.escape(text)))
