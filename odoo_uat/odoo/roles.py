"""Roles: plain-word names for the people in a scenario, mapped to Odoo groups in roles.toml."""

from __future__ import annotations

import difflib
import hashlib
import hmac
import os
import re
import secrets
import stat
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def ids_of(value: Any) -> list[int]:
    """The record ids an x2many value holds: plain ids, or (6, 0, ids) / (4, id) commands as default_get gives them."""
    ids: list[int] = []
    for item in value or ():
        if isinstance(item, int):
            ids.append(item)
        elif isinstance(item, (list, tuple)) and item and item[0] == 6:
            ids.extend(item[2])
        elif isinstance(item, (list, tuple)) and item and item[0] == 4:
            ids.append(item[1])
    return list(dict.fromkeys(ids))


# Of the groups 18.0's new-user template holds, those outside any application: extra rights (Contact Creation,
# Product Creation), technical ones, the user type. Up to 18.0 installing an app also adds its administrator
# group to that template; a role's access to an app comes from its own groups.
EXTRA_RIGHT_CATEGORIES = frozenset(
    {"base.module_category_usability", "base.module_category_hidden", "base.module_category_user_type"}
)

# Odoo's internal-user group: every role's user has it (and what it implies), whatever the roles file says.
INTERNAL_USER = "base.group_user"
# Where a role's rights come from when it takes the database's default access for new users (default_access = true).
DEFAULT_ACCESS = "default access for new users"

# The administrator level of each application (and of Odoo itself): a role has one only when the roles file
# names it (issue 22: on a staging whose default access for new users implied them, every role user administered
# Sales, Purchase, Inventory and Accounting, and the permission scenarios ran as administrators). Groups of
# modules that are not installed are ignored.
ADMINISTRATOR_GROUPS = (
    "base.group_system",  # Settings (Role / Administrator)
    "base.group_erp_manager",  # Access Rights
    "sales_team.group_sale_manager",
    "purchase.group_purchase_manager",
    "stock.group_stock_manager",
    "account.group_account_manager",
    "mrp.group_mrp_manager",
    "point_of_sale.group_pos_manager",
    "project.group_project_manager",
    "hr.group_hr_manager",
    "hr_expense.group_hr_expense_manager",
    "hr_holidays.group_hr_holidays_manager",
    "maintenance.group_equipment_manager",
    "website.group_website_designer",
)


def extra_rights(groups: Iterable[tuple[int, str | None]]) -> list[int]:
    """The ids of the (group id, category XML id) pairs that are no application's access level."""
    return [group for group, category in groups if category is None or category in EXTRA_RIGHT_CATEGORIES]


def role_group_ids(default_ids: Iterable[int], role_ids: Iterable[int]) -> list[int]:
    """A role's user's groups: the defaults it takes (none unless it asks), then its own, each once."""
    return list(dict.fromkeys([*default_ids, *role_ids]))


class UnknownRoleError(LookupError):
    """A scenario names a role that the roles file does not define."""


class RolesFileError(ValueError):
    """The roles file cannot be read, or gives a role a setting it cannot have; the message names the file."""


class AdministratorRoleError(RolesFileError):
    """A role's rights in this Odoo would include an administrator group the roles file does not give it."""


class RoleSecretError(RuntimeError):
    """The secret role passwords are derived from cannot be had safely (a weak variable, a file others can read)."""


# Odoo's language codes: fr_FR, es_419, sr@latin, nl_BE...
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:_[A-Z0-9]{2,3})?(?:@[a-z]+)?")
# A group's XML id: module.name.
XML_ID = re.compile(r"\w+\.\w+")
LOGIN_PREFIX = "uat-"
# A login the roles file sets itself: the suite writes that user's groups and password, so never a real person's.
LOGIN = re.compile(re.escape(LOGIN_PREFIX) + r"[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?")
# What a role's table may hold, and what each is.
ROLE_KEYS = {
    "groups": "a list of group XML ids",
    "description": "a text",
    "language": "Odoo's language code",
    "default_access": "true or false",
    "login": f'a login starting with "{LOGIN_PREFIX}"',
}
EXAMPLE = '["Buyer"]\ngroups = ["purchase.group_purchase_user"]'
TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def login_for(name: str) -> str:
    """The login a role's name gives, e.g. 'uat-sales-coordinator'; accents dropped ('Préparateur' gives
    'uat-preparateur'); just the prefix when the name has no ASCII letter or digit."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return LOGIN_PREFIX + re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


@dataclass(frozen=True)
class Role:
    name: str
    groups: tuple[str, ...]
    description: str = ""
    language: str | None = None  # Odoo's language code of the role's user (fr_FR); None: Odoo's default
    default_access: bool = False  # whether the user also gets the database's default access for new users
    login: str = ""  # the Odoo login of this role's user; from the name when empty (uat-sales-coordinator)

    def __post_init__(self) -> None:
        if not self.login:
            object.__setattr__(self, "login", login_for(self.name))

    def password(self, secret: str, db: str) -> str:
        """The user's password: an HMAC of the role secret (role_secret()), so every worker computes the same."""
        return hmac.new(secret.encode(), f"{db}:{self.login}".encode(), hashlib.sha256).hexdigest()[:32]


class Roles:
    """The roles file, read once and checked: each error names the file, the role and the fix."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise FileNotFoundError(f"The roles file {path} does not exist; set roles_file in [tool.odoo-uat].")
        table = self._load()
        roles = [self._role(name, spec) for name, spec in table.items()]
        self._unique(roles)
        self._roles = {role.name.casefold(): role for role in roles}

    def _load(self) -> dict[str, Any]:
        """The file's TOML; a syntax error is refused with its line and column."""
        try:
            with self.path.open("rb") as handle:
                return tomllib.load(handle)
        except UnicodeDecodeError as error:
            raise RolesFileError(f"The roles file {self.path} is not UTF-8 text ({error}): save it as UTF-8.") from None
        except tomllib.TOMLDecodeError as error:
            message = str(error)
            where = TOML_POSITION.search(message)
            position = f" at line {where[1]}, column {where[2]}" if where else ""
            raise RolesFileError(
                f"The roles file {self.path} is not valid TOML{position}: {TOML_POSITION.sub('', message).strip()}. "
                f"Fix that line; a role is written\n{EXAMPLE}"
            ) from None

    def _role(self, name: str, spec: object) -> Role:
        """One role, its settings checked."""
        where = f'The role "{name}" in {self.path}'
        if not isinstance(spec, dict):
            raise RolesFileError(
                f"{where} is {spec!r}, not a table: write the role's name in brackets on a line of its own and its "
                f'settings under it, e.g.\n["{name}"]\ngroups = ["purchase.group_purchase_user"]'
            )
        for key in spec:
            if key not in ROLE_KEYS:
                close = difflib.get_close_matches(key, ROLE_KEYS, n=1)
                hint = f'did you mean "{close[0]}"? ' if close else ""
                known = ", ".join(f"{known} ({what})" for known, what in ROLE_KEYS.items())
                raise RolesFileError(f'{where} has an unknown setting "{key}": {hint}A role may have {known}.')
        description = spec.get("description", "")
        if not isinstance(description, str):
            raise RolesFileError(f'{where} has description = {description!r}: write a text, e.g. description = "…".')
        default_access = spec.get("default_access", False)
        if not isinstance(default_access, bool):
            raise RolesFileError(
                f"{where} has default_access = {default_access!r}: write default_access = true or false, "
                "without quotes."
            )
        login = self._login(where, name, spec.get("login"))
        return Role(
            name,
            self._groups(where, spec.get("groups", [])),
            description,
            self._language(name, spec.get("language")),
            default_access,
            login,
        )

    def _groups(self, where: str, value: object) -> tuple[str, ...]:
        """The role's groups: a list of XML ids (a string alone would be read one character at a time)."""
        if not isinstance(value, list):
            example = f"[{value!r}]".replace("'", '"') if isinstance(value, str) else '["purchase.group_purchase_user"]'
            raise RolesFileError(f"{where} has groups = {value!r}: write a list of group XML ids, groups = {example}.")
        for group in value:
            if not isinstance(group, str) or not XML_ID.fullmatch(group):
                raise RolesFileError(
                    f"{where} lists {group!r} in groups: write each group's XML id, module.name in quotes, e.g. "
                    '"sales_team.group_sale_salesman" (Settings / Users & Companies / Groups, with developer mode, '
                    "shows each group's XML id)."
                )
        return tuple(dict.fromkeys(value))

    def _login(self, where: str, name: str, value: object) -> str:
        """The login the file sets, or the one the name gives; refused when it would be empty."""
        if value is None:
            login = login_for(name)
            if login == LOGIN_PREFIX:
                raise RolesFileError(
                    f"{where} gives no login: its name has no ASCII letter or digit to make one from. Add an ASCII "
                    f'letter to the name, or set login = "{LOGIN_PREFIX}…" under ["{name}"], e.g. '
                    f'login = "{LOGIN_PREFIX}accountant".'
                )
            return login
        if not isinstance(value, str) or not LOGIN.fullmatch(value):
            raise RolesFileError(
                f'{where} has login = {value!r}: write a login that starts with "{LOGIN_PREFIX}" followed by '
                f'lower-case letters, digits, ".", "_" or "-", e.g. login = "{LOGIN_PREFIX}buyer-2" (the suite '
                "sets that user's groups and password, so it must never be a real person's login)."
            )
        return value

    def _unique(self, roles: list[Role]) -> None:
        """Two roles are refused when a scenario could not tell them apart or their users would be one."""
        by_name: dict[str, Role] = {}
        by_login: dict[str, Role] = {}
        for role in roles:
            if (other := by_name.get(role.name.casefold())) is not None:
                raise RolesFileError(
                    f'The roles "{other.name}" and "{role.name}" in {self.path} differ only by case, and a scenario '
                    "names a role whatever its case: rename one of them."
                )
            if (other := by_login.get(role.login)) is not None:
                raise RolesFileError(
                    f'The roles "{other.name}" and "{role.name}" in {self.path} would share the login {role.login} '
                    "(their names differ only by case, accents or punctuation), and each would overwrite the other's "
                    f'groups: rename one of them, or set login = "{LOGIN_PREFIX}…" under one of them.'
                )
            by_name[role.name.casefold()] = by_login[role.login] = role

    def _language(self, name: str, value: object) -> str | None:
        """The role's language as Odoo codes it, or None; a malformed one is refused naming the file."""
        if value is None:
            return None
        if not isinstance(value, str) or not LANGUAGE_CODE.fullmatch(value):
            raise RolesFileError(
                f'The role "{name}" in {self.path} has language = {value!r}: write Odoo\'s language '
                'code, e.g. language = "fr_FR" (Settings / Translations / Languages shows them).'
            )
        return value

    def __getitem__(self, name: str) -> Role:
        try:
            return self._roles[name.strip().casefold()]
        except KeyError:
            known = ", ".join(f'"{role.name}"' for role in self._roles.values())
            raise UnknownRoleError(
                f'Unknown role "{name}". The roles in {self.path.name} are: {known}. '
                f'Use one of them, or add ["{name}"] with its groups to {self.path}.'
            ) from None

    def __iter__(self):
        return iter(self._roles.values())


# Where a role's rights come from, and what it would be refused for.


@dataclass(frozen=True)
class Grant:
    """What a role's user is given in one Odoo, and where each right comes from."""

    group_ids: tuple[int, ...]  # written on the user: the internal-user group, the role's groups, the defaults taken
    # Each source (a declared group's XML id, INTERNAL_USER, DEFAULT_ACCESS) -> the groups it gives, itself included.
    sources: Mapping[str, frozenset[int]] = field(default_factory=dict)
    missing: tuple[str, ...] = ()  # the role's groups this Odoo does not have

    @property
    def effective(self) -> frozenset[int]:
        """Every group the user holds: what is written and everything it implies."""
        return frozenset(self.group_ids).union(*self.sources.values())


def undeclared_administrators(
    role: Role, grant: Grant, administrators: Mapping[int, str], effective: Iterable[int] | None = None
) -> list[tuple[str, tuple[str, ...]]]:
    """Each administrator group (XML id) among the role's rights that the role does not declare, with the sources
    that give it; an administrator group implied by one the role declares is part of what it asked for.

    administrators: the installed ADMINISTRATOR_GROUPS, id -> XML id. effective: the groups the user holds (by
    default, what the grant gives)."""
    declared = [xml_id for xml_id in role.groups if xml_id in ADMINISTRATOR_GROUPS]
    asked = frozenset().union(*(grant.sources.get(xml_id, frozenset()) for xml_id in declared))
    held = grant.effective if effective is None else frozenset(effective)
    found = []
    for group_id, xml_id in administrators.items():
        if group_id in held and xml_id not in role.groups and group_id not in asked:
            givers = tuple(source for source, ids in grant.sources.items() if group_id in ids)
            found.append((xml_id, givers))
    return sorted(found)


def administrator_refusal(
    role: Role, path: Path, found: list[tuple[str, tuple[str, ...]]], names: Mapping[str, str], db: str
) -> str:
    """The message refusing a role that would be an administrator: the groups, what gives them, the fixes."""

    def shown(xml_id: str) -> str:
        return f'{xml_id} ("{names[xml_id]}")' if names.get(xml_id) else xml_id

    def origin(givers: tuple[str, ...]) -> str:
        if not givers:
            return "is on the user although no group of the role implies it (a module or someone changed the user)"
        parts = []
        for giver in givers:
            if giver == DEFAULT_ACCESS:
                parts.append("the database's default access for new users (default_access = true)")
            elif giver == INTERNAL_USER:
                parts.append(f"{shown(giver)}, the internal-user group every role has")
            else:
                parts.append(shown(giver))
        return "comes with " + " and ".join(parts)

    lines = [f"  - {shown(xml_id)} {origin(givers)}" for xml_id, givers in found]
    givers = {giver for _, of in found for giver in of}
    quoted = ", ".join(f'"{xml_id}"' for xml_id, _ in found)
    fixes = [f'add {quoted} to groups under ["{role.name}"] if the role is meant to administer that']
    if givers - {DEFAULT_ACCESS, INTERNAL_USER}:
        fixes.append(
            "or give the role a group that does not imply it (Settings / Users & Companies / Groups, with developer "
            "mode, shows what each group implies)"
        )
    if DEFAULT_ACCESS in givers:
        fixes.append(
            f'or remove default_access = true from ["{role.name}"], or take those groups out of the default access '
            "for new users (Settings / Users & Companies)"
        )
    if INTERNAL_USER in givers:
        fixes.append(
            f"or, since this database makes every internal user an administrator, take them out of what "
            f"{INTERNAL_USER} implies before running the suite against it"
        )
    return (
        f'The role "{role.name}" in {path} would be an administrator in this Odoo ({db}), which the roles file does '
        f"not say; its scenarios would pass or fail for the wrong reason:\n"
        + "\n".join(lines)
        + "\nFix: "
        + "; ".join(fixes)
        + "."
    )


# The secret role passwords are derived from: never the admin's password (a leaked role password would let anyone
# guess it offline), the same for every worker and every run on this machine, shared by machines that set it.

ROLE_SECRET_VARIABLE = "ODOO_UAT_ROLE_SECRET"
ROLE_SECRET_FILE = "role-secret"
MIN_SECRET_LENGTH = 16
NEW_SECRET = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"


def role_secret(cache_dir: Path, environ: Mapping[str, str] | None = None) -> str:
    """ODOO_UAT_ROLE_SECRET, or the secret kept in the cache folder (made once, mode 0600, owner checked)."""
    environ = os.environ if environ is None else environ
    if value := environ.get(ROLE_SECRET_VARIABLE, "").strip():
        if len(value) < MIN_SECRET_LENGTH:
            raise RoleSecretError(
                f"{ROLE_SECRET_VARIABLE} is {len(value)} characters long: give it at least {MIN_SECRET_LENGTH} "
                f"random ones, e.g. the output of {NEW_SECRET} (the same on every machine that runs against the "
                "same server)."
            )
        return value
    path = cache_dir / ROLE_SECRET_FILE
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    cache_dir.mkdir(parents=True, mode=0o700, exist_ok=True)
    # Written whole under another name, then linked: a worker never reads half a secret, and when two workers
    # make one at once the first link wins and both use it.
    temporary = cache_dir / f".{ROLE_SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_urlsafe(32) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        temporary.unlink(missing_ok=True)
    return _read_secret(path)


def _read_secret(path: Path) -> str:
    """The secret in the file, which must be a regular file of this user that no one else can read."""
    fix = f"delete it (a new one is made) or set {ROLE_SECRET_VARIABLE}"
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise
    except OSError as error:
        what = "is a symbolic link" if path.is_symlink() else f"cannot be read ({error.strerror})"
        raise RoleSecretError(f"The role secret {path} {what}: {fix}.") from None
    with os.fdopen(descriptor, encoding="ascii", errors="replace") as handle:
        status = os.fstat(handle.fileno())
        owner = os.geteuid() if hasattr(os, "geteuid") else status.st_uid
        if not stat.S_ISREG(status.st_mode) or status.st_uid != owner:
            raise RoleSecretError(
                f"The role secret {path} is not a file of this user (uid {owner}): someone else could choose the "
                f"role users' passwords. Check who made it, then {fix}."
            )
        if status.st_mode & 0o077:
            raise RoleSecretError(
                f"The role secret {path} can be read by others (mode {stat.S_IMODE(status.st_mode):04o}): "
                f"chmod 600 {path} and check who read it, or {fix}."
            )
        value = handle.read().strip()
    if len(value) < MIN_SECRET_LENGTH:
        raise RoleSecretError(f"The role secret {path} holds {len(value)} characters, too few: {fix}.")
    return value
