"""Customisations under test: the settings the example customisation (examples/addons) adds to Odoo."""
from __future__ import annotations

from pytest_bdd import given, parsers

from odoo_uat.authoring.values import parse_number
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Seeded, record_id_for

# examples/addons/uat_minimum_order: the customer's minimum order amount (0: none).
MINIMUM_ORDER_FIELD = "minimum_order_amount"


@given(parsers.parse('the minimum order amount agreed with "{customer}" is {amount}'))
def _(customer: str, amount: str, odoo, names: ScenarioNames, seeded: Seeded) -> None:
    """Set the customer's minimum order amount (module uat_minimum_order): smaller orders cannot be confirmed.

    Example: Given the minimum order amount agreed with "Acme Retail" is 500.00
    """
    customer_id = record_id_for(odoo, names, seeded, "res.partner", customer, "customer")
    odoo.env["res.partner"].write([customer_id], {MINIMUM_ORDER_FIELD: parse_number(amount)})
