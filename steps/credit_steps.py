"""Credit control: credit limits, the warning and the risk hold on quotations, collecting open invoices."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import expect
from pytest_bdd import given, then, when

from odoo_uat.authoring.params import phrase
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Document, Order, Records
from odoo_uat.odoo.seeding import Seeding
from odoo_uat.outcome.readings import note
from odoo_uat.values import parse_number, same_amount
from odoo_uat.web.browser import ActingUsers
from pages.credit import CreditCheckedQuotation, CustomerInvoiceForm, RiskExceededDialog

QUOTATION_STATES = ("draft", "sent")
PAID_STATES = ("paid", "in_payment")
MONEY = re.compile(r"\d[\d.,\u00a0\u202f]*\d|\d")  # thousands may be split by (narrow) no-break spaces


@dataclass(frozen=True)
class ConfirmAttempt:
    """What clicking Confirm on a quotation led to: the risk dialog (refused), or none (confirmed)."""

    risk_message: str | None
    can_override: bool


@given("credit limits are enabled in the accounting settings")
def _(seed: Seeding) -> None:
    """Turn on Accounting > Settings > Sales Credit Limit for the company (once; customers without a limit are not affected).

    Example: Given credit limits are enabled in the accounting settings
    """
    seed.enable_credit_limits()


@given(phrase('"{customer:Name}" owes {amount:Amount} on a posted invoice'), target_fixture="open_invoice")
def _(customer: str, amount: float, seed: Seeding, records: Records) -> Document:
    """Post a customer invoice of exactly this amount (one line, no tax), left unpaid.

    Example: Given "Acme Retail" owes 900.00 on a posted invoice
    """
    return seed.unpaid_invoice(records.partner(customer, "customer", for_writing=True), amount)


@given(phrase('the financial risk of "{customer:Name}" counts its open invoices and sales orders'))
def _(customer: str, seed: Seeding, records: Records) -> None:
    """Set the customer's risk (OCA financial risk) to add up open and overdue invoices and confirmed orders.

    Example: Given the financial risk of "Acme Retail" counts its open invoices and sales orders
    """
    seed.count_risk_of_open_documents(records.partner(customer, "customer", for_writing=True))


@when("I try to confirm the quotation", target_fixture="confirm_attempt")
def _(order: Order, acting: ActingUsers) -> ConfirmAttempt:
    """Click Confirm on the quotation in the web client, whatever comes of it.

    Example: When I try to confirm the quotation
    """
    dialog: RiskExceededDialog | None = CreditCheckedQuotation.open(acting.page, order.id).try_to_confirm()
    if dialog is None:
        return ConfirmAttempt(None, False)
    return ConfirmAttempt(dialog.message, dialog.can_override)


@when("I register the payment of the open invoice")
def _(open_invoice: Document, acting: ActingUsers) -> None:
    """On the open invoice in the web client: Register Payment, then Create Payment for the amount due.

    Example: When I register the payment of the open invoice
    """
    CustomerInvoiceForm.open(acting.page, open_invoice.id).register_payment()


@then(phrase('the quotation warns that "{customer:Name}" has reached its credit limit of {limit:Amount}'))
def _(customer: str, limit: float, order: Order, acting: ActingUsers, odoo, names: ScenarioNames) -> None:
    """The quotation on screen shows the credit-limit banner naming the customer and its limit.

    Example: Then the quotation warns that "Acme Retail" has reached its credit limit of 1,000.00
    """
    warning = odoo.env["sale.order"].read([order.id], ["partner_credit_warning"])[0]["partner_credit_warning"]
    assert warning, (
        f"{order.name} should carry a credit-limit warning for {names.real(customer)}, but Odoo "
        "computes none (is the limit below what the customer owes plus this order?)"
    )
    banner = CreditCheckedQuotation.open(acting.page, order.id).credit_warning
    expect(
        banner, f"{order.name} should show the credit-limit warning on screen (Odoo computes {warning!r})"
    ).to_be_visible()
    shown = note("warning", banner.inner_text().strip())
    assert names.real(customer) in shown, f"The warning should name {names.real(customer)!r}, but says {shown!r}"
    amounts = [_number(text) for text in MONEY.findall(shown)]
    assert any(same_amount(amount, limit) for amount in amounts if amount is not None), (
        f"The warning should give the credit limit {limit:,.2f}, but says {shown!r}"
    )


@then(phrase('the confirmation is refused because "{customer:Name}" would exceed its credit risk'))
def _(customer: str, confirm_attempt: ConfirmAttempt, order: Order, odoo, names: ScenarioNames) -> None:
    """Confirm led to the "risk exceeded" dialog, with a reason, and Odoo kept the order unconfirmed.

    Example: Then the confirmation is refused because "Acme Retail" would exceed its credit risk
    """
    state = note("state", odoo.env["sale.order"].read([order.id], ["state"])[0]["state"])
    assert confirm_attempt.risk_message is not None, (
        f"Confirming {order.name} for {names.real(customer)} should have been refused over its credit risk, "
        f"but no risk dialog came and the order is in state {state!r}"
    )
    assert confirm_attempt.risk_message, "The risk dialog should say why the order is refused, but gives no reason"
    assert state in QUOTATION_STATES, (
        f"{order.name} should still be a quotation after the refusal, but is in state {state!r}"
    )


@then("I am not offered to confirm it over the risk")
def _(confirm_attempt: ConfirmAttempt) -> None:
    """The risk dialog has no "Continue" button for the acting role (only risk managers get one).

    Example: Then I am not offered to confirm it over the risk
    """
    assert confirm_attempt.risk_message is not None, "No risk dialog was shown, so there was nothing to override"
    assert not confirm_attempt.can_override, (
        "The risk dialog should not let this role confirm over the risk, but it offers Continue"
    )


@then("the order is still a quotation")
def _(order: Order, odoo) -> None:
    """The order is not confirmed in Odoo.

    Example: Then the order is still a quotation
    """
    state = note("state", odoo.env["sale.order"].read([order.id], ["state"])[0]["state"])
    assert state in QUOTATION_STATES, f"{order.name} should still be a quotation, but is in state {state!r}"


@then("the open invoice is paid")
def _(open_invoice: Document, odoo) -> None:
    """The invoice has nothing left to pay.

    Example: Then the open invoice is paid
    """
    invoice = odoo.env["account.move"].read([open_invoice.id], ["amount_residual", "payment_state"])[0]
    note("amount due", invoice["amount_residual"])
    assert same_amount(invoice["amount_residual"], 0) and invoice["payment_state"] in PAID_STATES, (
        f"{open_invoice.name} should be paid, but {invoice['amount_residual']:.2f} is still due "
        f"(payment state {invoice['payment_state']!r})"
    )


def _number(text: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError:
        return None
