"""Roles: plain-word names for the people in a scenario, mapped to Odoo groups in roles.toml."""

from __future__ import annotations

import hashlib
import hmac
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
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


# Of the groups Odoo gives every new user, those outside any application: extra rights (Contact Creation,
# Product Creation), technical ones, the user type. Up to 18.0 installing an app also adds its
# administrator group to the new-user template; a role's access to an app comes from its own groups.
EXTRA_RIGHT_CATEGORIES = frozenset(
    {"base.module_category_usability", "base.module_category_hidden", "base.module_category_user_type"}
)


def extra_rights(groups: Iterable[tuple[int, str | None]]) -> list[int]:
    """The ids of the (group id, category XML id) pairs that are no application's access level."""
    return [group for group, category in groups if category is None or category in EXTRA_RIGHT_CATEGORIES]


def role_group_ids(default_ids: Iterable[int], role_ids: Iterable[int]) -> list[int]:
    """A role's user's groups: what Odoo gives every new user, then the role's own, each once."""
    return list(dict.fromkeys([*default_ids, *role_ids]))


class UnknownRoleError(LookupError):
    """A scenario names a role that the roles file does not define."""


class RolesFileError(ValueError):
    """The roles file gives a role a setting it cannot have (a language that is no Odoo language code)."""


# Odoo's language codes: fr_FR, es_419, sr@latin, nl_BE...
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:_[A-Z0-9]{2,3})?(?:@[a-z]+)?")


@dataclass(frozen=True)
class Role:
    name: str
    groups: tuple[str, ...]
    description: str = ""
    language: str | None = None  # Odoo's language code of the role's user (fr_FR); None: Odoo's default

    @property
    def login(self) -> str:
        """The Odoo login of this role's user, e.g. 'uat-sales-coordinator'."""
        return "uat-" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    def password(self, secret: str, db: str) -> str:
        """A password derived from the admin's, so every worker computes the same one."""
        return hmac.new(secret.encode(), f"{db}:{self.login}".encode(), hashlib.sha256).hexdigest()[:32]


class Roles:
    """The roles file, read once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.is_file():
            raise FileNotFoundError(f"The roles file {path} does not exist; set roles_file in [tool.odoo-uat].")
        with path.open("rb") as handle:
            table = tomllib.load(handle)
        self._roles = {
            name.casefold(): Role(
                name,
                tuple(spec.get("groups", ())),
                spec.get("description", ""),
                self._language(name, spec.get("language")),
            )
            for name, spec in table.items()
        }

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
