"""The roles file: plain-word roles, their logins and errors for unknown roles."""

from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from odoo_uat.odoo.roles import (
    DEFAULT_ACCESS,
    INTERNAL_USER,
    Grant,
    Role,
    Roles,
    RoleSecretError,
    RolesFileError,
    UnknownRoleError,
    administrator_refusal,
    extra_rights,
    ids_of,
    role_group_ids,
    role_secret,
    undeclared_administrators,
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


def test_a_role_s_user_gets_the_defaults_it_takes_then_its_own_groups_once() -> None:
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


# The roles file checked: each error names the file, the role and the fix (issue 22).


def roles_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roles.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    """The message refusing the roles file; it names the file."""
    with pytest.raises(RolesFileError) as error:
        Roles(path)
    assert str(path) in str(error.value)
    return str(error.value)


def test_a_toml_syntax_error_names_the_file_line_and_column(tmp_path) -> None:
    message = refusal(roles_file(tmp_path, '["Buyer"]\ngroups = [purchase.group_purchase_user]\n'))
    assert "not valid TOML at line 2, column 11" in message and "(at line" not in message


def test_a_role_that_is_not_a_table_is_refused(tmp_path) -> None:
    message = refusal(roles_file(tmp_path, 'Buyer = "purchase.group_purchase_user"\n'))
    assert '"Buyer"' in message and "not a table" in message and '["Buyer"]' in message


def test_groups_as_one_string_is_refused_not_read_one_character_at_a_time(tmp_path) -> None:
    message = refusal(roles_file(tmp_path, '["Buyer"]\ngroups = "purchase.group_purchase_user"\n'))
    assert '"Buyer"' in message and 'groups = ["purchase.group_purchase_user"]' in message


@pytest.mark.parametrize("group", ["3", '"purchase"', '{ id = "purchase.group_purchase_user" }'])
def test_a_group_that_is_no_xml_id_is_refused(tmp_path, group: str) -> None:
    message = refusal(roles_file(tmp_path, f'["Buyer"]\ngroups = [{group}]\n'))
    assert '"Buyer"' in message and "XML id" in message


def test_an_unknown_setting_is_refused_with_the_close_one(tmp_path) -> None:
    message = refusal(roles_file(tmp_path, '["Buyer"]\ngroup = ["purchase.group_purchase_user"]\n'))
    assert '"Buyer"' in message and '"group"' in message and 'did you mean "groups"' in message


@pytest.mark.parametrize(
    ("setting", "fix"),
    [("description = 3", "write a text"), ('default_access = "yes"', "true or false"), ('login = "admin"', "uat-")],
)
def test_a_setting_of_the_wrong_kind_is_refused(tmp_path, setting: str, fix: str) -> None:
    message = refusal(roles_file(tmp_path, f'["Buyer"]\ngroups = []\n{setting}\n'))
    assert '"Buyer"' in message and fix in message


def test_two_roles_whose_logins_collide_are_refused_naming_both(tmp_path) -> None:
    message = refusal(roles_file(tmp_path, '["Sales coordinator"]\ngroups = []\n["sales-coordinator"]\ngroups = []\n'))
    assert '"Sales coordinator"' in message and '"sales-coordinator"' in message
    assert "uat-sales-coordinator" in message and "login =" in message


def test_two_roles_differing_only_by_case_are_refused_even_with_logins_of_their_own(tmp_path) -> None:
    text = '["Buyer"]\ngroups = []\n["buyer"]\ngroups = []\nlogin = "uat-buyer-2"\n'
    assert "differ only by case" in refusal(roles_file(tmp_path, text))


def test_an_accented_name_gives_its_ascii_login(tmp_path) -> None:
    roles = Roles(roles_file(tmp_path, '["Préparateur de commandes"]\ngroups = []\n'))
    assert roles["préparateur de commandes"].login == "uat-preparateur-de-commandes"


def test_a_name_without_any_ascii_letter_is_refused_or_takes_the_login_it_sets(tmp_path) -> None:
    message = refusal(roles_file(tmp_path, '["会计"]\ngroups = []\n'))
    assert '"会计"' in message and "add an ASCII letter" in message.replace("Add", "add") and "login =" in message
    roles = Roles(roles_file(tmp_path, '["会计"]\ngroups = []\nlogin = "uat-accountant"\n'))
    assert roles["会计"].login == "uat-accountant"


def test_a_role_takes_the_default_access_only_when_it_says_so(tmp_path) -> None:
    roles = Roles(roles_file(tmp_path, '["Buyer"]\ngroups = []\n["Clerk"]\ngroups = []\ndefault_access = true\n'))
    assert roles["Buyer"].default_access is False and roles["Clerk"].default_access is True


def test_the_shipped_roles_file_passes_its_checks_and_documents_default_access() -> None:
    assert all(role.login.startswith("uat-") for role in Roles(ROOT / "roles.toml"))
    assert "default_access = true" in (ROOT / "roles.toml").read_text(encoding="utf-8")


# An administrator group a role does not declare.

ADMINISTRATORS = {9: "purchase.group_purchase_manager", 40: "base.group_system", 41: "base.group_erp_manager"}


def test_an_administrator_group_a_declared_group_implies_is_found_with_its_source() -> None:
    role = Role("Buyer", ("purchase.group_purchase_user",))
    grant = Grant((1, 7), {INTERNAL_USER: frozenset({1}), "purchase.group_purchase_user": frozenset({7, 9})})
    assert undeclared_administrators(role, grant, ADMINISTRATORS) == [
        ("purchase.group_purchase_manager", ("purchase.group_purchase_user",))
    ]


def test_an_administrator_group_the_role_declares_or_one_it_implies_is_not_found() -> None:
    role = Role("Admin", ("base.group_system",))
    grant = Grant((1, 40), {INTERNAL_USER: frozenset({1}), "base.group_system": frozenset({40, 41, 1})})
    assert undeclared_administrators(role, grant, ADMINISTRATORS) == []


def test_the_refusal_names_the_role_the_groups_their_source_and_the_fix(tmp_path) -> None:
    role = Role("Buyer", ("purchase.group_purchase_user",), default_access=True)
    found = [
        ("base.group_system", (DEFAULT_ACCESS,)),
        ("purchase.group_purchase_manager", ("purchase.group_purchase_user",)),
    ]
    names = {"base.group_system": "Role / Administrator", "purchase.group_purchase_manager": "Purchase / Administrator"}
    message = administrator_refusal(role, tmp_path / "roles.toml", found, names, "staging")
    assert f'"Buyer" in {tmp_path / "roles.toml"}' in message and "(staging)" in message
    assert 'base.group_system ("Role / Administrator") comes with the database\'s default access' in message
    assert (
        'purchase.group_purchase_manager ("Purchase / Administrator") comes with purchase.group_purchase_user'
        in message
    )
    assert "remove default_access = true" in message and "does not imply it" in message


# The secret role passwords come from: never the admin password (issue 22).


def test_the_role_secret_is_made_once_in_the_cache_readable_only_by_its_owner(tmp_path) -> None:
    secret = role_secret(tmp_path / "cache", environ={})
    path = tmp_path / "cache" / "role-secret"
    assert len(secret) >= 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert role_secret(tmp_path / "cache", environ={}) == secret  # every worker, every run on this machine
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["role-secret"]


def test_the_role_secret_of_the_environment_wins_and_a_short_one_is_refused(tmp_path) -> None:
    assert role_secret(tmp_path, environ={"ODOO_UAT_ROLE_SECRET": "x" * 40}) == "x" * 40
    with pytest.raises(RoleSecretError, match="ODOO_UAT_ROLE_SECRET is 5 characters"):
        role_secret(tmp_path, environ={"ODOO_UAT_ROLE_SECRET": "short"})
    assert not (tmp_path / "role-secret").exists()


def test_a_role_secret_others_can_read_or_a_link_is_refused_naming_the_file(tmp_path) -> None:
    path = tmp_path / "role-secret"
    path.write_text("y" * 43)
    path.chmod(0o644)
    with pytest.raises(RoleSecretError, match=f"{path} can be read by others .*chmod 600"):
        role_secret(tmp_path, environ={})
    path.unlink()
    (tmp_path / "elsewhere").write_text("y" * 43)
    (tmp_path / "elsewhere").chmod(0o600)
    path.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(RoleSecretError, match=f"{path} is a symbolic link"):
        role_secret(tmp_path, environ={})


def test_workers_making_the_secret_at_once_all_get_the_first_one(tmp_path) -> None:
    with ThreadPoolExecutor(8) as pool:
        secrets = set(pool.map(lambda _: role_secret(tmp_path, environ={}), range(16)))
    assert len(secrets) == 1
