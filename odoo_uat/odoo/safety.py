"""Never a production database: an existing server's database must be neutralised, or the override given.

`guard_writes` is the one check every command that writes to a server makes before its first write
(`make uat`'s pytest plugin, bench, soak, record, clean-server); tests/unit/odoo/test_write_guard.py
fails when a module that connects to Odoo does not call it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

NEUTRALIZED_PARAMETER = "database.is_neutralized"  # what `odoo-bin neutralize` and staging copies set
OVERRIDE_OPTION = "--odoo-allow-live-database"
OVERRIDE_VARIABLE = "ODOO_UAT_ALLOW_LIVE_DATABASE"
OVERRIDE_VALUE = "yes-this-is-no-production-database"

# The run metadata's answer to "could this run have harmed a real database?"
DATABASE_SAFETY = "Database safety"
EMBEDDED_DATABASE = "throwaway clone of a template on a private, loopback-only server (neutralised by construction)"
NEUTRALIZED_DATABASE = f"existing server, database neutralised ({NEUTRALIZED_PARAMETER})"
LIVE_DATABASE_ALLOWED = f"existing server, database NOT checked: run with {OVERRIDE_OPTION}"


class LiveDatabaseError(Exception):
    """The database is not neutralised and no override was given; the message says how to go on."""


def neutralization_mark(odoo: Any) -> str:
    """The database's neutralisation mark as set ("" when it has none)."""
    return str(odoo.env["ir.config_parameter"].get_param(NEUTRALIZED_PARAMETER) or "").strip()


def is_neutralized(odoo: Any) -> bool:
    """Whether the logged-in database carries Odoo's neutralisation mark."""
    return neutralization_mark(odoo).lower() in ("true", "1")


def refuse_live_database(odoo: Any, url: str, db: str) -> None:
    """Raise LiveDatabaseError unless db is neutralised (called before the suite writes anything)."""
    mark = neutralization_mark(odoo)
    if mark.lower() in ("true", "1"):
        return
    found = f"is {mark!r}" if mark else "is not set"
    raise LiveDatabaseError(
        f"Refusing to run against database {db!r} at {url}: it is not neutralised (the system parameter "
        f"{NEUTRALIZED_PARAMETER} {found}), so it may be a production database, and odoo-uat would create "
        "partners, products, stock moves, posted invoices and users in it (or archive and cancel them, "
        "cleaning up).\n"
        "Run against a neutralised copy instead: copy the database, then `odoo-bin neutralize -d <copy>` "
        "(or use a staging branch, which Odoo neutralises). If you are certain this database is no "
        f"production database, pass {OVERRIDE_OPTION} (with make: ARGS={OVERRIDE_OPTION}) or set "
        f"{OVERRIDE_VARIABLE}={OVERRIDE_VALUE}."
    )


def override_given(option: bool, environ_value: str | None) -> bool:
    """Whether the user explicitly allowed a database that is not neutralised."""
    return bool(option) or (environ_value or "").strip() == OVERRIDE_VALUE


def override_requested(option: bool) -> bool:
    """override_given with the command's option and this process's environment."""
    return override_given(option, os.environ.get(OVERRIDE_VARIABLE))


def add_override_option(add: Callable[..., object], does: str) -> None:
    """The --odoo-allow-live-database option of a command (argparse's add_argument or pytest's addoption).

    `does` says what the command would do to such a database, e.g. "the scenarios write to it".
    """
    add(
        OVERRIDE_OPTION,
        action="store_true",
        default=False,
        help=f"act on an existing database that is NOT neutralised (it may be production: {does}); "
        f"also {OVERRIDE_VARIABLE}={OVERRIDE_VALUE}",
    )


def guard_writes(odoo: Any, target: Any, override: bool) -> str:
    """Before a command's first write: what the run metadata says of the database (DATABASE_SAFETY);
    LiveDatabaseError when an existing server's database is not neutralised and no override was given.

    `target` is the OdooTarget the connection `odoo` was made to; an embedded one is a throwaway clone,
    and with the override the database is not read at all.
    """
    if target.embedded:
        return EMBEDDED_DATABASE
    if override:
        return LIVE_DATABASE_ALLOWED
    refuse_live_database(odoo, target.url, target.db)
    return NEUTRALIZED_DATABASE
