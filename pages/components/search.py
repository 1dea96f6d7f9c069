"""The search bar of a list or kanban view."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect

SEARCH_INPUT = "input.o_searchview_input"
# 19.0 renders the options as dropdown items, 18.0 as <li class="o_menu_item dropdown-item">.
SEARCH_OPTION = ".o_searchview_autocomplete .o-dropdown-item, .o_searchview_autocomplete li.o_menu_item"
FACET = ".o_searchview_facet"
# The view under the search bar: typing before it is rendered can be lost when the bar re-renders.
VIEW_RENDERED = ".o_action_manager .o_list_renderer, .o_action_manager .o_kanban_renderer"


def option_pattern(field: str, text: str) -> re.Pattern[str]:
    """The option 'Search <field> for: <text>' (any spacing and case)."""
    words = lambda value: r"\s+".join(re.escape(word) for word in value.split())
    return re.compile(rf"^\s*Search\s+{words(field)}\s+for:?\s*{words(text)}\s*$", re.IGNORECASE)


class SearchBar:
    """Type in the search box; Enter searches the view's first field, an option searches another."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.input = page.locator(SEARCH_INPUT).first

    def _facet(self, text: str):
        return self.page.locator(FACET).filter(has_text=text)

    def _type(self, text: str) -> None:
        """Type into the search box once the view is rendered."""
        expect(self.page.locator(VIEW_RENDERED).first).to_be_visible()
        self.input.fill(text)
        expect(self.input).to_have_value(text)

    def search(self, text: str) -> None:
        """Search the default field for `text`."""
        self._type(text)
        self.input.press("Enter")
        expect(self._facet(text).first).to_be_visible()

    def search_field(self, field: str, text: str) -> None:
        """Search the field `field` (as the search options name it) for `text`."""
        self._type(text)
        options = self.page.locator(SEARCH_OPTION)
        option = options.filter(has_text=option_pattern(field, text))
        try:
            expect(option.first).to_be_visible()
        except AssertionError:
            offered = [" ".join(t.split()) for t in options.all_inner_texts()]
            names = [m.group(1) for m in (re.match(r"Search (.+?) for:", t) for t in offered) if m]
            raise AssertionError(
                f'The search has no option "Search {field} for: {text}". It can search: '
                f'{", ".join(names) or "nothing"}.') from None
        option.first.click()
        expect(self._facet(text).first).to_be_visible()
