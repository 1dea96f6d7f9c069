"""Inventory valuation screens: landed costs (freight, duties) added to the value of received goods."""
from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from pages.components.form import FormView
from pages.components.many2one import INPUT, SUGGESTION, Many2One

LANDED_COSTS_ACTION = "stock_landed_costs.action_stock_landed_cost"
TRANSFERS = "picking_ids"  # many2many tags
COST_LINES = "cost_lines"
ADD_LINE = "Add a line"
TAG = ".o_tag"
SELECTED_ROW = re.compile(r"\bo_selected_row\b")
POSTED = "done"
# A selection field is a native <select> on 18.0 and a SelectMenu dropdown on 19.0.
NATIVE_SELECT = "select"
SELECT_MENU_TOGGLER = ".o_select_menu_toggler"
SELECT_MENU_ITEM = ".o_select_menu_menu .o_select_menu_item"


class LandedCostForm(FormView):
    """A landed cost: the transfers it applies to, its cost lines, and their split over the products."""

    ACTION = LANDED_COSTS_ACTION
    READY_FIELD = TRANSFERS

    def add_transfer(self, reference: str) -> None:
        """Apply the landed cost to a transfer (a receipt), chosen by its reference, e.g. WH/IN/00012."""
        field = self.field(TRANSFERS)
        tags = field.locator(TAG)
        before = tags.count()
        typed = field.locator(INPUT).first
        typed.click()
        typed.fill(reference)
        suggestion = self.page.locator(SUGGESTION).filter(has_text=re.compile(rf"^\s*{re.escape(reference)}\s*$"))
        expect(suggestion.first).to_be_visible()
        suggestion.first.click()
        expect(tags).to_have_count(before + 1)
        expect(tags.last).to_contain_text(reference)

    def add_cost(self, product: str, amount: float, split_method: str) -> None:
        """Add a cost line: the landed cost service, its amount, and how it is split (its label, e.g. By Quantity)."""
        lines = self.lines(COST_LINES)
        before = lines.rows.count()
        lines.add(ADD_LINE)
        row = lines.rows.nth(before)
        expect(lines.rows).to_have_count(before + 1)
        expect(row).to_have_class(SELECTED_ROW)
        Many2One(lines.cell(row, "product_id")).select(product)
        # Choosing the service fills its default split method and cost: set ours after it.
        choose_option(lines.cell(row, "split_method"), split_method)
        # No Tab after the last cell: in an editable list it opens a new line. Saving commits the value.
        lines.cell(row, "price_unit").locator("input").fill(_number(amount))

    def validate(self) -> None:
        """Validate the landed cost: Odoo splits it over the products and posts its journal entry."""
        self.statusbar.click("button_validate")
        self.statusbar.expect_stage(POSTED)


def choose_option(field: Locator, label: str) -> None:
    """Choose an option of a selection field by its label (18.0 <select> or 19.0 SelectMenu)."""
    control = field.locator(f"{NATIVE_SELECT}, {SELECT_MENU_TOGGLER}").first
    expect(control).to_be_visible()
    if control.evaluate("element => element.tagName") == "SELECT":
        control.select_option(label=label)
        return
    control.click()
    option = field.page.locator(SELECT_MENU_ITEM).filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    option.first.click()
    expect(control).to_have_value(label)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
