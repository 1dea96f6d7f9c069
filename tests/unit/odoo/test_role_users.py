"""Role users: created once, updated otherwise, and a user another machine created meanwhile is updated, not
an error (the lock that serialises workers is per machine); a user a worker of the same run made ready is not
written again, unless another machine changed its password. A role user holds exactly the groups the roles file
gives, whatever the database's default access for new users says; a role that would be an administrator it does
not declare is refused (issue 22). The shared fake Odoo (tests/unit/fake_odoo.py), no Odoo."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from odoorpc.error import RPCError

from odoo_uat.odoo.role_users import RoleUsers
from odoo_uat.odoo.roles import Roles
from odoo_uat.odoo.target import OdooTarget
from tests.unit.fake_odoo import FakeModel, FakeOdoo, rpc_error

COMPAT = SimpleNamespace(
    user_groups_field="group_ids", implied_groups_field="all_implied_ids", user_all_groups_field="all_group_ids"
)
SECRET = "a-role-secret-of-this-machine-0123456789"
ADMIN_PASSWORD = "admin"
BUYER = '["Buyer"]\ngroups = ["purchase.group_purchase_user"]\n'
READY = {"login": "uat-buyer", "active": True, "email": "uat-buyer@example.com"}

# The groups of a 19.0 database, as (id, XML id, shown name, every group it gives, itself included).
GROUPS = [
    (1, "base.group_user", "Role / User", [1, 2]),
    (2, "base.group_no_one", "Technical Features", [2]),
    (7, "purchase.group_purchase_user", "Purchase / User", [7, 8]),
    (8, "product.group_product_variant", "Manage Product Variants", [8]),
    (9, "purchase.group_purchase_manager", "Purchase / Administrator", [9, 7, 8]),
    (20, "sales_team.group_sale_manager", "Sales / Administrator", [20]),
    (30, "base.group_partner_manager", "Contact / Creation", [30]),
    (40, "base.group_system", "Role / Administrator", [40, 41, 1, 2]),
    (41, "base.group_erp_manager", "Access Rights", [41, 1, 2]),
]
THE_BUYER_S = {1, 2, 7, 8}  # the internal-user group, the role's, and what they imply
# The staging of issue 22: its default access for new users makes a user a Sales administrator.
STAGING_DEFAULTS = [1, 20, 30]


def implied(odoo: FakeOdoo, ids: list[int]) -> list[int]:
    """Every group the groups give, as 19.0's all_group_ids."""
    gives = {row["id"]: row["all_implied_ids"] for row in odoo.rows["res.groups"]}
    return sorted({group for group_id in ids for group in gives.get(group_id, [group_id])})


class Users(FakeModel):
    """res.users: a login is unique; the groups field applies (6, 0, ids) and all_group_ids follows it; a user
    created without groups gets the database's default access for new users, as Odoo does."""

    def _groups(self, values: dict) -> dict:
        if "group_ids" in values:
            [(_, _, ids)] = values["group_ids"]
            values = {**values, "group_ids": list(ids), "all_group_ids": implied(self.odoo, ids)}
        return values

    def create(self, values):
        if any(row["login"] == values["login"] for row in self.rows):
            raise rpc_error('duplicate key value violates unique constraint "res_users_login_key"')
        values = {"group_ids": [(6, 0, self.odoo.defaults)], **values}
        return super().create(self._groups(values))

    def write(self, ids, values):
        return super().write(ids, self._groups(values))

    def default_get(self, fields):
        return {"group_ids": [(6, 0, self.odoo.defaults)]}


class UsersCreatedElsewhere(Users):
    """res.users where another machine creates the user between this one's search and create."""

    def create(self, values):
        self.rows.append({"id": 41, "login": values["login"]})
        return super().create(values)


class UsersGivenSalesAdministration(Users):
    """res.users of a database with a module that makes every new user a Sales administrator."""

    def create(self, values):
        [(_, _, ids)] = values["group_ids"]
        return super().create({**values, "group_ids": [(6, 0, [*ids, 20])]})


@pytest.fixture
def fake_odoo(fake_odoo: FakeOdoo) -> FakeOdoo:
    """The shared fake Odoo with res.users' unique login, 19.0's groups and the staging's default access."""
    fake_odoo.models["res.users"] = Users
    fake_odoo.defaults = STAGING_DEFAULTS  # type: ignore[attr-defined]
    for group_id, xml_id, name, gives in GROUPS:
        module, _, record = xml_id.partition(".")
        fake_odoo.rows["res.groups"].append({"id": group_id, "full_name": name, "all_implied_ids": gives})
        fake_odoo.rows["ir.model.data"].append(
            {"id": 1000 + group_id, "model": "res.groups", "module": module, "name": record, "res_id": group_id}
        )
    return fake_odoo


def roles_file(tmp_path: Path, text: str = BUYER) -> Roles:
    path = tmp_path / "roles.toml"
    path.write_text(text, encoding="utf-8")
    return Roles(path)


@pytest.fixture
def roles(tmp_path: Path) -> Roles:
    return roles_file(tmp_path)


def role_users(
    odoo: FakeOdoo,
    roles: Roles,
    monkeypatch: pytest.MonkeyPatch,
    run_id: str | None = None,
    can_log_in: bool = True,
    **options,
) -> RoleUsers:
    target = OdooTarget(url="http://127.0.0.1:1", db="uat_x", login="admin", password=ADMIN_PASSWORD)
    monkeypatch.setenv("ODOO_UAT_ROLE_SECRET", SECRET)
    service = RoleUsers(odoo, compat=COMPAT, roles=roles, target=target, run_id=run_id, **options)  # type: ignore[arg-type]
    monkeypatch.setattr(service, "_can_log_in", lambda login, password: can_log_in)
    return service


def user_writes(odoo: FakeOdoo) -> list[tuple]:
    """The (ids, values) of each write on res.users."""
    return odoo.called("res.users", "write")


def written_groups(odoo: FakeOdoo) -> set[int]:
    """The groups the create of the role's user gave."""
    [(values,)] = odoo.called("res.users", "create")
    [(command, _, ids)] = values["group_ids"]
    assert command == 6
    return set(ids)


def test_a_new_role_user_is_created_with_its_groups_and_not_written_again(fake_odoo, roles, monkeypatch) -> None:
    role, password = role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    [row] = fake_odoo.rows["res.users"]
    assert row["login"] == role.login and row["password"] == password.reveal() and set(row["group_ids"]) == {1, 7}
    assert user_writes(fake_odoo) == []


def test_a_role_user_does_not_take_the_database_s_default_access(fake_odoo, roles, monkeypatch) -> None:
    """Issue 22: a staging's default access for new users implied the Sales administrator group, and every role
    user administered Sales. The groups are given at creation, so Odoo's default is not applied either."""
    role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    assert written_groups(fake_odoo) == {1, 7}
    assert set(fake_odoo.rows["res.users"][0]["all_group_ids"]) == THE_BUYER_S


def test_an_existing_role_user_s_groups_are_replaced_not_added_to(fake_odoo, roles, monkeypatch) -> None:
    fake_odoo.rows["res.users"] = [{"id": 7, **READY, "group_ids": [1, 7, 20, 30]}]
    role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    [(ids, values)] = user_writes(fake_odoo)
    assert ids == [7] and values["group_ids"] == [(6, 0, [1, 7])]
    assert set(fake_odoo.rows["res.users"][0]["all_group_ids"]) == THE_BUYER_S


def test_an_existing_role_user_gets_the_roles_groups_and_is_made_active(fake_odoo, roles, monkeypatch) -> None:
    fake_odoo.rows["res.users"] = [{"id": 7, "login": "uat-buyer"}]
    role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    assert user_writes(fake_odoo) == [
        ([7], {"group_ids": [(6, 0, [1, 7])], "active": True, "email": "uat-buyer@example.com"})
    ]


def test_a_user_another_machine_created_meanwhile_is_updated_not_an_error(fake_odoo, roles, monkeypatch) -> None:
    fake_odoo.models["res.users"] = UsersCreatedElsewhere
    role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    assert user_writes(fake_odoo) == [
        ([41], {"group_ids": [(6, 0, [1, 7])], "active": True, "email": "uat-buyer@example.com"})
    ]


def test_odoo_refusing_the_user_for_another_reason_is_not_hidden_nor_the_password_shown(
    fake_odoo, roles, monkeypatch
) -> None:
    """pytest prints the arguments of each frame of a failure: none of them holds the role's password."""
    fake_odoo.refuse("res.users", "create", "The group Purchase / User is not allowed")
    with pytest.raises(RPCError, match="not allowed") as refused:
        role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    [(sent,)] = fake_odoo.called("res.users", "create")
    password = sent["password"]
    below_the_test = refused.traceback[1:]
    assert below_the_test and not [entry for entry in below_the_test if password in repr(entry.locals)]


def test_a_user_another_worker_of_the_run_made_ready_is_not_written_again(fake_odoo, roles, monkeypatch) -> None:
    """Each xdist worker ensures each role once: only the run's first writes the user, while the others' pages
    may already act as it (a write clears Odoo's cache of the user's rights)."""
    fake_odoo.rows["res.users"] = [{"id": 7, "login": "uat-buyer"}]
    first = role_users(fake_odoo, roles, monkeypatch, run_id="r1")
    second = role_users(fake_odoo, roles, monkeypatch, run_id="r1")
    assert first.ensure("Buyer") == second.ensure("Buyer")
    assert len(user_writes(fake_odoo)) == 1
    fake_odoo.rows["res.users"][0]["active"] = False  # the cleanup deactivated it after run r1
    role_users(fake_odoo, roles, monkeypatch, run_id="r2").ensure("Buyer")  # the next run writes it once again
    assert len(user_writes(fake_odoo)) == 2


def test_a_ready_user_whose_password_another_machine_changed_gets_this_run_s_again(
    fake_odoo, roles, monkeypatch
) -> None:
    """Two machines with different ODOO_UAT_ROLE_SECRET: the second run's worker finds the user ready (marked by
    its run) but refusing its password; only the password is written, and the user is told why."""
    fake_odoo.rows["res.users"] = [{"id": 7, "login": "uat-buyer"}]
    role, password = role_users(fake_odoo, roles, monkeypatch, run_id="r1").ensure("Buyer")
    fake_odoo.rows["res.users"][0]["password"] = "set by another machine"
    with pytest.warns(UserWarning, match="ODOO_UAT_ROLE_SECRET"):
        role_users(fake_odoo, roles, monkeypatch, run_id="r1", can_log_in=False).ensure("Buyer")
    assert user_writes(fake_odoo)[-1] == ([7], {"password": password.reveal()})
    assert fake_odoo.rows["res.users"][0]["password"] == password.reveal()


@pytest.mark.parametrize(
    ("groups", "written"),
    [([1, 7], False), ([1, 7, 8], False), ([1, 7, 9], True), ([1], True), ([1, 7, 20], True)],
    ids=["the role's groups", "and one they imply", "and one more", "one missing", "and the default's admin"],
)
def test_a_user_already_as_the_role_wants_is_not_written(fake_odoo, roles, monkeypatch, groups, written) -> None:
    """Another run (a machine, a shard) may be acting as the user: a write of the same values is not made."""
    fake_odoo.rows["res.users"] = [{"id": 7, **READY, "group_ids": groups, "all_group_ids": implied(fake_odoo, groups)}]
    role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    assert bool(user_writes(fake_odoo)) is written


def test_a_role_password_comes_from_the_role_secret_not_the_admin_password(fake_odoo, roles, monkeypatch) -> None:
    role, password = role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    assert password.reveal() == role.password(SECRET, "uat_x") != role.password(ADMIN_PASSWORD, "uat_x")


def test_a_role_takes_the_database_s_default_access_only_when_it_says_so(fake_odoo, tmp_path, monkeypatch) -> None:
    fake_odoo.defaults = [1, 30]  # Contact Creation
    roles = roles_file(tmp_path, BUYER + '["Clerk"]\ngroups = []\ndefault_access = true\n')
    service = role_users(fake_odoo, roles, monkeypatch)
    service.ensure("Buyer")
    service.ensure("Clerk")
    buyer, clerk = (set(values["group_ids"][0][2]) for (values,) in fake_odoo.called("res.users", "create"))
    assert (buyer, clerk) == ({1, 7}, {1, 30})


def test_a_role_whose_default_access_makes_it_an_administrator_is_refused(fake_odoo, tmp_path, monkeypatch) -> None:
    roles = roles_file(tmp_path, BUYER + "default_access = true\n")
    with pytest.raises(ValueError) as refused:
        role_users(fake_odoo, roles, monkeypatch).check()
    message = str(refused.value)
    assert '"Buyer"' in message and str(roles.path) in message
    assert 'sales_team.group_sale_manager ("Sales / Administrator")' in message
    assert "default access for new users" in message and "remove default_access = true" in message
    assert fake_odoo.called("res.users", "create") == []


def test_a_role_whose_group_implies_an_administrator_group_is_refused_before_any_user_is_written(
    fake_odoo, roles, monkeypatch
) -> None:
    """A database where Purchase / User was made to imply Purchase / Administrator."""
    fake_odoo.rows["res.groups"][2]["all_implied_ids"] = [7, 8, 9]
    service = role_users(fake_odoo, roles, monkeypatch)
    for act in (service.check, lambda: service.ensure("Buyer")):
        with pytest.raises(ValueError) as refused:
            act()
        message = str(refused.value)
        assert 'purchase.group_purchase_manager ("Purchase / Administrator")' in message
        assert 'comes with purchase.group_purchase_user ("Purchase / User")' in message
        assert 'add "purchase.group_purchase_manager" to groups under ["Buyer"]' in message
    assert fake_odoo.called("res.users", "create") == [] and user_writes(fake_odoo) == []


def test_a_role_that_declares_an_administrator_group_is_one(fake_odoo, tmp_path, monkeypatch) -> None:
    """Like the Inventory accountant (stock.group_stock_manager); what a declared administrator group implies,
    administrator groups included (Settings implies Access Rights), is what the role asked for."""
    roles = roles_file(
        tmp_path,
        '["Purchase manager"]\ngroups = ["purchase.group_purchase_manager"]\n'
        '["Administrator"]\ngroups = ["base.group_system"]\n',
    )
    service = role_users(fake_odoo, roles, monkeypatch)
    service.check()
    service.ensure("Purchase manager")
    service.ensure("Administrator")


def test_a_user_odoo_made_an_administrator_anyway_is_refused(fake_odoo, roles, monkeypatch) -> None:
    fake_odoo.models["res.users"] = UsersGivenSalesAdministration
    with pytest.raises(ValueError, match=r"sales_team.group_sale_manager .*no group of the role implies it"):
        role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")


def test_each_role_s_groups_as_run_are_reported_by_name_administrators_marked(fake_odoo, tmp_path, monkeypatch):
    roles = roles_file(tmp_path, BUYER + '["Purchase manager"]\ngroups = ["purchase.group_purchase_manager"]\n')
    reported = []
    service = role_users(fake_odoo, roles, monkeypatch, on_ready=reported.append)
    service.ensure("Buyer")
    service.ensure("Purchase manager")
    service.ensure("Buyer")  # once per role
    buyer, manager = reported
    assert buyer.role.name == "Buyer" and buyer.administrators == ()
    assert buyer.groups == (
        ("product.group_product_variant", "Manage Product Variants"),
        ("purchase.group_purchase_user", "Purchase / User"),
        ("base.group_user", "Role / User"),
        ("base.group_no_one", "Technical Features"),
    )
    assert manager.administrators == ("purchase.group_purchase_manager",)
    assert ("purchase.group_purchase_manager", "Purchase / Administrator") in manager.groups


def test_a_role_whose_group_this_odoo_lacks_is_named_when_a_scenario_needs_it(fake_odoo, tmp_path, monkeypatch):
    roles = roles_file(tmp_path, '["Buyer"]\ngroups = ["purchase.group_that_does_not_exist"]\n')
    service = role_users(fake_odoo, roles, monkeypatch)
    service.check()  # left to the scenario that needs the role
    with pytest.raises(Exception, match=r"purchase.group_that_does_not_exist, which this Odoo \(uat_x\)"):
        service.ensure("Buyer")
