"""The control panel's Actions (gear) and Print menus: choose an item by its label (printing: pages/components/reports.py)."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from pages.components.buttons import named, press
from pages.components.hover import clear_hover
from pages.components.labels import label_list, normalise_label
from pages.components.menu import OPEN_DROPDOWN
from pages.components.pending_calls import answered

# The menus' toggles (web.ActionMenus and web.CogMenu, 18.0 and 19.0): a gear, shown with or without a selection
# ("Actions"); a printer, shown once rows are selected, its title the action's "Print".
MENUS = ".o_action_manager .o_control_panel .o_cp_action_menus"
ACTIONS_TOGGLE = f"{MENUS} button:has(.fa-cog)"
PRINT_TOGGLE = f"{MENUS} button:has(.fa-print)"
ITEM = ".dropdown-item"
# A product's "Print Labels" is a header button of its form on 18.0 and an action of the gear on 19.0
# (product_template_views.xml): the Actions phrase takes either.
HEADER_BUTTONS = ".o_action_manager .o_form_view .o_statusbar_buttons"


@dataclass(frozen=True)
class Menu:
    """One of the control panel's menus: its toggle, its name in messages, and what to do when it is missing."""

    toggle: str
    name: str
    missing: str


ACTIONS = Menu(ACTIONS_TOGGLE, "Actions", "This screen has no Actions menu (the gear in the control panel).")
PRINT = Menu(
    PRINT_TOGGLE,
    "Print",
    "This screen shows no Print menu: it shows once rows are selected "
    '(When I select the rows showing "...", or When I select all the rows), when the list has reports.',
)


class ActionMenus:
    """The control panel's Actions and Print menus."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self, menu: Menu) -> Locator:
        """Open the menu and return its dropdown."""
        toggle = self.page.locator(menu.toggle).filter(visible=True)
        try:
            expect(toggle.first).to_be_visible()
        except AssertionError:
            raise AssertionError(menu.missing) from None
        clear_hover(self.page)
        toggle.first.click()
        dropdown = self.page.locator(OPEN_DROPDOWN).last
        expect(dropdown.locator(ITEM).first).to_be_visible()
        return dropdown

    def item(self, menu: Menu, label: str) -> Locator:
        """Open the menu and return its item `label`; an unknown label lists the items."""
        dropdown = self.open(menu)
        items = dropdown.locator(ITEM)
        texts = [" ".join(text.split()) for text in items.all_inner_texts()]
        wanted = normalise_label(label)
        index = next((i for i, text in enumerate(texts) if normalise_label(text) == wanted), None)
        if index is None:
            self.page.keyboard.press("Escape")
            raise AssertionError(f'The {menu.name} menu has no "{label}". It has: {label_list(texts)}.')
        return items.nth(index)

    def choose(self, label: str) -> None:
        """Choose `label` in the Actions menu, and wait until Odoo has answered (a dialog or a reloaded list).

        An action Odoo shows as a header button of the form instead (a version moved it) is clicked there.
        """
        header = named(self.page.locator(HEADER_BUTTONS), label)
        if header.count():
            press(header.first, label)
            return
        item = self.item(ACTIONS, label)
        with answered(self.page):
            item.click()
        expect(self.page.locator(OPEN_DROPDOWN)).to_have_count(0)
