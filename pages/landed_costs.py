"""Inventory valuation screens: landed costs (freight, duties) added to the value of received goods."""

from __future__ import annotations

from pages.components.form import FormView

LANDED_COSTS_ACTION = "stock_landed_costs.action_stock_landed_cost"
TRANSFERS = "picking_ids"  # many2many tags
COST_LINES = "cost_lines"
ADD_LINE = "Add a line"
PRODUCT_CELL = "product_id"
SPLIT_CELL = "split_method"
COST_CELL = "price_unit"
POSTED = "done"


class LandedCostForm(FormView):
    """A landed cost: the transfers it applies to, its cost lines, and their split over the products."""

    ACTION = LANDED_COSTS_ACTION
    READY_FIELD = TRANSFERS

    def add_transfer(self, reference: str) -> None:
        """Apply the landed cost to a transfer (a receipt), chosen by its reference, e.g. WH/IN/00012."""
        self.widget(TRANSFERS).add(reference)

    def add_cost(self, product: str, amount: float, split_method: str) -> None:
        """Add a cost line: the landed cost service, its amount, and how it is split (its label, e.g. By Quantity)."""
        line = self.lines(COST_LINES).add_row(ADD_LINE)
        line.set(PRODUCT_CELL, product)
        # Choosing the service fills its default split method and cost: ours are set after it.
        line.set(SPLIT_CELL, split_method)
        line.set(COST_CELL, amount)

    def validate(self) -> None:
        """Validate the landed cost: Odoo splits it over the products and posts its journal entry."""
        self.statusbar.click("button_validate")
        self.statusbar.expect_stage(POSTED)
