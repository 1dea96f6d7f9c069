"""Returns screens: the Return wizard of a delivery, internal transfers out of quarantine, and scrap orders."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.components.dialog import FORM_VIEW, Dialog
from pages.components.form import FormView
from pages.inventory import TransferForm
from pages.navigation import open_action

# The delivery's "Return" header button calls the window action stock.act_stock_return_picking:
# its name= is that action's database id, so callers pass the id they read over RPC.
RETURN_ACTION = "stock.act_stock_return_picking"
RETURN_LINES = "product_return_moves"
QUANTITY_CELL = "quantity"
CREATE_RETURN = "action_create_returns"
INTERNAL_TRANSFERS_ACTION = "stock.action_picking_tree_internal"
OPERATION_TYPE = "picking_type_id"
SOURCE = "location_id"
DESTINATION = "location_dest_id"
PRODUCT_CELL = "product_id"
DEMAND_CELL = "product_uom_qty"
SCRAP_ACTION = "stock.action_stock_scrap"
SCRAP_PRODUCT = "product_id"
SCRAP_QUANTITY = "scrap_qty"
SCRAP_VALIDATE = "action_validate"
DONE = "done"


class ReturnWizard(Dialog):
    """The "Return" dialog of a done transfer (stock.return.picking; the same form on 18.0 and 19.0)."""

    def set_quantity(self, product: str, quantity: float) -> None:
        """Set how many units of the product come back (every line starts at 0)."""
        form = FormView(self.page, self.root.locator(FORM_VIEW).first)
        form.lines(RETURN_LINES).edit(product).set(QUANTITY_CELL, quantity)

    def create_return(self) -> ReturnForm:
        """Click Return: Odoo creates the return transfer and opens it."""
        self.click(CREATE_RETURN)
        self.expect_closed()
        form = ReturnForm(self.page)
        expect(form.field(DESTINATION)).to_be_visible()
        return form


class ReturnForm(TransferForm):
    """A return receipt, or any transfer form this module works with."""

    def open_return_wizard(self, return_action_id: int) -> ReturnWizard:
        """On a done delivery, click Return (the button whose name is the return action's id)."""
        self.statusbar.click(str(return_action_id))
        return ReturnWizard(self.page).expect_open()

    def set_destination(self, location: str) -> None:
        """Choose where the goods go (the "Destination Location" field; needs Storage Locations)."""
        self.set(DESTINATION, location)

    def set_source(self, location: str) -> None:
        """Choose where the goods come from."""
        self.set(SOURCE, location)

    @classmethod
    def new_internal_transfer(cls, page: Page, operation_type: str, search: str) -> ReturnForm:
        """Open a new internal transfer of this operation type (found by typing `search`, e.g. its warehouse)."""
        open_action(page, INTERNAL_TRANSFERS_ACTION, "new")
        form = cls(page)
        expect(form.field(OPERATION_TYPE)).to_be_visible()
        form.set(OPERATION_TYPE, operation_type, search=search)
        return form

    def add_move(self, product: str, quantity: float) -> None:
        """Add an operation line: the product and its demand."""
        line = self.moves.add_row()  # the only "add" link: "Add a Product" on 18.0 and 19.0
        line.set(PRODUCT_CELL, product)
        line.set(DEMAND_CELL, quantity)


class ScrapForm(FormView):
    """A scrap order (stock.scrap): product, quantity, source location, Validate."""

    ACTION = SCRAP_ACTION
    READY_FIELD = SCRAP_PRODUCT

    def fill(self, product: str, quantity: float, location: str) -> None:
        """Scrap `quantity` units of `product` taken from `location`."""
        self.set(SCRAP_PRODUCT, product)
        self.set(SOURCE, location)
        self.set(SCRAP_QUANTITY, quantity)

    def validate(self) -> None:
        """Validate the scrap: the goods leave the source location."""
        self.statusbar.click(SCRAP_VALIDATE)
        self.statusbar.expect_stage(DONE)
