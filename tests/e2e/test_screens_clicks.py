"""Clicks on a real Odoo: one that opens a confirmation returns at once; one on a row under a tooltip lands."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from odoo_uat.web.browser import ActingUsers
from pages.components.buttons import click_button
from pages.components.dialog import ACTIVE_DIALOG
from pages.components.form import MAIN_FORM
from pages.components.hover import TOOLTIP
from pages.components.list_view import ListView
from pages.navigation import open_action

pytestmark = pytest.mark.e2e

RECEIPT_ACTION = "stock.action_picking_tree_all"
RFQ_ACTION = "purchase.purchase_rfq"
# Without the dialog check a click waited for the view's buttons until the 30 s action timeout.
AT_ONCE_S = 10


@pytest.fixture
def receipt(odoo, names) -> int:
    """A draft receipt of one product from a new vendor, made as the administrator."""
    vendor = odoo.env["res.partner"].create({"name": names.unique("Tooltip Vendor")})
    product = odoo.env["product.product"].create({"name": names.unique("Cancel Crate"), "is_storable": True})
    receipts = odoo.env.ref("stock.picking_type_in")
    source, destination = receipts.default_location_src_id.id, receipts.default_location_dest_id.id
    move = {"product_id": product, "product_uom_qty": 2, "location_id": source, "location_dest_id": destination}
    if "name" in odoo.env["stock.move"].fields_get(["name"]):  # 18.0 requires a description, 19.0 has none
        move["name"] = "crate"
    return odoo.env["stock.picking"].create(
        {
            "partner_id": vendor,
            "picking_type_id": receipts.id,
            "location_id": source,
            "location_dest_id": destination,
            "move_ids": [(0, 0, move)],
        }
    )


def test_a_click_that_opens_a_confirmation_dialog_returns_at_once(receipt: int, acting: ActingUsers, odoo) -> None:
    page = acting.login_as("Warehouse operator")
    open_action(page, RECEIPT_ACTION, receipt)
    expect(page.locator(MAIN_FORM)).to_be_visible()
    started = time.monotonic()
    click_button(page, "Cancel")  # confirm="Are you sure you want to cancel this transfer?"
    elapsed = time.monotonic() - started
    assert page.locator(ACTIVE_DIALOG).is_visible(), "the confirmation should be open when the click returns"
    assert elapsed < AT_ONCE_S, f"the click took {elapsed:.1f} s to return"
    click_button(page, "Ok")
    expect(page.locator(ACTIVE_DIALOG)).to_have_count(0)
    assert odoo.env["stock.picking"].read([receipt], ["state"])[0]["state"] == "cancel"


def test_a_click_on_a_list_row_under_a_tooltip_opens_the_record(odoo, names, acting: ActingUsers) -> None:
    vendor = odoo.env["res.partner"].create({"name": names.unique("Tooltip Vendor")})
    orders = [
        odoo.env["purchase.order"].create({"partner_id": vendor, "partner_ref": names.unique(f"TIP-{n}")})
        for n in range(2)
    ]
    page = acting.login_as("Buyer")
    open_action(page, RFQ_ACTION)
    rows = ListView(page).rows
    expect(rows.first).to_be_visible()
    # A tooltip under the mouse, over the second row: the first row's priority star shows one below itself.
    rows.first.locator("[data-tooltip]").first.hover()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    tip, second = tooltip.bounding_box(), rows.nth(1).bounding_box()
    assert tip and second and tip["y"] < second["y"] + second["height"] and tip["y"] + tip["height"] > second["y"], (
        f"the tooltip {tip} should lie over the second row {second}"
    )
    reference = rows.nth(1).locator("td.o_data_cell").nth(1).inner_text().strip()
    ListView(page).open(reference)
    expect(page.locator(TOOLTIP)).to_have_count(0)
    expect(page.locator(MAIN_FORM)).to_be_visible()
    opened = page.locator(MAIN_FORM).get_by_text(reference, exact=True)
    expect(opened.first).to_be_visible()
    assert len(orders) == 2
