"""Each role's Odoo user: created or updated the first time a run needs it, safe across xdist workers."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from filelock import FileLock
from odoorpc.error import RPCError

from odoo_uat.odoo.compat import Compat
from odoo_uat.odoo.roles import Role, Roles, extra_rights, ids_of, role_group_ids
from odoo_uat.odoo.run_id import RUN_MODULE, marker_name, marker_values
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.settings import SettingsError


class RoleUsers:
    """Creates each role's Odoo user the first time a run needs it (safe across xdist workers)."""

    def __init__(self, odoo, compat: Compat, roles: Roles, target: OdooTarget, run_id: str | None = None) -> None:
        self.odoo = odoo
        self.run_id = run_id
        self.compat = compat
        self.roles = roles
        self.target = target
        self._ready: dict[str, tuple[Role, str]] = {}
        key = hashlib.sha256(f"{target.url}|{target.db}".encode()).hexdigest()[:16]
        self._lock = FileLock(Path(tempfile.gettempdir()) / f"odoo-uat-users-{key}.lock")

    def ensure(self, role_name: str) -> tuple[Role, str]:
        """The role and its user's password, the user created or updated once per run on this machine."""
        role = self.roles[role_name]
        if role.name not in self._ready:
            password = role.password(self.target.password, self.target.db)
            with self._lock:
                if role.language:  # the user sees menus, labels, numbers and dates in it
                    self._install_language(role)
                existing = self._find(role)
                # Another worker of this run gave the user its groups already, and its pages act as the user now:
                # writing them again clears Odoo's cache of the user's rights, and a request of those pages in that
                # moment can be refused (seen on 18.0 with -n 4: "not allowed to access Sales Order" right after).
                if not (existing and self._marked(existing)):
                    groups = self._groups(role) | ({"lang": role.language} if role.language else {})
                    created = None if existing else self._create(role, password, groups)
                    # _create gives None when another machine created the user meanwhile (this lock is per machine).
                    user_id = created or existing or self._find(role)
                    if not created:
                        self._update(user_id, role, password, groups)
                    self._mark(user_id)
            self._ready[role.name] = (role, password)
        return self._ready[role.name]

    def _find(self, role: Role) -> int | None:
        """The id of the role's user, archived or not."""
        found = self.odoo.env["res.users"].with_context(active_test=False).search([("login", "=", role.login)])
        return found[0] if found else None

    def _create(self, role: Role, password: str, groups: dict) -> int | None:
        """Create the role's user; None when another machine running the suite against this server created it
        first (Odoo refuses a second user with the same login)."""
        try:
            # An email address: Odoo refuses to post chatter messages for a user without one.
            user_id = self.odoo.env["res.users"].create(
                {
                    "name": f"UAT {role.name}",
                    "login": role.login,
                    "password": password,
                    "email": f"{role.login}@example.com",
                    **groups,
                }
            )
        except RPCError:
            if self._find(role) is None:
                raise
            return None
        return user_id

    def _update(self, user_id: int, role: Role, password: str, groups: dict) -> None:
        """Give an existing role user the role's groups, make it active; each only when it differs.

        A user another run (another machine, a shard) made ready is in use by that run's pages: a write, even of
        the same values, clears Odoo's cache of the user's rights, and one of their requests can be refused."""
        users = self.odoo.env["res.users"]
        values = {**groups, "active": True, "email": f"{role.login}@example.com"}
        if not self._has(user_id, values):
            users.browse([user_id]).write(values)
        # Writing the password logs out every session of the user (other workers'
        # too), so only when it is not already the one every worker derives.
        if not self._can_log_in(role.login, password):
            users.browse([user_id]).write({"password": password})

    def _install_language(self, role: Role) -> None:
        """Activate the role's language and load its translations (Settings / Translations), once per database."""
        langs = self.odoo.env["res.lang"]
        rows = langs.with_context(active_test=False).search_read([("code", "=", role.language)], ["active"])
        if not rows:
            raise SettingsError(
                f'The role "{role.name}" in {self.roles.path} has language = "{role.language}", which this Odoo '
                f"({self.target.db}) does not know. Write one of Odoo's language codes (fr_FR, es_ES, de_DE, nl_NL…)."
            )
        if rows[0]["active"]:
            return
        wizard = self.odoo.env["base.language.install"]
        wizard.browse(wizard.create({"lang_ids": [(6, 0, [rows[0]["id"]])]})).lang_install()

    def _has(self, user_id: int, values: dict) -> bool:
        """Whether the user already is what writing `values` would make it: the same fields, and groups that hold
        the wanted ones and nothing they do not imply (the groups field lists implied groups too until 18.0)."""
        field = self.compat.user_groups_field
        wanted = set(values[field][0][2])  # (6, 0, ids)
        others = [name for name in values if name != field]
        row = self.odoo.env["res.users"].read([user_id], [field, *others])[0]
        if any(row[name] != values[name] for name in others) or not wanted <= set(row[field]):
            return False
        implied = self.compat.implied_groups_field
        implied_rows = self.odoo.env["res.groups"].read(sorted(wanted), [implied])
        allowed = wanted.union(*(group[implied] for group in implied_rows))
        return set(row[field]) <= allowed

    def _marked(self, user_id: int) -> bool:
        """Whether this run has marked the role user (a worker of the run made it ready); never without a run id."""
        if not self.run_id:
            return False
        return bool(
            self.odoo.env["ir.model.data"].search_count(
                [("module", "=", RUN_MODULE), ("name", "=", marker_name(self.run_id, "res.users", user_id))]
            )
        )

    def _mark(self, user_id: int) -> None:
        """Mark the role user as used by this run, once per run (the cleanup deactivates it)."""
        if self.run_id and not self._marked(user_id):
            self.odoo.env["ir.model.data"].create(marker_values(self.run_id, "res.users", [user_id]))

    def _groups(self, role: Role) -> dict[str, list]:
        """What a user created in Settings gets (Odoo's default access for new users), plus the role's groups."""
        field = self.compat.user_groups_field
        defaults = self._default_extra_rights(ids_of(self.odoo.env["res.users"].default_get([field]).get(field)))
        own = self._group_ids(role)
        return {field: [(6, 0, role_group_ids(defaults, own))]}

    def _group_ids(self, role: Role) -> list[int]:
        """The ids of the internal-user group and the role's groups, by XML id, in one call; a missing one is named."""
        wanted = ["base.group_user", *role.groups]
        domain = ["|"] * (len(wanted) - 1)
        for xml_id in wanted:
            module, _, name = xml_id.partition(".")
            domain += ["&", ("module", "=", module), ("name", "=", name)]
        rows = self.odoo.env["ir.model.data"].search_read(
            [("model", "=", "res.groups"), *domain], ["module", "name", "res_id"]
        )
        found = {f"{row['module']}.{row['name']}": row["res_id"] for row in rows}
        missing = [xml_id for xml_id in wanted if xml_id not in found]
        if missing:
            raise SettingsError(
                f'The role "{role.name}" in {self.roles.path} names the group(s) {", ".join(missing)}, which this '
                f"Odoo ({self.target.db}) does not have. Fix the XML id in {self.roles.path} (Settings / Users & "
                "Companies / Groups, with developer mode, shows each group's XML id), or install the module "
                "that defines it."
            )
        return [found[xml_id] for xml_id in wanted]

    def _default_extra_rights(self, group_ids: list[int]) -> list[int]:
        """The new-user default groups that are no application's access level (18.0 lists apps' admin groups)."""
        groups = self.odoo.env["res.groups"]
        if "category_id" not in groups.fields_get(["category_id"]):  # 19.0: the defaults are extra rights only
            return group_ids
        rows = groups.read(group_ids, ["category_id"])
        categories = {row["category_id"][0] for row in rows if row["category_id"]}
        xml_ids = {
            data["res_id"]: f"{data['module']}.{data['name']}"
            for data in self.odoo.env["ir.model.data"].search_read(
                [("model", "=", "ir.module.category"), ("res_id", "in", list(categories))], ["module", "name", "res_id"]
            )
        }
        return extra_rights(
            (row["id"], xml_ids.get(row["category_id"][0]) if row["category_id"] else None) for row in rows
        )

    def _can_log_in(self, login: str, password: str) -> bool:
        """Whether Odoo accepts these credentials (a stateless RPC call, no session)."""
        uid = self.odoo.json(
            "/jsonrpc", {"service": "common", "method": "login", "args": [self.target.db, login, password]}
        )["result"]
        return bool(uid)
