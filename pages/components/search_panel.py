"""The search panel on the left of some lists and kanbans: its sections' values, by the names shown."""

from __future__ import annotations

import re
from collections.abc import Sequence

from playwright.sync_api import Locator, Page, expect

from pages.components.groups import same_group
from pages.components.labels import label_list, normalise_label
from pages.components.pending_calls import answered
from pages.components.search import VIEW_RENDERED

# web.SearchPanel (search_panel.xml, the same markup on 18.0 and 19.0): one <section> per field, titled by a
# <header> (shown in capitals by CSS: read its text content, not what is rendered). A category section holds
# a tree of values, one chosen at a time; a filter section holds checkboxes, several at a time.
PANEL = ".o_action_manager .o_search_panel"
# Folded, the panel is a narrow bar that a click unfolds (toggleSidebar; 19.0 remembers it per view).
FOLDED_PANEL = ".o_action_manager .o_search_panel_sidebar"
SECTION = "section.o_search_panel_section"
SECTION_TITLE = ".o_search_panel_section_header"
CATEGORY_VALUE = "li.o_search_panel_category_value"
CATEGORY_HEADER = ":scope > header"
FILTER_VALUE = "li.o_search_panel_filter_value"
VALUE_TITLE = ".o_search_panel_label_title"
CHECKBOX = "input.form-check-input"
# A category value with children shows a caret: right while folded (its children are not rendered yet).
FOLDED_PARENT = f"{CATEGORY_VALUE} > header:has(.o_toggle_fold .fa-caret-right)"
ACTIVE_CATEGORY = "active"
TITLE_JS = "els => els.map(el => el.textContent.trim())"
# A category value's own title (not its children's).
OWN_TITLE_JS = f"els => els.map(el => el.querySelector(':scope > header {VALUE_TITLE}')?.textContent.trim() || '')"
PATH_SEPARATOR = re.compile(r"\s+/\s+")


class UnknownPanelValue(LookupError):
    """The search panel shows no value with the name a scenario gave."""


def find_value(wanted: str, names: Sequence[str]) -> int | None:
    """The index of the value named `wanted` (whole name first, then the last part of a path), or None."""
    exact = next((i for i, name in enumerate(names) if normalise_label(name) == normalise_label(wanted)), None)
    return exact if exact is not None else next((i for i, name in enumerate(names) if same_group(wanted, name)), None)


class SearchPanel:
    """Pick values in the search panel of the current view, as a person clicks them."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.panel = page.locator(PANEL).first

    def _shown(self) -> None:
        expect(self.page.locator(VIEW_RENDERED).first).to_be_visible()
        folded = self.page.locator(FOLDED_PANEL).first
        if folded.is_visible():
            folded.click()
        try:
            expect(self.panel).to_be_visible()
        except AssertionError:
            raise AssertionError(
                "This screen has no side panel: it is on the left of some lists and kanbans only "
                "(Inventory / Reporting / Stock, Inventory / Operations / Replenishment...)."
            ) from None

    def section_titles(self) -> list[str]:
        """The sections' titles, as written in Odoo (not in capitals)."""
        return [
            " ".join(text.split()) for text in self.panel.locator(f"{SECTION} {SECTION_TITLE}").evaluate_all(TITLE_JS)
        ]

    def _sections(self, section: str | None) -> list[Locator]:
        sections = self.panel.locator(SECTION)
        if section is None:
            return sections.all()
        titles = self.section_titles()
        index = next((i for i, title in enumerate(titles) if normalise_label(title) == normalise_label(section)), None)
        if index is None:
            raise UnknownPanelValue(f'The side panel has no section "{section}". Its sections: {label_list(titles)}.')
        return [sections.nth(index)]

    def pick(self, value: str, section: str | None = None) -> None:
        """Choose the value named `value` (in the section titled `section` when given); a ticked one stays ticked."""
        self._shown()
        sections = self._sections(section)
        found = self._find(value, sections) or self._walk(PATH_SEPARATOR.split(value.strip()), sections)
        while found is None and self._unfold_one(sections):
            found = self._find(value, sections)
        if found is None:
            names = [name for part in sections for name in self._names(part)]
            where = f'the "{section}" section of the side panel' if section else "the side panel"
            raise UnknownPanelValue(f'{where[0].upper()}{where[1:]} has no "{value}". It shows: {label_list(names)}.')
        self._choose(found)

    def _names(self, section: Locator) -> list[str]:
        return [" ".join(text.split()) for text in section.locator(VALUE_TITLE).evaluate_all(TITLE_JS)]

    def _find(self, value: str, sections: Sequence[Locator]) -> Locator | None:
        matches = []
        for section in sections:
            entries = section.locator(f"{CATEGORY_VALUE} > header, {FILTER_VALUE}")
            index = find_value(
                value, [" ".join(t.split()) for t in entries.locator(VALUE_TITLE).evaluate_all(TITLE_JS)]
            )
            if index is not None:
                matches.append(entries.nth(index))
        if len(matches) > 1:
            raise UnknownPanelValue(
                f'"{value}" is in several sections of the side panel ({label_list(self.section_titles())}): '
                f'say which one, e.g. I pick "{value}" in the "{self.section_titles()[0]}" side panel.'
            )
        return matches[0] if matches else None

    def _walk(self, parts: Sequence[str], sections: Sequence[Locator]) -> Locator | None:
        """The category value at the end of a path ("Birch Range / Birch Seating"), unfolding the values on the way.

        A category tree shows each value's own name under its parent's; a path names the parents.
        """
        if len(parts) < 2:
            return None
        scopes = list(sections)
        for depth, part in enumerate(parts):
            node = None
            for scope in scopes:
                values = scope.locator(CATEGORY_VALUE)
                index = find_value(part, [" ".join(t.split()) for t in values.evaluate_all(OWN_TITLE_JS)])
                if index is not None:
                    node = values.nth(index)
                    break
            if node is None:
                return None
            header = node.locator(CATEGORY_HEADER)
            if depth == len(parts) - 1:
                return header
            if header.locator(".fa-caret-right").count():
                with answered(self.page):
                    header.click()
            scopes = [node]
        return None

    def _unfold_one(self, sections: Sequence[Locator]) -> bool:
        """Unfold one folded category value, so its children are shown; False when none is folded.

        Odoo unfolds a value when it is clicked, and chooses it too (toggleCategory): the value wanted,
        chosen afterwards, replaces it.
        """
        for section in sections:
            folded = section.locator(FOLDED_PARENT)
            if folded.count():
                with answered(self.page):
                    folded.first.click()
                return True
        return False

    def _choose(self, entry: Locator) -> None:
        checkbox = entry.locator(CHECKBOX)
        if checkbox.count():
            if not checkbox.first.is_checked():
                with answered(self.page):
                    checkbox.first.click()
            expect(checkbox.first).to_be_checked()
            return
        classes = entry.get_attribute("class") or ""
        if ACTIVE_CATEGORY in classes.split():
            return
        with answered(self.page):
            entry.locator(VALUE_TITLE).first.click()
        if entry.evaluate("el => el.tagName") == "HEADER":
            expect(entry).to_have_class(re.compile(rf"\b{ACTIVE_CATEGORY}\b"))
