"""Browsers for the web client: Debian's Chromium when Playwright has none, one logged-in state per role,
the pages of the roles acting in a scenario (from odoo_uat.web.role_pages). No pytest here: the fixtures in fixtures/browser.py use these."""

from __future__ import annotations

import glob
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, StorageState, expect
from playwright.sync_api import Error as PlaywrightError

from odoo_uat.odoo.roles import Role
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.secret import Secret, remember
from odoo_uat.system_packages import (
    BROWSER_VARIABLE,
    FULL,
    HEADLESS_SHELL,
    HEADLESS_SHELL_BINARY,
    SYSTEM_BROWSERS,
    BrowserSettingError,
    browser_choice,
    browser_need,
)
from odoo_uat.web.session import SESSION_INFO

# Odoo's pages answer in well under this on 2 cores once assets are built; it bounds
# every auto-wait and expect() instead of Playwright's 5 s default.
EXPECT_TIMEOUT_MS = 20_000
ACTION_TIMEOUT_MS = 30_000
# The first page of a new database builds the asset bundles (10-20 s, more on a busy machine).
FIRST_LOAD_TIMEOUT_MS = 180_000
VIEWPORT = {"width": 1440, "height": 900}  # below ~1000 px Odoo switches to its mobile layout
# Every browser context: a desktop size, and the user's wish for reduced motion, which Odoo's Bootstrap honours by
# turning its transitions off (a dialog or a dropdown is ready when shown, not after its fade).
CONTEXT_OPTIONS = {"viewport": VIEWPORT, "reduced_motion": "reduce"}
ROOT_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SYSTEM_CHROMIUM = ("chromium", "chromium-browser")
WEB_CLIENT_READY = ".o_web_client .o_action_manager"
# Whether an element is shown as Playwright's is_visible() sees it (a box of some size, not hidden by style), for the
# scripts that look at several things in one round trip.
SHOWN_JS = """el => {
    const box = el?.getBoundingClientRect();
    return !!box && box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
}"""
HOME = "/odoo"
LOGIN_PATH = "/web/login"  # where Odoo sends a page whose session it no longer knows
# auth="user" in 18.0 and 19.0: a refused session gets odoo.http.SessionExpiredException
SESSION_INFO_CALL = {"jsonrpc": "2.0", "method": "call", "params": {}}
SESSION_EXPIRED = "SessionExpiredException"
SESSION_CHECK_TIMEOUT_MS = 5_000
AUTHENTICATE = "/web/session/authenticate"


class SessionEnded(RuntimeError):
    """Odoo sent a logged-in page to its login form: it no longer accepted that page's session."""


# Why Odoo stops accepting a session, and where to see which; said by every SessionEnded.
SESSION_ENDED_WHY = (
    "Odoo no longer accepted that role's session: the server ended it (the user's password, login or "
    "active flag written, its devices revoked, the database restored or its sessions folder emptied) "
    "or the browser sent no session cookie or another one. Odoo's log at this time, and the trace, "
    "show which."
)


def on_login_form(page: Page) -> bool:
    """Whether Odoo sent this page to its login form."""
    return urlparse(page.url).path.startswith(LOGIN_PATH)


def session_refused(page: Page) -> bool:
    """Whether Odoo no longer accepts the page's session: on its login form, or refusing the session's cookie
    (the web client then shows "Session Expired", in the user's language). One JSON-RPC call when not on the form."""
    if on_login_form(page):
        return True
    try:
        answer = page.context.request.post(SESSION_INFO, data=SESSION_INFO_CALL, timeout=SESSION_CHECK_TIMEOUT_MS)
        error = (answer.json().get("error") or {}).get("data") or {}
    except (PlaywrightError, ValueError):
        return False  # cannot tell: the failure stands as it is
    return SESSION_EXPIRED in str(error.get("name", ""))


def check_logged_in(page: Page, who: str) -> None:
    """Raise SessionEnded, saying whose session and where to look, when the page is on Odoo's login form."""
    if on_login_form(page):
        raise SessionEnded(f"Odoo answered {who} with its login form. {SESSION_ENDED_WHY}")


def first_line(text: str) -> str:
    """The first line of a message (Playwright's messages go on with a call log, which may show a request's headers)."""
    return (text or "").strip().partition("\n")[0]


def configure_expect() -> None:
    """Bound every expect() by EXPECT_TIMEOUT_MS instead of Playwright's 5 s default (called by the plugin)."""
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def playwright_has_chromium() -> bool:
    """Whether `playwright install chromium` has put a browser in Playwright's cache."""
    cache = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or str(Path.home() / ".cache" / "ms-playwright")
    return bool(glob.glob(os.path.join(cache, "chromium*")))


def system_chromium(headless: bool = True) -> str | None:
    """Debian's / Ubuntu's browser, used where Playwright cannot download its own: for a headless run the one
    ODOO_UAT_BROWSER chooses (the headless shell by default), for a visible one the full Chromium."""
    choice = browser_choice() if headless else FULL
    if choice == HEADLESS_SHELL:
        binary = Path("/") / HEADLESS_SHELL_BINARY
        return str(binary) if binary.exists() else None
    return next((path for path in map(shutil.which, SYSTEM_CHROMIUM) if path), None)


def launch_options(headless: bool = True) -> dict:
    """Playwright's launch options for Chromium: none when Playwright has its own, else the system browser and the
    flags it needs here; BrowserMissing says what to install."""
    if playwright_has_chromium():
        return {}
    try:
        executable = system_chromium(headless)
    except BrowserSettingError as error:
        raise BrowserMissing(str(error)) from None
    if executable is None:
        package = (browser_need() if headless else SYSTEM_BROWSERS[FULL]).package
        raise BrowserMissing(
            f"No browser: Playwright's Chromium is not installed and Debian's {package} was not found. Run `make "
            f"browser` (it installs it) or `apt-get install {package}`"
            + (f"; {BROWSER_VARIABLE}={FULL} runs the scenarios in the full chromium instead." if headless else ".")
        )
    return {"executable_path": executable, "args": list(ROOT_CHROMIUM_ARGS)}


class BrowserMissing(RuntimeError):
    """No browser to run: the message says which package to install, or which setting to fix."""


class RoleStates:
    """Logged-in browser state per role, made once per worker by a JSON-RPC login (no typing).

    The states (their session cookies) stay in memory: no file on disk holds a live session. Passwords come in
    and go on as Secrets, so no frame a traceback shows holds one (docs/secrets.md).
    """

    def __init__(self, browser: Browser, context_args: dict, target: OdooTarget) -> None:
        self.browser = browser
        self.context_args = context_args
        self.target = target
        self._states: dict[str, StorageState] = {}
        self._uids: dict[str, int] = {}
        self._assets_built = False

    def state(self, role: Role, password: Secret | str) -> StorageState:
        """The storage state of `role`, logging in the first time it is asked (a str password is held as a Secret)."""
        password = Secret(password)  # a caller outside the browser layer (bench, tests) may give a str
        if role.name not in self._states:
            self._states[role.name] = self._login(role, password)
        return self._states[role.name]

    def uid(self, role: Role) -> int:
        """The role user's id on the server (known once the role logged in)."""
        return self._uids[role.name]

    def has(self, role: Role) -> bool:
        """Whether this worker already holds a login of the role (made for an earlier scenario)."""
        return role.name in self._states

    def forget(self, role: Role) -> None:
        """Drop the role's stored state (its session ended on the server): the next `state` logs in again."""
        self._states.pop(role.name, None)

    def cookie_values(self) -> list[str]:
        """The values of every cookie these states hold (session ids), for masking evidence."""
        return [cookie["value"] for state in self._states.values() for cookie in state.get("cookies", [])]

    def _login(self, role: Role, password: Secret) -> StorageState:
        context = self.browser.new_context(**self.context_args)
        try:
            try:
                response = context.request.post(
                    AUTHENTICATE,
                    data={
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {"db": self.target.db, "login": role.login, "password": password.reveal()},
                    },
                )
            except PlaywrightError as error:
                # Raised anew without Playwright's frames: their arguments hold the request's body.
                raise RuntimeError(
                    f'Logging in the "{role.name}" user ({role.login}) failed: Odoo at {self.target.url} did not '
                    f"answer {AUTHENTICATE} ({first_line(error.message)}). Check that it runs, and ODOO_URL."
                ) from None
            body = response.json()
            if not response.ok or body.get("error") or not (body.get("result") or {}).get("uid"):
                message = (body.get("error") or {}).get("data", {}).get("message", response.status_text)
                raise RuntimeError(f'Logging in the "{role.name}" user ({role.login}) failed: {message}')
            self._uids[role.name] = body["result"]["uid"]
            if not self._assets_built:
                # The first page of a new database builds the asset bundles: once per worker, with
                # a long timeout, so that no scenario step waits for it.
                page = context.new_page()
                page.goto(HOME, timeout=FIRST_LOAD_TIMEOUT_MS)
                expect(page.locator(WEB_CLIENT_READY)).to_be_visible(timeout=FIRST_LOAD_TIMEOUT_MS)
                self._assets_built = True
            state = context.storage_state()
            remember(*(cookie["value"] for cookie in state.get("cookies", [])))
            return state
        finally:
            context.close()


class PageSource(Protocol):
    """Where a scenario's role pages come from (odoo_uat.web.role_pages: RolePages or FreshContexts)."""

    start_seconds: float  # spent so far logging roles in and booting their web clients (this worker's start-up)

    def take(self, role: Role, password: Secret, title: str) -> Page: ...

    def give_back(self, role_name: str, failed: bool, folder: Path, stem: str) -> list[tuple[str, Path]]: ...


class ActingUsers:
    """The browser pages of one scenario: one per role, the last one logged in is current."""

    def __init__(self, source: PageSource, role_states: RoleStates, role_users, title: str = "") -> None:
        self._source = source
        self._states = role_states
        self._users = role_users
        self._title = title
        self._pages: dict[str, Page] = {}
        self._passwords: dict[str, Secret] = {}
        self._cookies: list[str] = []
        self._finished = False  # the pages handed back (finish): their cookies as they were then are known
        self._starts_before = source.start_seconds
        self._users_ready_seconds = 0.0  # making the roles' users ready: once per role and worker, else nothing
        self.role: Role | None = None

    def login_as(self, role_name: str) -> Page:
        """Act as this role from now on (its own browser context, already logged in)."""
        started = time.perf_counter()
        role, password = self._users.ensure(role_name)
        self._users_ready_seconds += time.perf_counter() - started
        password = Secret(password)  # a Secret already, unless a test's stand-in gave a str (docs/secrets.md)
        self._passwords[role.name] = password
        if role.name not in self._pages:
            self._pages[role.name] = self._source.take(role, password, self._title)
        self.role = role
        return self._pages[role.name]

    @property
    def page(self) -> Page:
        """The current role's page; a UI step before any login says which step is missing."""
        if self.role is None:
            raise RuntimeError('No one is logged in: add a step like: Given I am logged in as a "Sales coordinator"')
        return self._pages[self.role.name]

    @property
    def start_seconds(self) -> float:
        """Of this scenario's time, what making its roles' users ready, logging them in and booting their clients
        cost: a worker's start-up, paid by whichever scenario needs a role first (or after a change on the server its
        client must see)."""
        return self._source.start_seconds - self._starts_before + self._users_ready_seconds

    def pages_by_role(self) -> dict[str, Page]:
        """Every page opened in this scenario, by role (for evidence)."""
        return dict(self._pages)

    def finish(self, failed: bool, folder: Path) -> list[tuple[str, Path]]:
        """Hand the pages back after the scenario; the artefacts kept, as (kind, path): trace, screenshot."""
        kept: list[tuple[str, Path]] = []
        roles = list(self._pages)
        for role_name, page in self._pages.items():
            if not page.is_closed():  # masked in the evidence even once the page is cleaned or closed
                self._cookies += [cookie["value"] for cookie in page.context.cookies()]
            kept += self._source.give_back(role_name, failed, folder, artefact_stem(roles, role_name))
        remember(*self._cookies)
        self._finished = True
        return kept

    def known_secrets(self) -> list[Secret]:
        """What evidence must never show: the admin's and the roles' passwords, the session cookies (read from the
        pages while the scenario acts; once it handed them back, as they were then)."""
        passwords = list(self._passwords.values())
        cookies = [*self._cookies, *self._states.cookie_values()]
        for page in [] if self._finished else self._pages.values():
            if not page.is_closed():
                try:
                    cookies += [cookie["value"] for cookie in page.context.cookies()]
                except PlaywrightError:
                    pass  # the browser is gone (a crash): the cookies seen before are known already
        return [self._states.target.password, *passwords, *(Secret(cookie) for cookie in cookies)]


def artefact_stem(roles: list[str], role: str) -> str:
    """ "" for a scenario with one role (trace.zip), "-warehouse-operator" per role otherwise."""
    if len(roles) == 1:
        return ""
    return "-" + re.sub(r"[^a-z0-9]+", "-", role.lower()).strip("-")


@dataclass(frozen=True)
class Evidence:
    """What pytest-playwright's options ask to keep of a scenario's pages."""

    tracing: str = "off"  # off, on, retain-on-failure
    screenshot: str = "off"  # off, on, only-on-failure
    full_page: bool = False
    snapshots: bool = False  # the DOM at each action in the trace (--trace-snapshots)
    screencast: bool = False  # frames in the trace too (--trace-screencast)

    def keeps_trace(self, failed: bool) -> bool:
        """Whether this scenario's trace is kept."""
        return self.tracing == "on" or failed and self.tracing == "retain-on-failure"

    def keeps_screenshot(self, failed: bool) -> bool:
        """Whether a screenshot of each role's last page is kept."""
        return self.screenshot == "on" or failed and self.screenshot == "only-on-failure"


ACTING_KEY = pytest.StashKey[ActingUsers]()
