"""An odoorpc connection to the Odoo under test, with errors that say what to do."""

from __future__ import annotations

import logging
import socket
import urllib.error
from http.cookiejar import CookieJar
from urllib.parse import urlparse
from urllib.request import HTTPCookieProcessor, build_opener

import odoorpc

from odoo_uat.odoo.target import OdooTarget
from odoo_uat.secret import remember

LOG = logging.getLogger("odoo_uat.odoo")
UNREACHABLE = (urllib.error.URLError, socket.error)
AUTHENTICATE = "/web/session/authenticate"
CALL_KW = "/web/dataset/call_kw/{model}/{method}"  # the web client's own door to model methods (18.0 and 19.0)
SESSION_EXPIRED = "SessionExpiredException"
# What Odoo answers a login to a database it does not have: /jsonrpc, then /web/session/authenticate (18.0, 19.0)
NO_DATABASE = ("does not exist", "Database not found")
BASE_URL = "web.base.url"
BASE_URL_FROZEN = "web.base.url.freeze"
SESSION_COOKIE = "session_id"  # the cookie of an Odoo session (18.0, 19.0): RPC and the web client


class OdooConnectionError(Exception):
    """The Odoo under test cannot be reached or refused the credentials."""


class SessionODOO(odoorpc.ODOO):
    """odoorpc, its calls made in a logged-in session (its cookie in the connection's own jar) instead of with the
    password in every call, where that changes nothing on the server.

    Odoo checks a password sent with a call (/jsonrpc) against its hash (PBKDF2, 600,000 rounds: about 0.5 s of CPU)
    and caches the answer only until its next cache clear, which any new setting, user, module data or group
    brings: a pack cleared it about 50 times, so that many calls paid the check again. A session is checked against
    a cheap token, and /web/dataset/call_kw is the web client's own door (Odoo 19 deprecates /jsonrpc).

    But an administrator's session login sets web.base.url to the address it came in by (res.users.authenticate),
    unless web.base.url.freeze is set: on a staging reached by another address than its own, that would move the
    links of its mails and the address its reports load their styles from. So the login is checked over /jsonrpc
    first (as odoorpc does), and the calls go through a session only when web.base.url is frozen or already this
    address; otherwise they stay on /jsonrpc.
    """

    in_session = False

    def __init__(self, *args, **kwargs) -> None:
        self.cookies = CookieJar()  # the session's cookie: a known secret of the run once given (secret.remember)
        super().__init__(*args, opener=build_opener(HTTPCookieProcessor(self.cookies)), **kwargs)

    def login(self, db: str, login: str = "admin", password: str = "admin") -> None:
        self.in_session = False
        super().login(db, login, password)  # /jsonrpc: the password checked, nothing written
        if not self._session_changes_nothing(self._url()):
            return
        self._authenticate()
        self.in_session = True

    def execute(self, model: str, method: str, *args):
        return self.execute_kw(model, method, list(args))

    def execute_kw(self, model: str, method: str, args=None, kwargs=None):
        if not self.in_session:
            return super().execute_kw(model, method, args, kwargs)
        self._check_logged_user()
        params = {"model": model, "method": method, "args": args or [], "kwargs": kwargs or {}}
        try:
            return self.json(CALL_KW.format(model=model, method=method), params).get("result")
        except odoorpc.error.RPCError as error:
            if SESSION_EXPIRED not in str((error.info or {}).get("data", {}).get("name", "")):
                raise
        self._authenticate()  # Odoo ended the session: once more, in a new one
        return self.json(CALL_KW.format(model=model, method=method), params).get("result")

    def _url(self) -> str:
        """The address Odoo sees this connection come in by (its request's url_root)."""
        scheme = "https" if self.protocol.endswith("+ssl") else "http"
        default = 443 if scheme == "https" else 80
        return f"{scheme}://{self.host}" + ("" if self.port == default else f":{self.port}")

    def _session_changes_nothing(self, url: str) -> bool:
        """Whether a session login leaves web.base.url as it is: frozen, already this address, or not an
        administrator's (who may not read it, and whose login does not set it)."""
        try:
            found = super().execute_kw(
                "ir.config_parameter",
                "search_read",
                [[("key", "in", [BASE_URL, BASE_URL_FROZEN])]],
                {"fields": ["key", "value"]},
            )
        except odoorpc.error.RPCError:
            return True  # not readable: no administrator, whose login would set it
        params = {row["key"]: row["value"] for row in found}
        if params.get(BASE_URL_FROZEN) or (params.get(BASE_URL) or "").rstrip("/") == url:
            return True
        LOG.info(
            "RPC calls go to /jsonrpc with the password: a session login would set %s (%s) to %s; "
            "set %s to keep it (docs/setup.md)",
            BASE_URL,
            params.get(BASE_URL),
            url,
            BASE_URL_FROZEN,
        )
        return False

    def _authenticate(self) -> None:
        """A session login with the credentials odoorpc's login kept. No frame of a traceback from here holds the
        password as an argument (pytest prints frames' arguments): an error is raised anew, its cause left out."""
        try:
            answer = self.json(AUTHENTICATE, {"db": self.env.db, "login": self._login, "password": self._password})
        except odoorpc.error.RPCError as error:
            raise odoorpc.error.RPCError(f"The session login was refused: {error}", error.info) from None
        remember(*(cookie.value for cookie in self.cookies if cookie.name == SESSION_COOKIE))
        result = answer.get("result")
        if not result or not result.get("uid"):
            raise odoorpc.error.RPCError("Wrong login ID or password")


def connect(target: OdooTarget, timeout: float = 120) -> odoorpc.ODOO:
    """Log in over JSON-RPC as the target's administrator; the calls in a session where that changes nothing."""
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
