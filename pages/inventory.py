"""Inventory screens: transfers (deliveries, receipts) and their backorder wizard."""

from __future__ import annotations

from pages.components.dialog import Dialog
from pages.components.form import FormView
from pages.components.one2many import One2ManyLines

TRANSFERS_ACTION = "stock.action_picking_tree_all"
MOVE_MODEL = "stock.move"  # the operations list: move_ids_without_package on 18.0, move_ids on 19.0
QUANTITY_CELL = "quantity"
BACKORDER_WIZARD_CREATE = "process"
BACKORDER_WIZARD_SKIP = "process_cancel_backorder"
DONE = "done"


class TransferForm(FormView):
    """A delivery order, receipt or internal transfer."""

    ACTION = TRANSFERS_ACTION

    @property
    def moves(self) -> One2ManyLines:
        """The operations (one line per product)."""
        return self.lines_of(MOVE_MODEL)

    def set_quantity(self, product: str, quantity: float) -> None:
        """Set the quantity processed for a product's line (saved by the next button, as Odoo does)."""
        self.moves.edit(product).set(QUANTITY_CELL, quantity)

    def validate(self, backorder: bool | None = None) -> None:
        """Click Validate; answer the backorder question when it comes (True: create one)."""
        self.statusbar.click("button_validate")
        if backorder is not None:
            Dialog(self.page).expect_open().click(BACKORDER_WIZARD_CREATE if backorder else BACKORDER_WIZARD_SKIP)
        self.statusbar.expect_stage(DONE)
