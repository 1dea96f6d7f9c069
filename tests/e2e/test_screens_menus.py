"""Menus on a real Odoo: sections folded under the navbar's "More" on a narrow screen; a missing right explained."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from odoo_uat.web.browser import ActingUsers
from odoo_uat.web.session import WebSession
from pages.components.buttons import click_button
from pages.components.list_view import MAIN_KANBAN, MAIN_LIST
from pages.components.menu import MORE_TOGGLE, MainMenu
from pages.components.rights import MissingRight, RightsInspector
from pages.navigation import open_action

pytestmark = pytest.mark.e2e

# Wide enough for Odoo's desktop layout (from 768 px). The default apps' sections fit even there, so
# wider section buttons (as longer labels in another language make them) leave no room for all of them.
NARROW = {"width": 800, "height": 900}
WIDE_SECTIONS_JS = """document.addEventListener('DOMContentLoaded', () => {
  const style = document.createElement('style');
  style.textContent = '.o_menu_sections > [data-menu-xmlid] { padding-inline: 80px !important; }';
  document.head.appendChild(style);
});"""
BREADCRUMB = ".o_breadcrumb"
WAREHOUSES_ACTION = "stock.action_warehouse_form"
LIST_OR_KANBAN = f"{MAIN_LIST}, {MAIN_KANBAN}"


def test_a_menu_folded_under_more_opens(browser, browser_context_args: dict, role_users, role_states) -> None:
    role, password = role_users.ensure("Inventory accountant")
    context = browser.new_context(
        **{**browser_context_args, "viewport": NARROW, "storage_state": role_states.state(role, password)}
    )
    context.add_init_script(WIDE_SECTIONS_JS)
    try:
        page = context.new_page()
        MainMenu(page).open("Inventory / Configuration / Warehouse Management / Warehouses")
        expect(page.locator(MORE_TOGGLE)).to_be_visible()  # the section was folded, not shown
        expect(page.locator(BREADCRUMB)).to_contain_text("Warehouses")
    finally:
        context.close()


def test_a_button_missing_for_lack_of_a_right_says_which_and_how_to_grant_it(acting: ActingUsers, odoo) -> None:
    page = acting.login_as("Warehouse operator")  # an inventory user may read warehouses, not create them
    open_action(page, WAREHOUSES_ACTION)
    expect(page.locator(LIST_OR_KANBAN).first).to_be_visible()
    inspector = RightsInspector(odoo, WebSession.of(page))
    with pytest.raises(AssertionError) as failure:
        click_button(page, "New", lambda label: _advice(inspector.missing("stock.warehouse", label)))
    message = str(failure.value)
    assert 'No button "New"' in message
    assert "may not create records of stock.warehouse" in message
    assert '"stock.group_stock_manager"' in message and '["Warehouse operator"] in roles.toml' in message


def _advice(missing: MissingRight | None) -> str | None:
    return missing.advice("Warehouse operator") if missing else None
