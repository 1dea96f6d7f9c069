"""Invoicing: invoices from sales orders."""

from __future__ import annotations

from pytest_bdd import then, when

from odoo_uat.odoo.records import Order
from odoo_uat.outcome.readings import note
from odoo_uat.values import same_amount
from odoo_uat.web.browser import ActingUsers
from pages.invoicing import invoice_order
from pages.sales import QuotationForm


@when("I create and post the invoice for the order")
def _(order: Order, acting: ActingUsers) -> None:
    """From the sales order, create the invoice in the web client and post it.

    Example: When I create and post the invoice for the order
    """
    invoice_order(QuotationForm.open(acting.page, order.id)).post()


@then("the order is invoiced for its total")
def _(order: Order, odoo) -> None:
    """The order's posted customer invoices add up to the order total.

    Example: Then the order is invoiced for its total
    """
    data = odoo.env["sale.order"].read([order.id], ["amount_total", "invoice_ids", "invoice_status"])[0]
    invoices = odoo.env["account.move"].read(data["invoice_ids"], ["name", "state", "amount_total", "move_type"])
    posted = [inv for inv in invoices if inv["state"] == "posted" and inv["move_type"] == "out_invoice"]
    assert posted, f"{order.name} has no posted invoice (invoices: {[(i['name'], i['state']) for i in invoices]})"
    total = note("invoiced total", sum(inv["amount_total"] for inv in posted))
    note("order total", data["amount_total"])
    assert same_amount(total, data["amount_total"]), (
        f"{order.name} totals {data['amount_total']:.2f} but its posted invoices total {total:.2f}"
    )
    assert data["invoice_status"] == "invoiced", (
        f"{order.name} should be fully invoiced but its invoice status is {data['invoice_status']!r}"
    )
