"""Lots and serial numbers on a transfer: the "Detailed Operations" dialog of one product's operation line."""

from __future__ import annotations

import re
from collections.abc import Mapping

from pages.components.dialog import FORM_VIEW, Dialog
from pages.components.form import FormView
from pages.components.one2many import LineRow, One2ManyLines
from pages.inventory import TransferForm

MOVE_LINES = "move_line_ids"  # the dialog's list of detailed operations (stock.move.line), widget sml_x2_many
LOT_NAME = "lot_name"  # a receipt types the new lot's name (the move's show_lots_text, both versions)
PICK_FROM = "quant_id"  # a delivery picks the stock it takes, lot included ("Pick From", the move's show_quant)
QUANTITY = "quantity"
EXPIRATION_DATE = (
    "expiration_date"  # product_expiry: a received lot's date, a column of the receipt's detailed operations
)


class LotsError(AssertionError):
    """The operation cannot be given these lots on screen."""


Planned = tuple[str, float, bool]  # a row's lot, its quantity, and whether the row shows that lot already


def shows_lot(text: str, lot: str) -> bool:
    """Whether a row's text names this lot (a whole word: "LOT-1" is not in "LOT-10")."""
    return re.search(rf"(?<![\w-]){re.escape(lot)}(?![\w-])", text, re.IGNORECASE) is not None


def row_plan(rows: list[str], lots: list[tuple[str, float]]) -> tuple[list[Planned | None], list[tuple[str, float]]]:
    """What each row (by its text) gets, None to delete it, and the lots left for new rows.

    A row showing a lot asked keeps it (Odoo reserved that one: nothing to change but the quantity); the other
    rows take the other lots in the order asked.
    """
    left = list(lots)
    plan: list[Planned | None] = [None] * len(rows)
    for index, text in enumerate(rows):
        match = next((wanted for wanted in left if shows_lot(text, wanted[0])), None)
        if match is not None:
            plan[index] = (match[0], match[1], True)
            left.remove(match)
    for index in range(len(rows)):
        if plan[index] is None and left:
            lot, quantity = left.pop(0)
            plan[index] = (lot, quantity, False)
    return plan, left


class DetailedOperations(Dialog):
    """The dialog of one operation line: a row per lot (or serial number) and quantity."""

    @property
    def lines(self) -> One2ManyLines:
        """The detailed operations."""
        return FormView(self.page, self.root.locator(FORM_VIEW).first).lines(MOVE_LINES)

    def fill(
        self,
        cell: str,
        lots: list[tuple[str, float]],
        can_add: bool = True,
        more: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        """One row per (lot, quantity): a row already on a lot asked keeps it, the other rows take the other lots in
        order, new rows are added for the lots left (`can_add`) and rows left over are deleted. `more` gives a lot's
        row other cells by field name (a received lot's expiration_date), set after its lot."""
        more = more or {}
        lines = self.lines
        plan, extra = row_plan(lines.row_texts(), lots)
        if extra and not can_add:
            raise LotsError(
                f"The operation has {len(plan)} detailed line(s) reserved, and {len(lots)} lots were asked: a "
                "delivery takes a lot instead of another on the lines Odoo reserved, one lot per reserved line."
            )
        for index, planned in enumerate(plan):
            if planned is None:
                continue
            row = LineRow(lines, lines.rows.nth(index), edited=False)
            lot, quantity, kept = planned
            if not kept:
                row.set(cell, lot)
            for field, value in more.get(lot, {}).items():
                row.set(field, value)
            row.set(QUANTITY, quantity)
        for lot, quantity in extra:
            row = lines.add_row()
            row.set(cell, lot)
            for field, value in more.get(lot, {}).items():
                row.set(field, value)
            row.set(QUANTITY, quantity)
        for index in reversed([index for index, planned in enumerate(plan) if planned is None]):
            lines.remove(index)
        self.save()


class LotTransfer(TransferForm):
    """A receipt or delivery whose tracked products are given their lots or serial numbers."""

    def detailed_operations(self, product: str) -> DetailedOperations:
        """Open the "Detailed Operations" of the product's line."""
        if not self.moves.open_details(product):
            raise LotsError(
                f'The line of "{product}" has no Detailed Operations: is the product tracked by lots or serial '
                'numbers, and the setting "Lots & Serial Numbers" on?'
            )
        return DetailedOperations(self.page).expect_open()

    def receive_lots(
        self, product: str, lots: list[tuple[str, float]], expiry: Mapping[str, str] | None = None
    ) -> None:
        """Name the lots (serial numbers) the product arrives in, with their quantities, and the expiration dates
        `expiry` gives some of them (lot -> date as the scenario writes it: in 30 days, 2026-12-31)."""
        more = {lot: {EXPIRATION_DATE: date} for lot, date in (expiry or {}).items()}
        self.detailed_operations(product).fill(LOT_NAME, lots, more=more)

    def take_lots(self, product: str, lots: list[tuple[str, float]]) -> None:
        """Take the product from these lots (serial numbers) instead of those Odoo reserved."""
        self.detailed_operations(product).fill(PICK_FROM, lots, can_add=False)
