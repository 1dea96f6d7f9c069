"""Customisations under test: the settings the example customisation (examples/addons) adds to Odoo."""

from __future__ import annotations

from pytest_bdd import given

from odoo_uat.authoring.params import phrase
from odoo_uat.odoo.records import Records
from odoo_uat.odoo.seeding import Seeding

# examples/addons/uat_minimum_order: the customer's minimum order amount (0: none).
MINIMUM_ORDER_FIELD = "minimum_order_amount"


@given(phrase('the minimum order amount agreed with "{customer:Name}" is {amount:Amount}'))
def _(customer: str, amount: float, seed: Seeding, records: Records) -> None:
    """Set the customer's minimum order amount (module uat_minimum_order): smaller orders cannot be confirmed.

    Example: Given the minimum order amount agreed with "Acme Retail" is 500.00
    """
    seed.update("res.partner", records.partner(customer, "customer", for_writing=True), {MINIMUM_ORDER_FIELD: amount})
