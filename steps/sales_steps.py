"""Sales: quotations and sales orders."""

from __future__ import annotations

from pytest_bdd import then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Order, Records, saved_document
from odoo_uat.outcome.readings import note
from odoo_uat.record_links import RecordLinks
from odoo_uat.values import same_amount
from odoo_uat.web.browser import ActingUsers
from pages.sales import QuotationForm


@when(
    phrase('I create a quotation for "{customer:Name}" with {quantity:Quantity} units of "{product:Name}"'),
    target_fixture="order",
)
def _(
    customer: str,
    quantity: float,
    product: str,
    acting: ActingUsers,
    names: ScenarioNames,
    odoo,
    record_links: RecordLinks,
) -> Order:
    """Create and save a quotation in the web client with one product line.

    Example: When I create a quotation for "Acme Retail" with 2 units of "Oak Pallet"
    """
    form = QuotationForm.new(acting.page)
    form.set_customer(names.real(customer))
    form.add_product(names.real(product), quantity)
    form.save()
    order = saved_document(odoo, "sale.order", form)
    record_links.add("sale.order", order.id, order.name)
    return order


@when("I confirm the quotation")
def _(order: Order, acting: ActingUsers) -> None:
    """Confirm the quotation on screen into a sales order.

    Example: When I confirm the quotation
    """
    QuotationForm.open(acting.page, order.id).confirm()


@then("the quotation is now a sales order")
def _(order: Order, odoo) -> None:
    """The order is confirmed in Odoo.

    Example: Then the quotation is now a sales order
    """
    state = note("state", odoo.env["sale.order"].read([order.id], ["state"])[0]["state"])
    assert state == "sale", f"{order.name} should be a confirmed sales order (state 'sale') but is in state {state!r}"


@then(phrase('the order shows {quantity:Quantity} units of "{product:Name}" delivered'))
def _(quantity: float, product: str, order: Order, odoo, records: Records) -> None:
    """The order line's delivered quantity, as Odoo computed it.

    Example: Then the order shows 2 units of "Oak Pallet" delivered
    """
    product_id = records.product(product)
    lines = odoo.env["sale.order.line"].search_read(
        [("order_id", "=", order.id), ("product_id", "=", product_id)], ["qty_delivered"]
    )
    assert lines, f'{order.name} has no line for "{product}"'
    delivered = note("qty_delivered", sum(line["qty_delivered"] for line in lines))
    assert same_amount(delivered, quantity, 3), (
        f'{order.name} should show {quantity:g} units of "{product}" delivered, but shows {delivered:g}'
    )
