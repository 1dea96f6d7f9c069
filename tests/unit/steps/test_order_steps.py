"""The order phrases' own logic: which order, which status, what differs in the quantities, how much is invoiced."""

from __future__ import annotations

import pytest

from odoo_uat.odoo.records import Document
from steps.order_steps import LINE_QUANTITIES, invoiced_share, quantity_mismatches, scenario_order, state_key

SALE_STATES = [("draft", "Quotation"), ("sent", "Quotation Sent"), ("sale", "Sales Order"), ("cancel", "Cancelled")]
PURCHASE_STATES = [
    ("draft", "RFQ"),
    ("to approve", "To Approve"),
    ("purchase", "Purchase Order"),
    ("cancel", "Cancelled"),
]


@pytest.mark.parametrize(
    "status, selection, key",
    [
        ("Cancelled", SALE_STATES, "cancel"),
        ("cancelled", SALE_STATES, "cancel"),
        ("  Sales  order ", SALE_STATES, "sale"),
        ("RFQ", PURCHASE_STATES, "draft"),
        ("To Approve", PURCHASE_STATES, "to approve"),
        ("to approve", PURCHASE_STATES, "to approve"),  # the key works too
        ("Annulé", [("cancel", "Annulé")], "cancel"),
        ("Locked", SALE_STATES, None),
    ],
)
def test_a_status_is_named_by_its_label_or_key(status: str, selection, key: str | None) -> None:
    assert state_key(status, selection) == key


def test_the_scenario_order_is_the_one_it_made() -> None:
    assert scenario_order({"purchase_order": Document(7, "P00007")}) == ("purchase.order", 7)
    assert scenario_order({"order": Document(3, "S00003")}) == ("sale.order", 3)


def test_no_order_or_two_orders_ask_to_open_the_one_meant() -> None:
    with pytest.raises(AssertionError, match="Open the order first"):
        scenario_order({})
    with pytest.raises(AssertionError, match="S00003, P00007"):
        scenario_order({"order": Document(3, "S00003"), "purchase_order": Document(7, "P00007")})


def test_quantities_compare_by_value_and_name_what_differs() -> None:
    fields = LINE_QUANTITIES["purchase.order"]
    lines = {"Elm Plank": {"product_qty": 10.0, "qty_received": 6.0, "qty_invoiced": 6.0}}
    assert quantity_mismatches([{"Product": "Elm Plank", "Ordered": "10", "Billed": "6.00"}], lines, fields) == []
    wrong = quantity_mismatches(
        [{"Product": "Elm Plank", "Received": "10"}, {"Product": "Elm Beam", "Ordered": "4"}], lines, fields
    )
    assert wrong == ['"Elm Plank" received 6, not 10', 'no line for "Elm Beam" (lines: Elm Plank)']


def test_delivered_and_received_invoiced_and_billed_are_the_same_column() -> None:
    for fields in LINE_QUANTITIES.values():
        assert fields["Delivered"] == fields["Received"] and fields["Invoiced"] == fields["Billed"]


@pytest.mark.parametrize(
    "lines, share",
    [
        ([(10, 0), (4, 0)], "none"),
        ([(10, 6), (4, 4)], "partly"),
        ([(10, 10), (4, 4)], "fully"),
        ([(10, 10.0001), (0, 0)], "fully"),  # a line with nothing ordered (a section) does not count
        ([], "none"),
    ],
)
def test_how_much_of_an_order_is_invoiced(lines, share: str) -> None:
    assert invoiced_share(lines) == share
