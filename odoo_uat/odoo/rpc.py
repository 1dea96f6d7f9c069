"""An odoorpc connection to the Odoo under test, with errors that say what to do."""

from __future__ import annotations

import socket
import urllib.error
from urllib.parse import urlparse

import odoorpc
from odoorpc.env import Environment

from odoo_uat.odoo.target import OdooTarget

UNREACHABLE = (urllib.error.URLError, socket.error)
AUTHENTICATE = "/web/session/authenticate"
CALL_KW = "/web/dataset/call_kw/{model}/{method}"  # the web client's own door to model methods (18.0 and 19.0)
SESSION_EXPIRED = "SessionExpiredException"
# What Odoo answers a login to a database it does not have: /jsonrpc, then /web/session/authenticate (18.0, 19.0)
NO_DATABASE = ("does not exist", "Database not found")


class OdooConnectionError(Exception):
    """The Odoo under test cannot be reached or refused the credentials."""


class SessionODOO(odoorpc.ODOO):
    """odoorpc, its calls made in a logged-in session (its cookie in odoorpc's cookie jar) instead of with the
    password in every call.

    Odoo checks a password sent with a call (/jsonrpc) against its hash (PBKDF2, 600,000 rounds: about 0.5 s of CPU)
    and caches the answer only until its next cache clear, which any new setting, user, module data or group
    brings: a pack cleared it about 50 times, so that many calls paid the check again. A session is checked against
    a cheap token. The password is sent once, at login, and again only to log in anew when Odoo ended the session.
    """

    def login(self, db: str, login: str = "admin", password: str = "admin") -> None:
        result = self.json(AUTHENTICATE, {"db": db, "login": login, "password": password})["result"]
        if not result or not result.get("uid"):
            raise odoorpc.error.RPCError("Wrong login ID or password")
        self._env = Environment(self, db, result["uid"], context=dict(result.get("user_context") or {}))
        self._login = login
        self._password = password

    def execute(self, model: str, method: str, *args):
        return self.execute_kw(model, method, list(args))

    def execute_kw(self, model: str, method: str, args=None, kwargs=None):
        self._check_logged_user()
        params = {"model": model, "method": method, "args": args or [], "kwargs": kwargs or {}}
        try:
            return self.json(CALL_KW.format(model=model, method=method), params).get("result")
        except odoorpc.error.RPCError as error:
            if SESSION_EXPIRED not in str((error.info or {}).get("data", {}).get("name", "")):
                raise
        self.login(self.env.db, self._login, self._password)  # Odoo ended the session: once more, in a new one
        return self.json(CALL_KW.format(model=model, method=method), params).get("result")


def connect(target: OdooTarget, timeout: float = 120) -> odoorpc.ODOO:
    """Log in over JSON-RPC as the target's administrator, in a session (SessionODOO)."""
    parsed = urlparse(target.url)
    https = parsed.scheme == "https"
    try:
        odoo = SessionODOO(
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
        if any(words in str(error) for words in NO_DATABASE):
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
