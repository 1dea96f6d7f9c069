"""The roles file: plain-word roles, their logins and errors for unknown roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.odoo.roles import (
    Roles,
    UnknownRoleError,
    extra_rights,
    ids_of,
    role_group_ids,
)

ROOT = Path(__file__).resolve().parents[3]


def test_the_shipped_roles_file_has_the_roles_of_quote_to_ship():
    roles = Roles(ROOT / "roles.toml")
    for name in ("Sales coordinator", "Warehouse operator", "Accountant"):
        assert roles[name].groups


def test_roles_are_found_whatever_the_case():
    assert Roles(ROOT / "roles.toml")["sales COORDINATOR"].login == "uat-sales-coordinator"


def test_an_unknown_role_lists_the_known_ones_and_the_file(tmp_path):
    path = tmp_path / "roles.toml"
    path.write_text('["Buyer"]\ngroups = ["purchase.group_purchase_user"]\n')
    with pytest.raises(UnknownRoleError) as error:
        Roles(path)["Byer"]
    assert '"Buyer"' in str(error.value)
    assert str(path) in str(error.value)


def test_a_role_password_is_the_same_for_every_worker_and_differs_per_database():
    role = Roles(ROOT / "roles.toml")["Accountant"]
    assert role.password("admin", "db1") == role.password("admin", "db1")
    assert role.password("admin", "db1") != role.password("admin", "db2")
    assert "admin" not in role.password("admin", "db1")


def test_ids_of_reads_plain_ids_and_the_commands_default_get_gives() -> None:
    assert ids_of([[6, 0, [1, 7]]]) == [1, 7]
    assert ids_of([3, 4, 3]) == [3, 4]
    assert ids_of([(4, 9), (6, 0, [2])]) == [9, 2]
    assert ids_of(None) == []


def test_a_role_s_user_gets_the_new_user_defaults_then_its_own_groups_once() -> None:
    assert role_group_ids([1, 12], [1, 40, 12, 41]) == [1, 12, 40, 41]


def test_of_the_new_user_defaults_only_rights_outside_applications_are_kept() -> None:
    defaults = [
        (1, "base.module_category_user_type"),
        (9, "base.module_category_usability"),
        (40, "base.module_category_sales_sales"),
        (55, "base.module_category_inventory_inventory"),
        (8, "base.module_category_hidden"),
        (70, None),
    ]
    assert extra_rights(defaults) == [1, 9, 8, 70]
