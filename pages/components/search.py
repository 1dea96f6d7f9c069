"""The search bar of a list or kanban view."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from pages.components.pending_calls import settle, track_calls

SEARCH_INPUT = "input.o_searchview_input"
# 19.0 renders the options as dropdown items, 18.0 as <li class="o_menu_item dropdown-item">.
SEARCH_OPTION = ".o_searchview_autocomplete .o-dropdown-item, .o_searchview_autocomplete li.o_menu_item"
FACET = ".o_searchview_facet"
# Inside an option "Search <b>Customer</b> for: <b class="fst-italic">Acme</b>" (web.SearchBar.QuickSearchItems,
# the same on 18.0 and 19.0; "Search" and "for" are translated, the two bold parts are the field and the text).
OPTION_FIELD = "b:not(.fst-italic)"
OPTION_TEXT = "b.fst-italic"
# The view under the search bar: typing before it is rendered can be lost when the bar re-renders.
VIEW_RENDERED = ".o_action_manager .o_list_renderer, .o_action_manager .o_kanban_renderer"
# A view still loading when the text is typed can re-render the search bar and empty it (seen on 19.0, a
# French user's product kanban): the text is typed again once the web client's calls are answered.
TYPINGS = 3


def exactly(value: str) -> re.Pattern[str]:
    """The whole text `value` (any spacing and case), as a bold part of an option shows it."""
    return re.compile(r"^\s*" + r"\s+".join(re.escape(word) for word in value.split()) + r"\s*$", re.IGNORECASE)


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
        track_calls(self.page)
        for _ in range(TYPINGS):
            self.input.fill(text)
            settle(self.page)
            if self.input.input_value() == text:
                break
        expect(self.input).to_have_value(text)

    def search(self, text: str) -> None:
        """Search the default field for `text`."""
        self._type(text)
        # The first option, as Enter would take it, once the search bar shows options for this very text: it reads
        # the query asynchronously, and an Enter pressed on options still shown for an earlier text, or while they
        # re-render, only reloaded the view with no facet (seen once in a 19.0 soak, a second soak beside it).
        self._option_for(text).first.click()
        expect(self._facet(text).first).to_be_visible()

    def _option_for(self, text: str) -> Locator:
        """The options that search some field for exactly `text`, in the order the search bar shows them."""
        return self.page.locator(SEARCH_OPTION).filter(has=self.page.locator(OPTION_TEXT, has_text=exactly(text)))

    def search_field(self, field: str, text: str) -> None:
        """Search the field `field` (as the search options name it) for `text`."""
        self._type(text)
        options = self.page.locator(SEARCH_OPTION)
        option = self._option_for(text).filter(has=self.page.locator(OPTION_FIELD, has_text=exactly(field)))
        try:
            expect(option.first).to_be_visible()
        except AssertionError:
            names = [" ".join(name.split()) for name in options.locator(OPTION_FIELD).all_inner_texts()]
            raise AssertionError(
                f'The search has no option "Search {field} for: {text}". It can search: '
                f"{', '.join(names) or 'nothing'}."
            ) from None
        option.first.click()
        expect(self._facet(text).first).to_be_visible()
