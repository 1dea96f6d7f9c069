"""The RPC floor of each reference flow: its UI scenario's business result, done only over odoorpc.

Every record a floor creates goes through the run's factories or `Seeding.records`, so it carries the
bench run's marker; the documents Odoo makes from them (deliveries, invoices, returns) are found by the
cleanup through their marked partner or product.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from odoo_uat.odoo import factories
from odoo_uat.odoo.records import Order, find_one
from odoo_uat.odoo.run_id import new_run_id
from odoo_uat.odoo.seeding import Seeding, shipped_delivery

STOCK = "WH/Stock"


@dataclass(frozen=True)
class Flow:
    """A reference flow: the scenario that does it in the web client, and the same result over RPC."""

    name: str
    feature: str
    scenario: str
    floor: Callable[[Seeding, str], None]


def _validate(odoo, picking_ids: list[int], what: str) -> None:
    """Validate transfers in full; a wizard instead of a done transfer is an error naming it."""
    pickings = odoo.env["stock.picking"]
    for picking in picking_ids:
        pickings.action_assign([picking])
        answer = pickings.button_validate([picking])
        if isinstance(answer, dict):
            raise RuntimeError(f"Validating the {what} {picking} asked a question ({answer.get('res_model')}).")


def customer_product_stock(seed: Seeding, token: str, on_hand: float = 10) -> tuple[int, int]:
    """The quote-to-ship Background: a customer, a storable product at 45.00, units on hand in WH/Stock."""
    customer = seed.factories.Customer(name=f"Bench customer {token}")
    product = seed.factories.Product(name=f"Bench product {token}", list_price=45.0, standard_price=30.0)
    seed.put_on_hand([(product, find_one(seed.odoo, "stock.location", STOCK, field="complete_name"), on_hand)])
    return customer, product


def quote_to_ship(seed: Seeding, token: str) -> None:
    """Ship a confirmed order in full: order 2 units, confirm, deliver, invoice and post."""
    customer, product = customer_product_stock(seed, token)
    seed.sold_shipped_invoiced(customer, product, 2)


def receipt_to_putaway(seed: Seeding, token: str) -> None:
    """Received goods are stored on the shelf the putaway rule chooses (two-step reception)."""
    odoo, made = seed.odoo, seed.factories
    warehouse = made.Warehouse(name=f"Bench depot {token}", reception_steps="two_steps")
    depot = odoo.env["stock.warehouse"].read([warehouse], ["lot_stock_id", "in_type_id"])[0]
    stock, receipt_type = depot["lot_stock_id"][0], depot["in_type_id"][0]
    shelf = made.Location(name="Shelf A", location_id=stock)
    chilled, _dry = made.ProductCategory.create_rows([{"name": f"Chilled {token}"}, {"name": f"Dry Goods {token}"}])
    made.PutawayRule(category_id=chilled, location_in_id=stock, location_out_id=shelf)
    vendor = made.Vendor(name=f"Bench vendor {token}")
    product = made.Product(name=f"Bench yogurt {token}", categ_id=chilled, standard_price=4.0, vendor_id=vendor)
    order, _receipts = seed.received_goods(vendor, [(product, 10, 4.0)], picking_type_id=receipt_type)
    received = odoo.env["stock.move"].search([("purchase_line_id.order_id", "=", order)])
    storage = odoo.env["stock.move"].search_read([("move_orig_ids", "in", received)], ["picking_id"])
    _validate(odoo, sorted({move["picking_id"][0] for move in storage if move["picking_id"]}), "storage transfer")
    stored = odoo.env["stock.quant"].search_read(
        [("product_id", "=", product), ("location_id", "=", shelf)], ["quantity"]
    )
    if sum(quant["quantity"] for quant in stored) != 10:
        raise RuntimeError(f"The receipt floor stored {stored} on Shelf A instead of 10 units.")


def _move_description(odoo) -> dict[str, str]:
    """stock.move's required description on 18.0 (19.0 has no such field)."""
    return {"name": "Inspected"} if odoo.env["stock.move"].fields_get(["name"]) else {}


def return_to_inspection(seed: Seeding, token: str) -> None:
    """Returned goods wait in quarantine until inspection: return 3 of 5 shipped, put 2 back, scrap 1."""
    odoo = seed.odoo
    customer, product = customer_product_stock(seed, token)
    stock = find_one(odoo, "stock.location", STOCK, field="complete_name")
    quarantine = seed.quarantine_location(
        find_one(odoo, "stock.location", "WH", field="complete_name"), f"Quarantine {token}"
    )
    order: Order = seed.sold_shipped_invoiced(customer, product, 5)
    delivery = shipped_delivery(odoo, order)
    returns = odoo.env["stock.return.picking"].with_context(
        active_model="stock.picking", active_id=delivery, active_ids=[delivery]
    )
    wizard = returns.create({"picking_id": delivery})
    lines = odoo.env["stock.return.picking"].read([wizard], ["product_return_moves"])[0]["product_return_moves"]
    odoo.env["stock.return.picking.line"].write(lines, {"quantity": 3})
    action = returns.action_create_returns([wizard])
    odoo.env["stock.picking"].write([action["res_id"]], {"location_dest_id": quarantine})
    _validate(odoo, [action["res_id"]], "return")
    internal_type = odoo.env["stock.warehouse"].search_read([("lot_stock_id", "=", stock)], ["int_type_id"])[0]
    [put_back] = seed.records(
        "stock.picking",
        [
            {
                "picking_type_id": internal_type["int_type_id"][0],
                "location_id": quarantine,
                "location_dest_id": stock,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            **_move_description(odoo),
                            "product_id": product,
                            "product_uom_qty": 2,
                            "location_id": quarantine,
                            "location_dest_id": stock,
                        },
                    )
                ],
            }
        ],
    )
    odoo.env["stock.picking"].action_confirm([put_back])
    _validate(odoo, [put_back], "internal transfer")
    [scrap] = seed.records("stock.scrap", [{"product_id": product, "scrap_qty": 1, "location_id": quarantine}])
    answer = odoo.env["stock.scrap"].action_validate([scrap])
    if isinstance(answer, dict):
        raise RuntimeError(f"Scrapping from the quarantine asked a question ({answer.get('res_model')}).")
    left = odoo.env["stock.quant"].search_read(
        [("product_id", "=", product), ("location_id", "in", [quarantine, stock])], ["location_id", "quantity"]
    )
    held = {
        location: sum(q["quantity"] for q in left if q["location_id"][0] == location)
        for location in (quarantine, stock)
    }
    if held != {quarantine: 0, stock: 7}:
        raise RuntimeError(f"The return floor ended with {held} units (quarantine, stock) instead of 0 and 7.")


FLOWS = (
    Flow(
        "quote-to-ship", "features/order_to_cash/quote_to_ship.feature", "Ship a confirmed order in full", quote_to_ship
    ),
    Flow(
        "receipt-to-putaway",
        "features/procure_to_stock/receipt_to_putaway.feature",
        "Received goods are stored on the shelf the putaway rule chooses",
        receipt_to_putaway,
    ),
    Flow(
        "return-to-inspection",
        "features/returns/return_to_inspection.feature",
        "Returned goods wait in quarantine until inspection decides",
        return_to_inspection,
    ),
)


def time_floor(odoo, flow: Flow, run_id: str) -> float:
    """Seconds the flow takes over RPC, with fresh data of its own, marked as run_id's."""
    seed = Seeding(factories.bind(odoo, run_id))
    token = f"{run_id}-{new_run_id(4)}"  # names say the run; each round's data is fresh
    start = time.perf_counter()
    flow.floor(seed, token)
    return time.perf_counter() - start
