"""Why a button is missing: the access right its label needs, the groups a view restricts it to, the advice."""

from __future__ import annotations

import pytest

from pages.components.rights import MissingRight, button_groups, operation_of

FORM = """<form><header>
  <button name="action_confirm" string="Confirm" type="object" groups="sales_team.group_sale_manager"/>
  <button name="action_cancel" string="Cancel" type="object"/>
  <button name="action_lock" string="Lock" type="object" groups="sale.group_auto_done_setting,!base.group_portal"/>
</header><sheet><field name="name"/></sheet></form>"""


@pytest.mark.parametrize(
    "label, operation",
    [
        ("New", "create"),
        ("new ", "create"),
        ("Duplicate", "create"),
        ("Save", "write"),
        ("Archive", "write"),
        ("Delete", "unlink"),
        ("Confirm", None),
    ],
)
def test_buttons_that_need_an_access_right(label: str, operation: str | None) -> None:
    assert operation_of(label) == operation


def test_a_view_s_button_groups_are_read_by_label_without_negations() -> None:
    assert button_groups(FORM, "confirm") == ["sales_team.group_sale_manager"]
    assert button_groups(FORM, "Lock") == ["sale.group_auto_done_setting"]
    assert button_groups(FORM, "Cancel") == []
    assert button_groups("<form", "Confirm") == []  # an arch that does not parse says nothing


def test_the_advice_names_the_right_and_the_roles_file_change() -> None:
    missing = MissingRight(
        'may not create records of res.partner ("New" needs the create access right)',
        ("base.group_partner_manager", "base.group_system"),
    )
    advice = missing.advice("Sales coordinator")
    assert advice == (
        'The "Sales coordinator" may not create records of res.partner ("New" needs the create access '
        'right): add "base.group_partner_manager" or "base.group_system" to the groups of '
        '["Sales coordinator"] in roles.toml to grant it.'
    )
    assert MissingRight("may not delete records of x", ()).advice("Buyer") == 'The "Buyer" may not delete records of x.'
