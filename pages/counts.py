"""Counts: the physical inventory, a product's counted quantity typed on its row and applied with a reason."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from pages.components.buttons import press
from pages.components.dialog import Dialog
from pages.components.form import FormView
from pages.components.list_rows import EditedRow, ListRows
from pages.components.search import SearchBar
from pages.navigation import open_action

# Inventory / Operations / Adjustments / Physical Inventory: a server action opening the quants' editable list
# (stock_quant_views.xml, 18.0 and 19.0).
INVENTORY_ACTION = "stock.action_view_inventory_tree"
COUNTED = "inventory_quantity"
LOCATION = "location_id"  # "Counted Quantity" on 18.0, "Counted" on 19.0
# The list's "Apply" on the rows selected opens the wizard that asks the reason (stock_inventory_adjustment_name,
# "Inventory Reason", default "Quantity Updated" on 18.0 and "Physical Inventory" on 19.0); the row's own "Apply"
# asks nothing and leaves Odoo's default reference.
APPLY_SELECTED = "stock.action_stock_inventory_adjustement_name"
REASON = "inventory_adjustment_name"
UPDATE_QUANTITIES = "action_apply"


class PhysicalInventory(ListRows):
    """The physical inventory list: one row per product and location."""

    @classmethod
    def open(cls, page: Page) -> PhysicalInventory:
        """Open Inventory / Operations / Adjustments / Physical Inventory."""
        open_action(page, INVENTORY_ACTION)
        return cls(page)

    def row_of(self, product: str, location: str) -> Locator:
        """The one row of the product in the location (the list searched for the product first)."""
        SearchBar(self.page).search(product)
        expect(self.root).to_be_visible()
        rows = self.rows.filter(has_text=product)
        # The Location column shows only with Storage Locations on (19.0 hides it otherwise): then one row per product.
        if self.has_column(LOCATION):
            rows = rows.filter(has_text=location)
        try:
            expect(rows).to_have_count(1)
        except AssertionError:
            raise AssertionError(
                f'The physical inventory should have one row of "{product}" in "{location}" but has '
                f"{rows.count() or 'none'}. Its rows: {self._rows_listed()}."
            ) from None
        return rows.first

    def count(self, product: str, location: str, quantity: float, reason: str) -> None:
        """Type the counted quantity on the row, select it, Apply, give the reason and update the quantities."""
        row = self.row_of(product, location)
        edited = EditedRow(self, row, product)
        edited.set(COUNTED, quantity)
        edited.save()
        self.tick(row)
        press(self.selection_button(APPLY_SELECTED), "Apply")
        dialog = Dialog(self.page).expect_open()
        FormView(self.page, dialog.form).set(REASON, reason)
        press(dialog.button(UPDATE_QUANTITIES), "Update Quantities")
        dialog.expect_closed()
