"""An odoorpc connection to the Odoo under test, with errors that say what to do."""

from __future__ import annotations

import socket
import urllib.error
from urllib.parse import urlparse

import odoorpc

from odoo_uat.odoo.target import OdooTarget

UNREACHABLE = (urllib.error.URLError, socket.error)


class OdooConnectionError(Exception):
    """The Odoo under test cannot be reached or refused the credentials."""


def connect(target: OdooTarget, timeout: float = 120) -> odoorpc.ODOO:
    """Log in over JSON-RPC as the target's administrator."""
    parsed = urlparse(target.url)
    https = parsed.scheme == "https"
    try:
        odoo = odoorpc.ODOO(
            parsed.hostname,
            protocol="jsonrpc+ssl" if https else "jsonrpc",
            port=parsed.port or (443 if https else 80),
            timeout=timeout,
        )
        odoo.login(target.db, target.login, target.password.reveal())  # a Secret: revealed where it is sent
    except UNREACHABLE as error:
        raise OdooConnectionError(
            f"Odoo at {target.url} is unreachable ({error}). Check ODOO_URL and that the server is running."
        ) from None
    except odoorpc.error.RPCError as error:
        if "does not exist" in str(error):
            raise OdooConnectionError(f"Odoo at {target.url} has no database {target.db!r}. Check ODOO_DB.") from None
        raise OdooConnectionError(
            f"Odoo at {target.url} refused the login {target.login!r} on database {target.db!r} ({error}). "
            "Check ODOO_LOGIN and ODOO_PASSWORD."
        ) from None
    except Exception as error:  # odoorpc's login frame holds the password, and pytest prints frame arguments
        raise OdooConnectionError(
            f"Odoo at {target.url} gave an answer the login could not read ({type(error).__name__}: {error}). "
            "Check that ODOO_URL is the Odoo server itself (no proxy page in between)."
        ) from None
    return odoo


def series(odoo: odoorpc.ODOO) -> str:
    """The server's major series, e.g. '19.0'."""
    return ".".join(odoo.version.split(".")[:2])


def major(odoo: odoorpc.ODOO) -> int:
    """The server's major version number, e.g. 19."""
    return int(odoo.version.split(".")[0].split("saas~")[-1])
