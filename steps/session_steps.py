"""Who acts: logging in to the web client as a role from the roles file."""

from __future__ import annotations

from pytest_bdd import given, when

from odoo_uat.authoring.params import phrase
from odoo_uat.web.browser import ActingUsers

LOGIN = phrase('I am logged in as {:Article} "{role:Role}"')
SWITCH = phrase('I {:LogIn} as {:Article} "{role:Role}"')


@given(LOGIN)
def _(role: str, acting: ActingUsers) -> None:
    """Act in the web client as this role (its user is created the first time).

    Example: Given I am logged in as a "Sales coordinator"
    """
    acting.login_as(role)


@when(SWITCH)
def _(role: str, acting: ActingUsers) -> None:
    """Hand over to another role in the middle of a scenario.

    Example: When I log in as the "Warehouse operator"
    """
    acting.login_as(role)
