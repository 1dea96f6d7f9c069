"""The main menu: apps, then the app's sections and their dropdown items, by the names shown."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from odoo_uat.web.browser import WEB_CLIENT_READY
from pages.components.labels import label_list, normalise_label
from pages.components.pending_calls import answered

APPS_TOGGLE = ".o_navbar_apps_menu button"
APP = ".o_app"
BRAND = ".o_main_navbar .o_menu_brand"
SECTION = ".o_menu_sections [data-menu-xmlid]"
OPEN_DROPDOWN = ".o-dropdown--menu"
# Sections that do not fit the navbar are folded under its "More" button (a "+"), as items or as group
# headers followed by their menus (navbar.xml MoreDropdown, 18.0 and 19.0).
MORE_TOGGLE = ".o_menu_sections_more button"
MORE_SECTION = "o_more_dropdown_section"
# The navbar hides the sections that do not fit, then renders "More" for them: wait for both.
SECTIONS_SETTLED_JS = """([section, more]) => !!document.querySelector(more)
  || [...document.querySelectorAll(section)].every(el => el.offsetParent !== null)"""
DROPDOWN_ITEM = ".dropdown-item"
ACTION_SHOWN = ".o_action_manager > *"
HOME = "/odoo"
STALE = "data-uat-left"
PATH_SEPARATOR = re.compile(r"\s+/\s+")
# A section's dropdown is flat: group headers and items, nested by their left padding (navbar.xml, 18.0 and 19.0).
# A section under "More" is a top-level entry whatever its padding.
DROPDOWN_ENTRIES_JS = f"""menu => [...menu.querySelectorAll('.dropdown-item, .dropdown-header')].map(el => [
  el.innerText, el.classList.contains('dropdown-header'),
  el.classList.contains('{MORE_SECTION}') ? -1 : parseFloat(getComputedStyle(el).paddingLeft) || 0])"""


class UnknownMenu(LookupError):
    """A menu path names a menu the user does not have."""


@dataclass(frozen=True)
class MenuMiss:
    """Where a menu path stops: the missing name, and the names available at that level."""

    path: tuple[str, ...]
    missing: str
    available: tuple[str, ...]

    @property
    def is_group(self) -> bool:
        """The path exists but names a group of menus, not one to open."""
        return not self.missing

    def __str__(self) -> str:
        where = " / ".join(self.path) or "the apps menu"
        if self.is_group:
            return f"{where} is a group of menus: {label_list(self.available)}"
        return f'"{self.missing}" is not in {where}; there: {label_list(self.available)}'


def split_path(path: str) -> list[str]:
    """'Sales / Orders / Quotations' -> ['Sales', 'Orders', 'Quotations']."""
    parts = [part.strip() for part in PATH_SEPARATOR.split(path.strip())]
    if not all(part.strip("/").strip() and part == part.strip("/") for part in parts):
        raise ValueError(f'"{path}" is not a menu path: write the menu names joined by " / ", e.g. "Sales / Orders"')
    return parts


def dropdown_paths(entries: Iterable[tuple[str, bool, float]]) -> list[tuple[str, ...]]:
    """The path below the section of each dropdown item, in order, from (text, is header, indent) entries."""
    stack: list[tuple[float, str]] = []
    paths = []
    for text, header, indent in entries:
        while stack and stack[-1][0] >= indent:
            stack.pop()
        name = " ".join(text.split())
        if header:
            stack.append((indent, name))
        else:
            paths.append(tuple(n for _, n in stack) + (name,))
    return paths


def find_path(wanted: Sequence[str], paths: Sequence[tuple[str, ...]]) -> int | MenuMiss:
    """The index of the item at `wanted` among `paths`, or where the path leaves the menu."""
    folded = [tuple(normalise_label(part) for part in path) for path in paths]
    goal = tuple(normalise_label(part) for part in wanted)
    if goal in folded:
        return folded.index(goal)
    for depth in range(len(goal)):
        prefix = goal[:depth]
        here = [paths[i][depth] for i, path in enumerate(folded) if path[:depth] == prefix and len(path) > depth]
        if goal[depth] not in {normalise_label(name) for name in here}:
            return MenuMiss(tuple(wanted[:depth]), wanted[depth], tuple(dict.fromkeys(here)))
    children = [paths[i][len(goal)] for i, path in enumerate(folded) if path[: len(goal)] == goal]
    return MenuMiss(tuple(wanted), "", tuple(dict.fromkeys(children)))


def _pick(items: Locator, name: str) -> int | list[str]:
    """The index of the item whose text reads `name`, or the texts there are."""
    texts = [" ".join(text.split()) for text in items.all_inner_texts()]
    wanted = normalise_label(name)
    return next((i for i, text in enumerate(texts) if normalise_label(text) == wanted), texts)


class MainMenu:
    """Opens menus the way a person does: the apps menu, the app's sections, their dropdown items."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def _walk(self, parts: list[str]) -> Locator | MenuMiss:
        """Go along the path up to its last menu and return it (not clicked), or where the path leaves the menu."""
        if not self.page.locator(WEB_CLIENT_READY).is_visible():  # a role's page starts blank
            self.page.goto(HOME)
            expect(self.page.locator(WEB_CLIENT_READY)).to_be_visible()
        self.page.locator(APPS_TOGGLE).click()
        apps = self.page.locator(APP)
        expect(apps.first).to_be_visible()
        app = _pick(apps, parts[0])
        if isinstance(app, list):
            self.page.keyboard.press("Escape")
            return MenuMiss((), parts[0], tuple(app))
        if len(parts) == 1:
            return apps.nth(app)
        # The app opens its own first screen: a menu clicked while that one loads could be overtaken by it.
        self._click_for_screen(apps.nth(app))
        expect(self.page.locator(BRAND)).to_have_text(re.compile(rf"^\s*{re.escape(parts[0])}\s*$", re.IGNORECASE))
        self.page.wait_for_function(SECTIONS_SETTLED_JS, arg=[SECTION, MORE_TOGGLE])
        sections = self.page.locator(SECTION).filter(visible=True)  # folded sections are left hidden (d-none)
        section = _pick(sections, parts[1])
        if isinstance(section, list):
            return self._walk_more(parts, section)
        target = sections.nth(section)
        if target.get_attribute("aria-expanded") is None:  # a section without a dropdown is a menu item itself
            return target if len(parts) == 2 else MenuMiss(tuple(parts[:2]), parts[2], ())
        target.click()
        dropdown = self.page.locator(OPEN_DROPDOWN).last
        expect(dropdown).to_be_visible()
        found = find_path(parts[2:], dropdown_paths(dropdown.evaluate(DROPDOWN_ENTRIES_JS)))
        if isinstance(found, MenuMiss):
            self.page.keyboard.press("Escape")
            return MenuMiss(tuple(parts[:2]) + found.path, found.missing, found.available)
        return dropdown.locator(DROPDOWN_ITEM).nth(found)

    def _walk_more(self, parts: list[str], shown: list[str]) -> Locator | MenuMiss:
        """Find the path's section and menu under the navbar's "More" button, when the navbar folded some there."""
        more = self.page.locator(MORE_TOGGLE)
        if not more.count():
            return MenuMiss(tuple(parts[:1]), parts[1], tuple(shown))
        more.first.click()
        dropdown = self.page.locator(OPEN_DROPDOWN).last
        expect(dropdown).to_be_visible()
        paths = dropdown_paths(dropdown.evaluate(DROPDOWN_ENTRIES_JS))
        found = find_path(parts[1:], paths)
        if isinstance(found, MenuMiss):
            self.page.keyboard.press("Escape")
            if not found.path:  # not a section under "More" either: list every section
                return MenuMiss(tuple(parts[:1]), parts[1], tuple(dict.fromkeys([*shown, *found.available])))
            return MenuMiss(tuple(parts[:1]) + found.path, found.missing, found.available)
        return dropdown.locator(DROPDOWN_ITEM).nth(found)

    def open(self, path: str) -> None:
        """Open the menu at `path` ('Purchase / Orders / Requests for Quotation') and wait for its screen."""
        found = self._walk(split_path(path))
        if isinstance(found, MenuMiss):
            raise UnknownMenu(f'No menu "{path}": {found}.')
        self._click_for_screen(found)

    def _click_for_screen(self, menu: Locator) -> None:
        """Click a menu and wait until the screen on show is replaced by its action's, even the same action again:
        the screen shown is marked, and its going is awaited (the URL is no sign: 19.0 shows an action's path)."""
        # Under load the screen being replaced may still be loading (the app's first screen): it is answered and
        # rendered before it is marked, and the new screen's calls after, or a search typed next is wiped (issue 20).
        with answered(self.page):
            self.page.locator(ACTION_SHOWN).evaluate_all(f"els => els.forEach(el => el.setAttribute('{STALE}', ''))")
            menu.click()
            expect(self.page.locator(f"{ACTION_SHOWN}[{STALE}]")).to_have_count(0)
            expect(self.page.locator(ACTION_SHOWN).first).to_be_visible()

    def missing(self, path: str) -> MenuMiss | None:
        """Where the user's menus leave `path`, or None when they can open it."""
        found = self._walk(split_path(path))
        if isinstance(found, MenuMiss) and not found.is_group:
            return found
        self.page.keyboard.press("Escape")
        return None
