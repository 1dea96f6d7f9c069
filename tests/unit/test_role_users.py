"""Role users: created once, updated otherwise, and a user another machine created meanwhile is updated, not
an error (the lock that serialises workers is per machine); a user a worker of the same run made ready is not
written again. A small fake of odoorpc's env, no Odoo."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from odoorpc.error import RPCError

from odoo_uat.odoo.role_users import RoleUsers
from odoo_uat.odoo.roles import Roles
from odoo_uat.odoo.target import OdooTarget

GROUPS = {"group_ids": [(6, 0, [1, 7])]}


class FakeUsers:
    """res.users as odoorpc shows it: search, create, browse(...).write, with a login unique in the database."""

    def __init__(self, created_elsewhere: bool = False) -> None:
        self.rows: dict[int, dict] = {}
        self.writes: list[tuple[list[int], dict]] = []
        self.created_elsewhere = created_elsewhere  # another machine creates the user between search and create

    def with_context(self, **_context):
        return self

    def search(self, domain):
        login = domain[0][2]
        return [user_id for user_id, row in self.rows.items() if row["login"] == login]

    def create(self, values):
        if self.created_elsewhere:
            self.rows[41] = {"login": values["login"]}
            raise RPCError('duplicate key value violates unique constraint "res_users_login_key"')
        user_id = 40 + len(self.rows) + 1
        self.rows[user_id] = dict(values)
        return user_id

    def read(self, ids, fields):
        return [{name: self.rows[user_id].get(name, [] if name == "group_ids" else None) for name in fields}
                for user_id in ids]

    def browse(self, ids):
        users = self

        class Records:
            def write(self, values):
                users.writes.append((list(ids), values))

        return Records()


class FakeData:
    """ir.model.data: the run's markers, counted and created."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def search_count(self, domain):
        return int(domain[1][2] in self.names)

    def create(self, values):
        self.names.update(row["name"] for row in values)


class FakeGroups:
    """res.groups: group 7 implies group 8."""

    def read(self, ids, fields):
        return [{"all_implied_ids": [8] if group_id == 7 else []} for group_id in ids]


class FakeOdoo:
    def __init__(self, users: FakeUsers) -> None:
        self.env = {"res.users": users, "ir.model.data": FakeData(), "res.groups": FakeGroups()}


COMPAT = SimpleNamespace(user_groups_field="group_ids", implied_groups_field="all_implied_ids")


@pytest.fixture
def roles(tmp_path: Path) -> Roles:
    path = tmp_path / "roles.toml"
    path.write_text('["Buyer"]\ngroups = ["purchase.group_purchase_user"]\n')
    return Roles(path)


def role_users(users: FakeUsers, roles: Roles, monkeypatch: pytest.MonkeyPatch, odoo: FakeOdoo | None = None,
               run_id: str | None = None) -> RoleUsers:
    target = OdooTarget(url="http://127.0.0.1:1", db="uat_x", login="admin", password="admin")
    service = RoleUsers(odoo or FakeOdoo(users), compat=COMPAT, roles=roles, target=target,  # type: ignore[arg-type]
                        run_id=run_id)
    monkeypatch.setattr(service, "_groups", lambda role: GROUPS)
    monkeypatch.setattr(service, "_can_log_in", lambda login, password: True)
    return service


def test_a_new_role_user_is_created_with_its_groups_and_not_written_again(roles, monkeypatch) -> None:
    users = FakeUsers()
    role, password = role_users(users, roles, monkeypatch).ensure("Buyer")
    [row] = users.rows.values()
    assert row["login"] == role.login and row["password"] == password and row["group_ids"] == GROUPS["group_ids"]
    assert users.writes == []


def test_an_existing_role_user_gets_the_roles_groups_and_is_made_active(roles, monkeypatch) -> None:
    users = FakeUsers()
    users.rows[7] = {"login": "uat-buyer"}
    role_users(users, roles, monkeypatch).ensure("Buyer")
    assert users.writes == [([7], {**GROUPS, "active": True, "email": "uat-buyer@example.com"})]


def test_a_user_another_machine_created_meanwhile_is_updated_not_an_error(roles, monkeypatch) -> None:
    users = FakeUsers(created_elsewhere=True)
    role_users(users, roles, monkeypatch).ensure("Buyer")
    assert users.writes == [([41], {**GROUPS, "active": True, "email": "uat-buyer@example.com"})]


def test_odoo_refusing_the_user_for_another_reason_is_not_hidden(roles, monkeypatch) -> None:
    users = FakeUsers()

    def refuse(values):
        raise RPCError("The group Purchase / User is not allowed")

    monkeypatch.setattr(users, "create", refuse)
    with pytest.raises(RPCError, match="not allowed"):
        role_users(users, roles, monkeypatch).ensure("Buyer")


def test_a_user_another_worker_of_the_run_made_ready_is_not_written_again(roles, monkeypatch) -> None:
    """Each xdist worker ensures each role once: only the run's first writes the user, while the others' pages
    may already act as it (a write clears Odoo's cache of the user's rights)."""
    users = FakeUsers()
    users.rows[7] = {"login": "uat-buyer"}
    odoo = FakeOdoo(users)
    first = role_users(users, roles, monkeypatch, odoo, run_id="r1")
    second = role_users(users, roles, monkeypatch, odoo, run_id="r1")
    assert first.ensure("Buyer") == second.ensure("Buyer")
    assert users.writes == [([7], {**GROUPS, "active": True, "email": "uat-buyer@example.com"})]
    role_users(users, roles, monkeypatch, odoo, run_id="r2").ensure("Buyer")  # the next run writes it once again
    assert len(users.writes) == 2


READY = {"login": "uat-buyer", "active": True, "email": "uat-buyer@example.com"}


@pytest.mark.parametrize(("groups", "written"), [([1, 7], False), ([1, 7, 8], False), ([1, 7, 9], True), ([1], True)],
                         ids=["the role's groups", "and one they imply", "and one more", "one missing"])
def test_a_user_already_as_the_role_wants_is_not_written(roles, monkeypatch, groups, written) -> None:
    """Another run (a machine, a shard) may be acting as the user: a write of the same values is not made."""
    users = FakeUsers()
    users.rows[7] = {**READY, "group_ids": groups}
    role_users(users, roles, monkeypatch).ensure("Buyer")
    assert bool(users.writes) is written
