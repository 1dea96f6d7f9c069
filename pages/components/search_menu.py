"""The search bar's dropdown: its Filters, Group By and Favorites, by the labels shown in the user's language."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from pages.components.labels import label_list, normalise_label
from pages.components.pending_calls import answered
from pages.components.search import VIEW_RENDERED

# The dropdown toggled from the search bar, its three columns and their items (web.SearchBarMenu,
# search_bar_menu.xml; the same classes on 18.0 and 19.0).
TOGGLER = ".o_control_panel .o_searchview_dropdown_toggler"
MENU = ".o_search_bar_menu"
FILTERS = ".o_filter_menu"
GROUP_BY = ".o_group_by_menu"
FAVORITES = ".o_favorite_menu"
# An item is a CheckboxItem (aria-checked says whether it is on) or, for a date field, an AccordionItem whose
# options (Year, Q1, December...) are CheckboxItems too, shown once it is open (accordion_item.xml, both).
CHECKBOX_ROLE = "menuitemcheckbox"
CHECKBOX = f"[role={CHECKBOX_ROLE}]"
ACCORDION = ".o_accordion"
ACCORDION_TOGGLE = ".o_accordion_toggle"
ACCORDION_VALUES = ".o_accordion_values"
OPTION = ".o_item_option"
# The items a person picks from, in screen order: not the options of a date item, nor "Save current search".
ITEMS = f"{CHECKBOX}:not({OPTION}), {ACCORDION_TOGGLE}:not(.o_add_favorite)"
# Group By ends with a <select> of every groupable field ("Add Custom Group" on 18.0, "Custom Group" on 19.0).
CUSTOM_GROUP = "select.o_add_custom_group_menu"
CUSTOM_GROUP_OPTIONS_JS = "select => [...select.options].filter(o => o.value).map(o => [o.text, o.value])"
# 19.0 shows the first three shared favourites and a "More..." item for the rest (search_bar_menu.js).
MORE_FAVORITES = ".o_expand_shared_favorites"
# "Save current search" (web.CustomFavoriteItem): an accordion holding the name input and the Save button.
SAVE_FAVORITE_TOGGLE = ".o_add_favorite"
SAVE_FAVORITE_INPUT = "input[type=text]"
SAVE_FAVORITE_BUTTON = ".o_save_favorite"
FACET = ".o_searchview_facet"
CHECKED = "true"
OPTION_SEPARATOR = re.compile(r"\s+/\s+")
COLUMN_NAMES = {FILTERS: "Filters", GROUP_BY: "Group By", FAVORITES: "Favorites"}


class UnknownSearchItem(LookupError):
    """The search menu has no item with the label a scenario gave."""


@dataclass(frozen=True)
class ItemPath:
    """What a scenario asks for in a column: an item ("Archived"), or an item and an option ("Order Date / 2026")."""

    item: str
    option: str | None = None


def item_paths(label: str) -> list[ItemPath]:
    """The readings of `label`: the whole label first, then "item / option" when it holds a " / "."""
    readings = [ItemPath(label.strip())]
    parts = OPTION_SEPARATOR.split(label.strip(), maxsplit=1)
    if len(parts) == 2 and all(parts):
        readings.append(ItemPath(parts[0], parts[1]))
    return readings


def find_label(label: str, texts: Sequence[str]) -> int | None:
    """The index of the text that reads as `label` (any case and spacing, a trailing ? or : left out), or None."""
    wanted = normalise_label(label)
    return next((i for i, text in enumerate(texts) if normalise_label(text) == wanted), None)


def _texts(items: Locator) -> list[str]:
    return [" ".join(text.split()) for text in items.all_inner_texts()]


class SearchMenu:
    """The search bar's dropdown of the current list or kanban: turn filters, groupings and favourites on."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.menu = page.locator(MENU)

    # -- the dropdown -------------------------------------------------------------------------------

    def _open(self) -> None:
        expect(self.page.locator(VIEW_RENDERED).first).to_be_visible()
        if not self.menu.is_visible():
            toggler = self.page.locator(TOGGLER).first
            try:
                expect(toggler).to_be_visible()
            except AssertionError:
                raise AssertionError(
                    "This screen has no search menu (Filters, Group By, Favorites): open a list or kanban first."
                ) from None
            toggler.click()
        expect(self.menu).to_be_visible()

    def _close(self) -> None:
        if self.menu.is_visible():
            self.page.locator(TOGGLER).first.click()
        expect(self.menu).to_be_hidden()

    def _column(self, column: str) -> Locator:
        section = self.menu.locator(column)
        try:
            expect(section).to_be_visible()
        except AssertionError:
            raise AssertionError(f"This view's search menu has no {COLUMN_NAMES[column]}.") from None
        return section

    # -- what a person does ---------------------------------------------------------------------------

    def filter(self, label: str) -> None:
        """Turn on the filter with this label ("Archived", or "Order Date / 2026" for a date's option)."""
        self._turn_on(FILTERS, label)

    def group_by(self, label: str) -> None:
        """Group by this Group By item, a date's option ("Order Date / Month"), or any field of the custom group."""
        self._turn_on(GROUP_BY, label, self._custom_group)

    def apply_favorite(self, name: str) -> None:
        """Apply the saved favourite of this name."""
        self._turn_on(FAVORITES, name, self._more_favorites)

    def save_favorite(self, name: str) -> None:
        """Save the current search as a favourite of the user, under this name."""
        self._open()
        column = self._column(FAVORITES)
        toggle = column.locator(SAVE_FAVORITE_TOGGLE)
        if toggle.get_attribute("aria-expanded") != CHECKED:
            toggle.click()
        name_input = column.locator(f"{ACCORDION}:has({SAVE_FAVORITE_TOGGLE}) {SAVE_FAVORITE_INPUT}")
        name_input.fill(name)
        expect(name_input).to_have_value(name)
        with answered(self.page):
            column.locator(SAVE_FAVORITE_BUTTON).click()
        # Odoo applies the new favourite at once: its facet replaces the search's facets.
        expect(self.page.locator(FACET).filter(has_text=name).first).to_be_visible()
        self._close()

    # -- finding and checking items ---------------------------------------------------------------------

    def _turn_on(self, column: str, label: str, fallback: Callable[[Locator, str], bool] | None = None) -> None:
        self._open()
        section = self._column(column)
        for reading in item_paths(label):
            items = section.locator(ITEMS)
            index = find_label(reading.item, _texts(items))
            if index is not None:
                self._check(items.nth(index), reading, label)
                self._close()
                return
        if fallback is not None and fallback(section, label):
            self._close()
            return
        offered = label_list(_texts(section.locator(ITEMS)))
        fields = self._custom_fields(section)
        self._close()
        custom = f"; and any field of its custom group: {label_list(fields)}" if fields else ""
        raise UnknownSearchItem(
            f'The search menu has no "{label}" under {COLUMN_NAMES[column]}. It offers: {offered}{custom}.'
        )

    def _check(self, item: Locator, reading: ItemPath, label: str) -> None:
        """Turn the item (or its option) on; one already on is left on."""
        if item.get_attribute("role") == CHECKBOX_ROLE:
            if reading.option is not None:
                raise UnknownSearchItem(f'"{reading.item}" has no options: write "{reading.item}" alone.')
            self._tick(item)
            return
        # A date item: its options are shown once the accordion is open.
        if item.get_attribute("aria-expanded") != CHECKED:
            item.click()
        options = item.locator("xpath=..").locator(f"{ACCORDION_VALUES} {OPTION}")
        expect(options.first).to_be_visible()
        texts = _texts(options)
        index = None if reading.option is None else find_label(reading.option, texts)
        if index is None:
            examples = ", ".join(f'"{reading.item} / {text}"' for text in texts[:3])
            asked = (
                f'"{reading.option}" is not an option of "{reading.item}"'
                if reading.option
                else f'"{label}" has options'
            )
            raise UnknownSearchItem(f"{asked}: write one of {examples}…; its options: {label_list(texts)}.")
        self._tick(options.nth(index))

    def _tick(self, item: Locator) -> None:
        if item.get_attribute("aria-checked") == CHECKED:
            return
        with answered(self.page):
            item.click()
        expect(item).to_have_attribute("aria-checked", CHECKED)

    def _custom_fields(self, section: Locator) -> list[str]:
        select = section.locator(CUSTOM_GROUP)
        return [text for text, _ in select.evaluate(CUSTOM_GROUP_OPTIONS_JS)] if select.count() else []

    def _custom_group(self, section: Locator, label: str) -> bool:
        """Group by a field of the custom group's list; False when it has no such field."""
        select = section.locator(CUSTOM_GROUP)
        if not select.count():
            return False
        fields = select.evaluate(CUSTOM_GROUP_OPTIONS_JS)
        index = find_label(label, [text for text, _ in fields])
        if index is None:
            return False
        with answered(self.page):
            select.select_option(fields[index][1])
        # The chosen field becomes a Group By item of its own, on.
        expect(section.locator(ITEMS).filter(has_text=fields[index][0]).first).to_have_attribute(
            "aria-checked", CHECKED
        )
        return True

    def _more_favorites(self, section: Locator, label: str) -> bool:
        """Show the shared favourites 19.0 keeps under "More...", then look again."""
        more = section.locator(MORE_FAVORITES)
        if not more.count():
            return False
        more.click()
        expect(more).to_have_count(0)
        items = section.locator(ITEMS)
        index = find_label(label, _texts(items))
        if index is None:
            return False
        self._tick(items.nth(index))
        return True
