"""Each role's Odoo user: created or updated the first time a run needs it, safe across xdist workers.

A role's user holds exactly what the roles file gives it: Odoo's internal-user group, the role's groups, what they
imply, and the database's default access for new users only when the role asks for it (default_access = true).
A role whose rights would include an administrator group it does not declare is refused (issue 22)."""

from __future__ import annotations

import hashlib
import tempfile
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from filelock import FileLock
from odoorpc.error import RPCError

from odoo_uat.odoo.compat import Compat
from odoo_uat.odoo.roles import (
    ADMINISTRATOR_GROUPS,
    DEFAULT_ACCESS,
    INTERNAL_USER,
    AdministratorRoleError,
    Grant,
    Role,
    Roles,
    administrator_refusal,
    extra_rights,
    ids_of,
    role_group_ids,
    role_secret,
    undeclared_administrators,
)
from odoo_uat.odoo.run_id import RUN_MODULE, marker_name, marker_values
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.secret import Secret
from odoo_uat.settings import SettingsError, load_settings

T = TypeVar("T")


def sent(call: Callable[[], T]) -> T:
    """The answer of an RPC call that carries a password. When it fails, its error is raised from here without the
    frames below (odoorpc's, whose arguments hold the password, and pytest prints each frame's arguments)."""
    try:
        return call()
    except Exception as error:  # noqa: BLE001 - raised again below, only without its frames
        failure = error
    raise failure.with_traceback(None) from None


class RolePasswordChanged(UserWarning):
    """A role user this run made ready refused the run's password: another machine set its own."""


@dataclass(frozen=True)
class RoleAsRun:
    """A role's user as the run acts as it: every group it holds, implied ones included."""

    role: Role
    groups: tuple[tuple[str, str], ...]  # (XML id, shown name) of each group, by shown name
    administrators: tuple[str, ...]  # the XML ids of those that are ADMINISTRATOR_GROUPS


class RoleUsers:
    """Creates each role's Odoo user the first time a run needs it (safe across xdist workers).

    secret: what role passwords are derived from (roles.role_secret(settings.cache_dir)); by default the one of
    the settings of the current folder. on_ready: called with each role's user as the run acts as it. Passwords
    are held as Secrets, so no frame a traceback prints shows one (docs/secrets.md)."""

    def __init__(
        self,
        odoo,
        compat: Compat,
        roles: Roles,
        target: OdooTarget,
        run_id: str | None = None,
        *,
        secret: Secret | str | None = None,
        on_ready: Callable[[RoleAsRun], None] | None = None,
    ) -> None:
        self.odoo = odoo
        self.run_id = run_id
        self.compat = compat
        self.roles = roles
        self.target = target
        self._secret = None if secret is None else Secret(secret)
        self._on_ready = on_ready
        self._ready: dict[str, tuple[Role, Secret]] = {}
        self._grants: dict[str, Grant] = {}
        self._administrators: dict[int, str] | None = None
        key = hashlib.sha256(f"{target.url}|{target.db}".encode()).hexdigest()[:16]
        self._lock = FileLock(Path(tempfile.gettempdir()) / f"odoo-uat-users-{key}.lock")

    @property
    def secret(self) -> Secret:
        """The secret role passwords are derived from, never the admin's password."""
        if self._secret is None:
            self._secret = Secret(role_secret(load_settings(Path.cwd()).cache_dir))
        return self._secret

    def check(self) -> None:
        """Refuse, before any scenario acts, a role that would be an administrator its groups do not declare.

        Groups this Odoo does not have are left to ensure(), which names them when a scenario needs the role."""
        grants = self._grant_all(list(self.roles))
        for role in self.roles:
            self._refuse_administrators(role, grants[role.name])

    def ensure(self, role_name: str) -> tuple[Role, Secret]:
        """The role and its user's password (never a str in a frame an error could show: docs/secrets.md), the user
        created or updated once per run on this machine."""
        role = self.roles[role_name]
        if role.name not in self._ready:
            grant = self._grant(role)
            self._refuse_administrators(role, grant)
            password = Secret(role.password(self.secret.reveal(), self.target.db))
            groups = {self.compat.user_groups_field: [(6, 0, list(grant.group_ids))]}
            groups |= {"lang": role.language} if role.language else {}
            with self._lock:
                if role.language:  # the user sees menus, labels, numbers and dates in it
                    self._install_language(role)
                existing = self._find(role)
                # Another worker of this run gave the user its groups already, and its pages act as the user now:
                # writing them again clears Odoo's cache of the user's rights, and a request of those pages in that
                # moment can be refused (seen on 18.0 with -n 4: "not allowed to access Sales Order" right after).
                if existing and self._marked(existing):
                    user_id = existing
                    # The one case a ready user is written: another machine, with another ODOO_UAT_ROLE_SECRET,
                    # set its own password (its pages and this run's cannot both log in as the user).
                    if not self._can_log_in(role.login, password):
                        warnings.warn(
                            RolePasswordChanged(
                                f'The "{role.name}" user ({role.login}) no longer accepts this run\'s password: '
                                f"another machine running the suite against {self.target.url} ({self.target.db}) "
                                "set its own. It is written again, which logs that machine's pages out: give every "
                                "machine that runs against one server the same ODOO_UAT_ROLE_SECRET."
                            ),
                            stacklevel=2,
                        )
                        self._update(user_id, role, password, groups)
                else:
                    created = None if existing else self._create(role, password, groups)
                    # _create gives None when another machine created the user meanwhile (this lock is per machine).
                    user_id = created or existing or self._find(role)
                    if not created:
                        self._update(user_id, role, password, groups)
                    self._mark(user_id)
            as_run = self._as_run(role, grant, user_id)
            if self._on_ready:
                self._on_ready(as_run)
            self._ready[role.name] = (role, password)
        return self._ready[role.name]

    def _find(self, role: Role) -> int | None:
        """The id of the role's user, archived or not."""
        found = self.odoo.env["res.users"].with_context(active_test=False).search([("login", "=", role.login)])
        return found[0] if found else None

    def _create(self, role: Role, password: Secret, groups: dict) -> int | None:
        """Create the role's user, its groups given (so Odoo's default access for new users is not applied); None
        when another machine running the suite against this server created it first (Odoo refuses a second user
        with the same login)."""
        try:
            # An email address: Odoo refuses to post chatter messages for a user without one.
            user_id = sent(
                lambda: self.odoo.env["res.users"].create(
                    {
                        "name": f"UAT {role.name}",
                        "login": role.login,
                        "password": password.reveal(),
                        "email": f"{role.login}@example.com",
                        **groups,
                    }
                )
            )
        except RPCError:
            if self._find(role) is None:
                raise
            return None
        return user_id

    def _update(self, user_id: int, role: Role, password: Secret, groups: dict) -> None:
        """Give an existing role user exactly the role's groups (replaced, not added to), make it active; each only
        when it differs.

        A user another run (another machine, a shard) made ready is in use by that run's pages: a write, even of
        the same values, clears Odoo's cache of the user's rights, and one of their requests can be refused."""
        users = self.odoo.env["res.users"]
        values = {**groups, "active": True, "email": f"{role.login}@example.com"}
        if not self._has(user_id, values):
            users.browse([user_id]).write(values)
        # Writing the password logs out every session of the user (other workers'
        # too), so only when it is not already the one every worker derives.
        if not self._can_log_in(role.login, password):
            sent(lambda: users.browse([user_id]).write({"password": password.reveal()}))

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

    # What each role is given, and the refusal of one that would be an administrator.

    def _grant(self, role: Role) -> Grant:
        """What the role's user is given in this Odoo; a group the Odoo does not have is named."""
        if role.name not in self._grants:
            self._grants.update(self._grant_all([role]))
        grant = self._grants[role.name]
        if grant.missing:
            raise SettingsError(
                f'The role "{role.name}" in {self.roles.path} names the group(s) {", ".join(grant.missing)}, which '
                f"this Odoo ({self.target.db}) does not have. Fix the XML id in {self.roles.path} (Settings / Users & "
                "Companies / Groups, with developer mode, shows each group's XML id), or install the module "
                "that defines it."
            )
        return grant

    def _grant_all(self, roles: list[Role]) -> dict[str, Grant]:
        """Each role's grant, read in a few calls for all of them: the groups by XML id, what they imply, and the
        default access for new users when a role takes it."""
        found = self._groups_by_xml_id({INTERNAL_USER, *ADMINISTRATOR_GROUPS, *(g for r in roles for g in r.groups)})
        if self._administrators is None:
            self._administrators = {found[xml_id]: xml_id for xml_id in ADMINISTRATOR_GROUPS if xml_id in found}
        defaults = self._default_access() if any(role.default_access for role in roles) else []
        givers = sorted({*defaults, *(found[g] for r in roles for g in (INTERNAL_USER, *r.groups) if g in found)})
        implied = self.compat.implied_groups_field
        implies = {row["id"]: frozenset(row[implied]) for row in self.odoo.env["res.groups"].read(givers, [implied])}

        def gives(ids: Iterable[int]) -> frozenset[int]:
            ids = list(ids)
            return frozenset(ids).union(*(implies.get(group_id, frozenset()) for group_id in ids))

        grants = {}
        for role in roles:
            own = [found[xml_id] for xml_id in (INTERNAL_USER, *role.groups) if xml_id in found]
            sources = {xml_id: gives([found[xml_id]]) for xml_id in (INTERNAL_USER, *role.groups) if xml_id in found}
            taken = defaults if role.default_access else []
            if taken:
                sources[DEFAULT_ACCESS] = gives(taken)
            grants[role.name] = Grant(
                group_ids=tuple(role_group_ids(taken, own)),
                sources=sources,
                missing=tuple(xml_id for xml_id in (INTERNAL_USER, *role.groups) if xml_id not in found),
            )
        self._grants.update(grants)
        return grants

    def _refuse_administrators(self, role: Role, grant: Grant, held: Iterable[int] | None = None) -> None:
        """Raise AdministratorRoleError when the role's rights include an administrator group it does not declare."""
        found = undeclared_administrators(role, grant, self._administrators or {}, held)
        if not found:
            return
        named = {xml_id for xml_id, _ in found} | {giver for _, givers in found for giver in givers}
        ids = self._groups_by_xml_id(named - {DEFAULT_ACCESS})
        rows = self.odoo.env["res.groups"].read(sorted(set(ids.values())), ["full_name"])
        by_id = {row["id"]: row["full_name"] for row in rows}
        names = {xml_id: by_id.get(group_id) or "" for xml_id, group_id in ids.items()}
        raise AdministratorRoleError(administrator_refusal(role, self.roles.path, found, names, self.target.db))

    def _as_run(self, role: Role, grant: Grant, user_id: int) -> RoleAsRun:
        """Every group the user holds, as Odoo says; refused if Odoo gave it an administrator group (a module's
        rule on new users, someone's change) that the role does not declare."""
        field = self.compat.user_all_groups_field
        held = ids_of(self.odoo.env["res.users"].read([user_id], [field])[0][field])
        self._refuse_administrators(role, grant, held)
        shown = sorted(self._shown(held).items(), key=lambda item: (item[1][1].casefold(), item[1][0]))
        administrators = self._administrators or {}
        return RoleAsRun(
            role=role,
            groups=tuple(pair for _, pair in shown),
            administrators=tuple(
                sorted(administrators[group_id] for group_id, _ in shown if group_id in administrators)
            ),
        )

    def _groups_by_xml_id(self, xml_ids: Iterable[str]) -> dict[str, int]:
        """The ids of the groups with these XML ids, in one call; those this Odoo does not have are left out."""
        wanted = sorted(set(xml_ids))
        if not wanted:
            return {}
        domain: list = ["|"] * (len(wanted) - 1)
        for xml_id in wanted:
            module, _, name = xml_id.partition(".")
            domain += ["&", ("module", "=", module), ("name", "=", name)]
        rows = self.odoo.env["ir.model.data"].search_read(
            [("model", "=", "res.groups"), *domain], ["module", "name", "res_id"]
        )
        return {f"{row['module']}.{row['name']}": row["res_id"] for row in rows}

    def _shown(self, group_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
        """Group id -> (XML id, name as Odoo shows it, e.g. "Sales / Administrator"); a group without an XML id
        (made in Settings) is named res.groups,<id>."""
        ids = sorted(set(group_ids))
        if not ids:
            return {}
        names = {row["id"]: row["full_name"] for row in self.odoo.env["res.groups"].read(ids, ["full_name"])}
        xml_ids: dict[int, str] = {}
        administrators = self._administrators or {}
        for row in self.odoo.env["ir.model.data"].search_read(
            [("model", "=", "res.groups"), ("res_id", "in", ids)], ["module", "name", "res_id"]
        ):
            # A group with several XML ids goes by the administrator one, else the first.
            if row["res_id"] not in xml_ids or row["res_id"] in administrators:
                xml_ids[row["res_id"]] = administrators.get(row["res_id"]) or f"{row['module']}.{row['name']}"
        return {
            group_id: (xml_ids.get(group_id, f"res.groups,{group_id}"), names.get(group_id) or "") for group_id in ids
        }

    def _default_access(self) -> list[int]:
        """The database's default access for new users, for the roles that take it (default_access = true)."""
        field = self.compat.user_groups_field
        return self._default_extra_rights(ids_of(self.odoo.env["res.users"].default_get([field]).get(field)))

    def _default_extra_rights(self, group_ids: list[int]) -> list[int]:
        """The new-user default groups that are no application's access level (18.0's template lists every app's
        administrator group); 19.0's default access is what base.default_user_group implies, taken whole (an
        administrator group there refuses the role)."""
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

    def _can_log_in(self, login: str, password: Secret) -> bool:
        """Whether Odoo accepts these credentials (a stateless RPC call, no session)."""
        call = {"service": "common", "method": "login", "args": [self.target.db, login]}
        uid = sent(lambda: self.odoo.json("/jsonrpc", {**call, "args": [*call["args"], password.reveal()]}))["result"]
        return bool(uid)
