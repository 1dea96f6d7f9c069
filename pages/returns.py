"""Returns screens: the Return wizard of a delivery, internal transfers out of quarantine, and scrap orders."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.components.dialog import Dialog
from pages.components.form import FormView
from pages.components.many2one import Many2One
from pages.components.one2many import EDITED_ROW, One2ManyLines
from pages.inventory import TransferForm
from pages.navigation import open_action

# The delivery's "Return" header button calls the window action stock.act_stock_return_picking:
# its name= is that action's database id, so callers pass the id they read over RPC.
RETURN_ACTION = "stock.act_stock_return_picking"
RETURN_LINES = "product_return_moves"
CREATE_RETURN = "action_create_returns"
INTERNAL_TRANSFERS_ACTION = "stock.action_picking_tree_internal"
SCRAP_ACTION = "stock.action_stock_scrap"
SCRAP_VALIDATE = "action_validate"
DONE = "done"


class ReturnWizard(Dialog):
    """The "Return" dialog of a done transfer (stock.return.picking; the same form on 18.0 and 19.0)."""

    def set_quantity(self, product: str, quantity: float) -> None:
        """Set how many units of the product come back (every line starts at 0)."""
        lines = One2ManyLines(self.root.locator(f".o_field_widget[name={RETURN_LINES}]"))
        edit_cell(lines, product, "quantity", quantity)

    def create_return(self) -> "ReturnForm":
        """Click Return: Odoo creates the return transfer and opens it."""
        self.click(CREATE_RETURN)
        self.expect_closed()
        form = ReturnForm(self.page)
        expect(form.field("location_dest_id")).to_be_visible()
        return form


class ReturnForm(TransferForm):
    """A return receipt, or any transfer form this module works with."""

    def open_return_wizard(self, return_action_id: int) -> ReturnWizard:
        """On a done delivery, click Return (the button whose name is the return action's id)."""
        # Quoted: an action id is a number, which CSS does not take as a bare attribute value.
        self.root.locator(f'.o_statusbar_buttons button[name="{return_action_id}"]').click()
        return ReturnWizard(self.page).expect_open()

    def set_destination(self, location: str) -> None:
        """Choose where the goods go (the "Destination Location" field; needs Storage Locations)."""
        self.many2one("location_dest_id").select(location)

    def set_source(self, location: str) -> None:
        """Choose where the goods come from."""
        self.many2one("location_id").select(location)

    @classmethod
    def new_internal_transfer(cls, page: Page, operation_type: str, search: str) -> "ReturnForm":
        """Open a new internal transfer of this operation type (found by typing `search`, e.g. its warehouse)."""
        open_action(page, INTERNAL_TRANSFERS_ACTION, "new")
        form = cls(page)
        expect(form.field("picking_type_id")).to_be_visible()
        form.many2one("picking_type_id").select(operation_type, search=search)
        return form

    def add_move(self, product: str, quantity: float) -> None:
        """Add an operation line: the product and its demand."""
        row = self.moves.add()  # the only "add" link: "Add a Product" on 18.0 and 19.0
        Many2One(One2ManyLines.cell(row, "product_id")).select(product)
        demand = One2ManyLines.cell(row, "product_uom_qty").locator("input")
        demand.fill(_number(quantity))
        demand.press("Tab")


class ScrapForm(FormView):
    """A scrap order (stock.scrap): product, quantity, source location, Validate."""

    ACTION = SCRAP_ACTION
    READY_FIELD = "product_id"

    def fill(self, product: str, quantity: float, location: str) -> None:
        """Scrap `quantity` units of `product` taken from `location`."""
        self.many2one("product_id").select(product)
        self.many2one("location_id").select(location)
        quantity_input = self.field("scrap_qty").locator("input")
        quantity_input.fill(_number(quantity))
        quantity_input.press("Tab")

    def validate(self) -> None:
        """Validate the scrap: the goods leave the source location."""
        self.statusbar.click(SCRAP_VALIDATE)
        self.statusbar.expect_stage(DONE)


def edit_cell(lines: One2ManyLines, row_text: str, field_name: str, value: float) -> None:
    """Type a number into one cell of the row showing `row_text`."""
    row = lines.row(row_text)
    expect(row).to_have_count(1)
    lines.cell(row, field_name).click()
    # Once edited, the row shows inputs rather than text, so find it as the selected row.
    field = lines.cell(lines.field.locator(EDITED_ROW), field_name).locator("input")
    field.fill(_number(value))
    field.press("Tab")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
