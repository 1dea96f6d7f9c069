"""Never a production database: an existing server's database must be neutralised, or the override given."""

from __future__ import annotations

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


def is_neutralized(odoo: Any) -> bool:
    """Whether the logged-in database carries Odoo's neutralisation mark."""
    value = odoo.env["ir.config_parameter"].get_param(NEUTRALIZED_PARAMETER)
    return str(value or "").strip().lower() in ("true", "1")


def refuse_live_database(odoo: Any, url: str, db: str) -> None:
    """Raise LiveDatabaseError unless db is neutralised (called before the suite writes anything)."""
    if is_neutralized(odoo):
        return
    raise LiveDatabaseError(
        f"Refusing to run against database {db!r} at {url}: it is not neutralised (the system parameter "
        f"{NEUTRALIZED_PARAMETER} is not set), so it may be a production database, and the scenarios would "
        "create partners, products, stock moves, posted invoices and users in it.\n"
        "Run against a neutralised copy instead: copy the database, then `odoo-bin neutralize -d <copy>` "
        "(or use a staging branch, which Odoo neutralises). If you are certain this database is no "
        f"production database, pass {OVERRIDE_OPTION} or set {OVERRIDE_VARIABLE}={OVERRIDE_VALUE}."
    )


def override_given(option: bool, environ_value: str | None) -> bool:
    """Whether the user explicitly allowed a database that is not neutralised."""
    return bool(option) or (environ_value or "").strip() == OVERRIDE_VALUE
