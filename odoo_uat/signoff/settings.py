"""[tool.odoo-uat.sign-off] in pyproject.toml: approvers, the roles a wave needs, the evidence bundle, proofs' age."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TABLE = ("tool", "odoo-uat", "sign-off")
AREA_MODULES = ("tool", "odoo-uat", "process-area-modules")
KEYS = ("bundle", "allowed_signers", "approvers", "required_roles", "wave_roles", "manual_checks", "max_proof_age_days")
APPROVER_KEYS = ("email", "name", "roles")


class SignOffSettingsError(Exception):
    """The sign-off settings are wrong; the message names the key and the fix."""


@dataclass(frozen=True)
class Approver:
    """A person who may approve, identified by the principal (e-mail) of their key in the allowed signers file."""

    email: str
    name: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class SignOffSettings:
    """What sign-off needs; paths are absolute."""

    root: Path
    bundle: Path
    allowed_signers: Path | None = None
    approvers: tuple[Approver, ...] = ()
    required_roles: tuple[str, ...] = ()
    wave_roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    manual_checks: Path | None = None
    max_proof_age_days: int | None = None
    area_modules: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def roles_for(self, wave: str | None) -> tuple[str, ...]:
        """The roles whose approval the wave needs (wave_roles, else required_roles)."""
        return self.wave_roles.get(wave or "", self.required_roles)

    def approver(self, email: str) -> Approver | None:
        """The approver with this principal, None when it is nobody's."""
        return next((a for a in self.approvers if a.email.casefold() == email.casefold()), None)


def load_signoff_settings(pyproject: Path) -> SignOffSettings:
    """Read the table; defaults (bundle reports/, no approver) when it is absent."""
    root = pyproject.resolve().parent
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8")) if pyproject.is_file() else {}
    except tomllib.TOMLDecodeError as error:
        raise SignOffSettingsError(f"{pyproject}: {error}") from None
    table, areas = _table(document, TABLE), _table(document, AREA_MODULES)
    where = "[" + ".".join(TABLE) + "]"
    if unknown := sorted(set(table) - set(KEYS)):
        raise SignOffSettingsError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(KEYS)}")
    age = table.get("max_proof_age_days")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int) or age < 1):
        raise SignOffSettingsError(f"{where}: max_proof_age_days must be a number of days (1 or more)")
    wave_roles = table.get("wave_roles", {})
    if not isinstance(wave_roles, Mapping):
        raise SignOffSettingsError(f'{where}: wave_roles must be a table such as {{ "2" = ["Business owner"] }}')
    return SignOffSettings(
        root=root,
        bundle=root / str(table.get("bundle", "reports")),
        allowed_signers=root / str(table["allowed_signers"]) if table.get("allowed_signers") else None,
        approvers=tuple(_approver(where, n, a) for n, a in enumerate(table.get("approvers", []), start=1)),
        required_roles=_strings(where, "required_roles", table.get("required_roles", [])),
        wave_roles={str(k): _strings(where, f"wave_roles.{k}", v) for k, v in wave_roles.items()},
        manual_checks=root / str(table["manual_checks"]) if table.get("manual_checks") else None,
        max_proof_age_days=age,
        area_modules={str(k): _strings("process-area-modules", str(k), v) for k, v in areas.items()},
    )


def _approver(where: str, number: int, entry: Any) -> Approver:
    if not isinstance(entry, Mapping) or not entry.get("email") or not entry.get("roles"):
        raise SignOffSettingsError(
            f"{where}: approver {number} needs email (the principal of their key in allowed_signers), name and roles"
        )
    if unknown := sorted(set(entry) - set(APPROVER_KEYS)):
        raise SignOffSettingsError(f"{where}: approver {entry['email']}: unknown key(s) {', '.join(unknown)}")
    return Approver(
        str(entry["email"]), str(entry.get("name") or entry["email"]), _strings(where, "roles", entry["roles"])
    )


def _strings(where: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SignOffSettingsError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _table(document: Mapping[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    for key in keys:
        document = document.get(key, {})
        if not isinstance(document, Mapping):
            raise SignOffSettingsError(f"[{'.'.join(keys)}] must be a table")
    return dict(document)
