"""Role users: created once, updated otherwise, and a user another machine created meanwhile is updated, not
an error (the lock that serialises workers is per machine); a user a worker of the same run made ready is not
written again. The shared fake Odoo (tests/unit/fake_odoo.py), no Odoo."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from odoorpc.error import RPCError

from odoo_uat.odoo.role_users import RoleUsers
from odoo_uat.odoo.roles import Roles
from odoo_uat.odoo.target import OdooTarget
from tests.unit.fake_odoo import FakeModel, FakeOdoo, rpc_error

GROUPS = {"group_ids": [(6, 0, [1, 7])]}
COMPAT = SimpleNamespace(user_groups_field="group_ids", implied_groups_field="all_implied_ids")
READY = {"login": "uat-buyer", "active": True, "email": "uat-buyer@example.com"}


class Users(FakeModel):
    """res.users: a login is unique in the database."""

    def create(self, values):
        if any(row["login"] == values["login"] for row in self.rows):
            raise rpc_error('duplicate key value violates unique constraint "res_users_login_key"')
        return super().create(values)


class UsersCreatedElsewhere(Users):
    """res.users where another machine creates the user between this one's search and create."""

    def create(self, values):
        self.rows.append({"id": 41, "login": values["login"]})
        return super().create(values)


@pytest.fixture
def fake_odoo(fake_odoo: FakeOdoo) -> FakeOdoo:
    """The shared fake Odoo with res.users' unique login, and res.groups where group 7 implies group 8."""
    fake_odoo.models["res.users"] = Users
    fake_odoo.rows["res.groups"] = [{"id": 1, "all_implied_ids": []}, {"id": 7, "all_implied_ids": [8]}]
    return fake_odoo


@pytest.fixture
def roles(tmp_path: Path) -> Roles:
    path = tmp_path / "roles.toml"
    path.write_text('["Buyer"]\ngroups = ["purchase.group_purchase_user"]\n')
    return Roles(path)


def role_users(odoo: FakeOdoo, roles: Roles, monkeypatch: pytest.MonkeyPatch, run_id: str | None = None) -> RoleUsers:
    target = OdooTarget(url="http://127.0.0.1:1", db="uat_x", login="admin", password="admin")
    service = RoleUsers(odoo, compat=COMPAT, roles=roles, target=target, run_id=run_id)  # type: ignore[arg-type]
    monkeypatch.setattr(service, "_groups", lambda role: GROUPS)
    monkeypatch.setattr(service, "_can_log_in", lambda login, password: True)
    return service


def user_writes(odoo: FakeOdoo) -> list[tuple]:
    """The (ids, values) of each write on res.users."""
    return odoo.called("res.users", "write")


def test_a_new_role_user_is_created_with_its_groups_and_not_written_again(fake_odoo, roles, monkeypatch) -> None:
    role, password = role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    [row] = fake_odoo.rows["res.users"]
    assert row["login"] == role.login and row["password"] == password and row["group_ids"] == GROUPS["group_ids"]
    assert user_writes(fake_odoo) == []


def test_an_existing_role_user_gets_the_roles_groups_and_is_made_active(fake_odoo, roles, monkeypatch) -> None:
    fake_odoo.rows["res.users"] = [{"id": 7, "login": "uat-buyer"}]
    role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    assert user_writes(fake_odoo) == [([7], {**GROUPS, "active": True, "email": "uat-buyer@example.com"})]


def test_a_user_another_machine_created_meanwhile_is_updated_not_an_error(fake_odoo, roles, monkeypatch) -> None:
    fake_odoo.models["res.users"] = UsersCreatedElsewhere
    role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    assert user_writes(fake_odoo) == [([41], {**GROUPS, "active": True, "email": "uat-buyer@example.com"})]


def test_odoo_refusing_the_user_for_another_reason_is_not_hidden(fake_odoo, roles, monkeypatch) -> None:
    fake_odoo.refuse("res.users", "create", "The group Purchase / User is not allowed")
    with pytest.raises(RPCError, match="not allowed"):
        role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")


def test_a_user_another_worker_of_the_run_made_ready_is_not_written_again(fake_odoo, roles, monkeypatch) -> None:
    """Each xdist worker ensures each role once: only the run's first writes the user, while the others' pages
    may already act as it (a write clears Odoo's cache of the user's rights)."""
    fake_odoo.rows["res.users"] = [{"id": 7, "login": "uat-buyer"}]
    first = role_users(fake_odoo, roles, monkeypatch, run_id="r1")
    second = role_users(fake_odoo, roles, monkeypatch, run_id="r1")
    assert first.ensure("Buyer") == second.ensure("Buyer")
    assert user_writes(fake_odoo) == [([7], {**GROUPS, "active": True, "email": "uat-buyer@example.com"})]
    fake_odoo.rows["res.users"][0]["active"] = False  # the cleanup deactivated it after run r1
    role_users(fake_odoo, roles, monkeypatch, run_id="r2").ensure("Buyer")  # the next run writes it once again
    assert len(user_writes(fake_odoo)) == 2


@pytest.mark.parametrize(
    ("groups", "written"),
    [([1, 7], False), ([1, 7, 8], False), ([1, 7, 9], True), ([1], True)],
    ids=["the role's groups", "and one they imply", "and one more", "one missing"],
)
def test_a_user_already_as_the_role_wants_is_not_written(fake_odoo, roles, monkeypatch, groups, written) -> None:
    """Another run (a machine, a shard) may be acting as the user: a write of the same values is not made."""
    fake_odoo.rows["res.users"] = [{"id": 7, **READY, "group_ids": groups}]
    role_users(fake_odoo, roles, monkeypatch).ensure("Buyer")
    assert bool(user_writes(fake_odoo)) is written
