"""Orders, sales and purchase alike: cancel, back to quotation, status, and what was delivered and invoiced.

"The order" is the sales or purchase order on screen; when the screen shows another record, the one order
the scenario made (`I create a quotation…` or `I create a purchase order…`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page
from pytest_bdd import then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.authoring.tables import table_rows
from odoo_uat.odoo.records import Document, Records
from odoo_uat.outcome.readings import note
from odoo_uat.values import normalise_label, parse_number, same_amount
from odoo_uat.web.browser import ActingUsers
from odoo_uat.web.session import WebSession
from pages.components.form import MAIN_FORM, RECORD_ID_IN_URL
from pages.orders import OrderForm
from pages.purchase import BILLED_QTY, ORDERED_QTY, RECEIVED_QTY, PurchaseOrderForm
from pages.sales import DELIVERED_QTY, INVOICED_QTY, QuotationForm
from pages.sales import ORDERED_QTY as SOLD_QTY

FORMS: dict[str, type[OrderForm]] = {form.MODEL: form for form in (QuotationForm, PurchaseOrderForm)}
# The fixture each order-making phrase fills (sales_steps: "order", purchase_steps: "purchase_order").
SCENARIO_ORDERS = {"order": QuotationForm.MODEL, "purchase_order": PurchaseOrderForm.MODEL}
QUANTITY_DIGITS = 3
PRODUCT = "Product"
# A column of the quantities table -> the order line's field, per kind of order. Delivered/Received and
# Invoiced/Billed are the same column under the words each side of the business uses.
LINE_QUANTITIES: dict[str, dict[str, str]] = {
    QuotationForm.MODEL: {
        "Ordered": SOLD_QTY,
        "Delivered": DELIVERED_QTY,
        "Received": DELIVERED_QTY,
        "Invoiced": INVOICED_QTY,
        "Billed": INVOICED_QTY,
    },
    PurchaseOrderForm.MODEL: {
        "Ordered": ORDERED_QTY,
        "Received": RECEIVED_QTY,
        "Delivered": RECEIVED_QTY,
        "Billed": BILLED_QTY,
        "Invoiced": BILLED_QTY,
    },
}
QUANTITY_COLUMNS = ("Ordered", "Delivered", "Received", "Invoiced", "Billed")


@dataclass(frozen=True)
class OrderRef:
    """A sales or purchase order: its model, id and number."""

    model: str
    id: int
    name: str


def order_on_screen(page: Page) -> tuple[str, int] | None:
    """The (model, id) of the saved sales or purchase order whose form is the main view, if that is what shows."""
    if not page.locator(MAIN_FORM).first.is_visible():
        return None
    model = WebSession.of(page).current_model()
    found = RECORD_ID_IN_URL.findall(page.url)
    if model not in FORMS or not found:
        return None
    return model, int(found[-1])


def scenario_order(made: Mapping[str, Document]) -> tuple[str, int]:
    """The one order the scenario made, from the fixtures filled (`made`: fixture name -> document)."""
    if len(made) == 1:
        (fixture, document), *_ = made.items()
        return SCENARIO_ORDERS[fixture], document.id
    if not made:
        raise AssertionError(
            "No order to act on: the screen shows no sales or purchase order, and the scenario made none. "
            'Open the order first (When I open the record "<its number>"), or make it with '
            '"I create a quotation for …" or "I create a purchase order from …".'
        )
    names = ", ".join(document.name for document in made.values())
    raise AssertionError(f"Which order? The scenario made several ({names}): open the one meant first.")


def the_order(page: Page, request: pytest.FixtureRequest, odoo) -> OrderRef:
    """The order on screen, else the scenario's one order."""
    found = order_on_screen(page)
    if found is None:
        made = {}
        for fixture in SCENARIO_ORDERS:
            try:
                made[fixture] = request.getfixturevalue(fixture)
            except pytest.FixtureLookupError:
                continue
        found = scenario_order(made)
    model, record_id = found
    return OrderRef(model, record_id, odoo.env[model].read([record_id], ["name"])[0]["name"])


def open_order(page: Page, order: OrderRef) -> OrderForm:
    """The order's form: the one on screen, else opened."""
    form = FORMS[order.model]
    if order_on_screen(page) == (order.model, order.id):
        return form(page)
    return form.open(page, order.id)


def state_key(status: str, selection: Sequence[tuple[str, str]]) -> str | None:
    """The state a status names: its label as shown (any case) or its key; None when none does."""
    wanted = normalise_label(status)
    return next((key for key, label in selection if wanted in (normalise_label(label), normalise_label(key))), None)


def quantity_mismatches(
    expected: Sequence[Mapping[str, str]], lines: Mapping[str, Mapping[str, float]], fields: Mapping[str, str]
) -> list[str]:
    """What differs between the table's rows and the order's lines (product -> field -> quantity summed)."""
    wrong = []
    for row in expected:
        product = row[PRODUCT]
        line = lines.get(product)
        if line is None:
            wrong.append(f'no line for "{product}" (lines: {", ".join(lines) or "none"})')
            continue
        for column, text in row.items():
            if column == PRODUCT:
                continue
            shown = line[fields[column]]
            if not same_amount(shown, parse_number(text), QUANTITY_DIGITS):
                wrong.append(f'"{product}" {column.lower()} {shown:g}, not {text}')
    return wrong


@when("I cancel the order")
def _(acting: ActingUsers, request: pytest.FixtureRequest, odoo) -> None:
    """Cancel the sales or purchase order, saying yes to Odoo's confirmation (19.0) or its cancel wizard (18.0).

    Works whatever the language: in French the order's "Annuler" is clicked, never the dialog's.
    Example: When I cancel the order
    """
    open_order(acting.page, the_order(acting.page, request, odoo)).cancel()


@when("I set the order back to quotation")
def _(acting: ActingUsers, request: pytest.FixtureRequest, odoo) -> None:
    """Set the cancelled sales order back to a quotation, or the cancelled purchase order back to a request for quotation.

    Example: When I set the order back to quotation
    """
    open_order(acting.page, the_order(acting.page, request, odoo)).set_to_quotation()


@then(phrase('the order is "{status:Label}"'))
def _(status: str, acting: ActingUsers, request: pytest.FixtureRequest, odoo) -> None:
    """The order's status in Odoo, named as its status bar shows it in the user's language ("Cancelled", "RFQ").

    Example: Then the order is "Cancelled"
    """
    order = the_order(acting.page, request, odoo)
    selection = WebSession.of(acting.page).fields(order.model)["state"].selection
    state = note("state", odoo.env[order.model].read([order.id], ["state"])[0]["state"])
    key = state_key(status, selection)
    labels = dict(selection)
    if key is None:
        raise AssertionError(
            f'An order has no status "{status}". Its statuses: {", ".join(repr(label) for _, label in selection)}.'
        )
    assert state == key, f'{order.name} should be "{labels[key]}" but is "{labels.get(state, state)}" in Odoo'


@then("the order's quantities are:")
def _(datatable: list[list[str]], acting: ActingUsers, request: pytest.FixtureRequest, odoo, records: Records) -> None:
    """Per product, the order's ordered, delivered (received) and invoiced (billed) quantities, as Odoo computed them.

    Any of the quantity columns will do; Delivered and Received, Invoiced and Billed are the same column.
    Columns: Product, Ordered, Delivered, Received, Invoiced, Billed.
    Example: Then the order's quantities are:
    """
    rows = table_rows(datatable, (PRODUCT, *QUANTITY_COLUMNS), required=[PRODUCT])
    order = the_order(acting.page, request, odoo)
    fields = LINE_QUANTITIES[order.model]
    lines: dict[str, dict[str, float]] = {}
    for row in rows:
        found = odoo.env[f"{order.model}.line"].search_read(
            [("order_id", "=", order.id), ("product_id", "=", records.product(row[PRODUCT]))],
            sorted(set(fields.values())),
        )
        if found:
            lines[row[PRODUCT]] = note(row[PRODUCT], {f: sum(line[f] for line in found) for f in set(fields.values())})
    wrong = quantity_mismatches(rows, lines, fields)
    assert not wrong, f"{order.name}: " + "; ".join(wrong)


def invoiced_share(lines: Sequence[tuple[float, float]]) -> str:
    """'none', 'partly' or 'fully': how much of the ordered quantities (ordered, invoiced per line) is invoiced."""
    ordered = [(wanted, done) for wanted, done in lines if wanted]
    if not ordered or all(same_amount(done, 0, QUANTITY_DIGITS) for _, done in ordered):
        return "none"
    if all(done >= wanted or same_amount(done, wanted, QUANTITY_DIGITS) for wanted, done in ordered):
        return "fully"
    return "partly"


def expect_invoiced(wanted: str, acting: ActingUsers, request: pytest.FixtureRequest, odoo) -> None:
    """The order on screen (or the scenario's one) is `wanted` ("partly", "fully") invoiced, read from its lines."""
    order = the_order(acting.page, request, odoo)
    fields = LINE_QUANTITIES[order.model]
    ordered, invoiced = fields["Ordered"], fields["Invoiced"]
    lines = odoo.env[f"{order.model}.line"].search_read(
        [("order_id", "=", order.id), ("display_type", "=", False)], ["product_id", ordered, invoiced]
    )
    share = note("invoiced", invoiced_share([(line[ordered], line[invoiced]) for line in lines]))
    shown = ", ".join(f"{line['product_id'][1]} {line[invoiced]:g}/{line[ordered]:g}" for line in lines)
    assert share == wanted, (
        f"{order.name} should be {wanted} invoiced but is {share} invoiced (invoiced/ordered: {shown})"
    )


@then("the order is partly invoiced")
@then("the order is partly billed")
def _(acting: ActingUsers, request: pytest.FixtureRequest, odoo) -> None:
    """Some of the order's ordered quantities are invoiced (billed), not all of them.

    Example: Then the order is partly billed
    """
    expect_invoiced("partly", acting, request, odoo)


@then("the order is fully invoiced")
@then("the order is fully billed")
def _(acting: ActingUsers, request: pytest.FixtureRequest, odoo) -> None:
    """Every ordered quantity of the order is invoiced (billed).

    Example: Then the order is fully billed
    """
    expect_invoiced("fully", acting, request, odoo)
