"""Where the acting roles' pages come from: one logged-in page per role per worker, its web client kept booted
across scenarios (RolePages), or a new browser context per role per scenario (FreshContexts, when videos are
recorded: a video covers a whole context). A reused page is handed over tidy (odoo_uat.web.clean_state) and
checked against the server (odoo_uat.web.kept_client), or not at all."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

from odoo_uat.odoo.roles import Role
from odoo_uat.secret import Secret
from odoo_uat.web.browser import (
    ACTION_TIMEOUT_MS,
    FIRST_LOAD_TIMEOUT_MS,
    HOME,
    SESSION_ENDED_WHY,
    WEB_CLIENT_READY,
    Evidence,
    RoleStates,
    SessionEnded,
    check_logged_in,
)
from odoo_uat.web.clean_state import client_cookies, keep_booted, leave_clean
from odoo_uat.web.kept_client import ClientState, ServerChanges, SessionGone, user_state

LOG = logging.getLogger("odoo_uat.web")
TRACING = ("on", "retain-on-failure")  # pytest-playwright's --tracing values that record a trace
SCREENSHOT_TIMEOUT_MS = 10_000


class RolePages:
    """One logged-in page per role for this worker, its web client kept booted from scenario to scenario.

    A scenario takes a role's page with `take` and gives it back with `give_back`: its trace chunk is saved or
    dropped, and the page tidied with its web client kept booted (odoo_uat.web.clean_state.keep_booted) — or made
    blank when that cannot be, or its context closed when the scenario failed or the page cannot be made clean, so
    that the next scenario gets a new one. A kept client is checked against the server when the next scenario
    takes it (odoo_uat.web.kept_client) and booted again when the server holds something else.
    """

    def __init__(
        self,
        browser: Browser,
        context_args: dict,
        states: RoleStates,
        evidence: Evidence,
        groups_field: str,
        server_changes: ServerChanges,
    ) -> None:
        self.browser = browser
        self.context_args = context_args
        self.states = states
        self.evidence = evidence
        self.groups_field = groups_field  # res.users: every group of the user (Compat.user_all_groups_field)
        self.server_changes = server_changes
        self._pages: dict[str, Page] = {}
        self._booted: dict[str, tuple[ClientState, frozenset]] = {}  # role -> what its client booted with, cookies
        self._traced: set[str] = set()  # roles whose context's tracing has started
        self._server: tuple[str, tuple] | None = None  # (scenario, the views' and menus' last change)
        self.opened = 0  # contexts opened so far (a measure of reuse)
        self.boots = 0  # web-client boots so far
        self.reboots = 0  # of them, kept clients booted again because the server held something else
        self.start_seconds = 0.0  # spent in takes that logged a role in or booted its client (not the checks alone)

    def take(self, role: Role, password: Secret | str, title: str) -> Page:
        """The role's page, logged in, its web client booted and current; its trace chunk (if traced) titled for
        the scenario."""
        password = Secret(password)  # as a Secret in every frame below, even when a caller gave a str
        started, boots = time.perf_counter(), self.boots
        page = self._pages.get(role.name)
        if page is not None and not page.is_closed():
            page = self._ready(role, page, title)
        if page is None or page.is_closed():
            self._forget(role.name)
            page = self._pages[role.name] = self._open(role, password, title)
        if self.boots != boots:
            self.start_seconds += time.perf_counter() - started
        if self.evidence.tracing in TRACING:
            tracing = page.context.tracing
            if role.name in self._traced:
                tracing.start_chunk(title=title)
            else:
                tracing.start(
                    title=title,
                    screenshots=self.evidence.screencast,
                    snapshots=self.evidence.snapshots,
                    sources=True,
                )
                self._traced.add(role.name)
        return page

    def give_back(self, role_name: str, failed: bool, folder: Path, stem: str) -> list[tuple[str, Path]]:
        """End a scenario's use of a role's page: the artefacts kept, the page cleaned or its context closed."""
        page = self._pages.get(role_name)
        if page is None or page.is_closed():
            self._forget(role_name)
            return []
        kept: list[tuple[str, Path]] = []
        if self.evidence.keeps_screenshot(failed) or self.evidence.keeps_trace(failed):
            folder.mkdir(parents=True, exist_ok=True)
        if self.evidence.keeps_screenshot(failed):
            path = folder / f"test-{'failed' if failed else 'finished'}{stem}.png"
            try:
                page.screenshot(path=path, full_page=self.evidence.full_page, timeout=SCREENSHOT_TIMEOUT_MS)
                kept.append(("screenshot", path))
            except PlaywrightError:
                pass  # a crashed page has nothing to show; the trace and the steps' screenshots remain
        if role_name in self._traced:
            if self.evidence.keeps_trace(failed):
                path = folder / f"trace{stem}.zip"
                page.context.tracing.stop_chunk(path=path)
                kept.append(("trace", path))
            else:
                page.context.tracing.stop_chunk()
        booted = self._booted.pop(role_name, None)
        if failed:
            self._close(role_name)
        elif booted is not None and keep_booted(page, booted[1]):
            self._booted[role_name] = booted
        elif not leave_clean(page):
            self._close(role_name)
        return kept

    def contexts(self) -> list[BrowserContext]:
        """The live contexts of this worker's role pages."""
        return [page.context for page in self._pages.values() if not page.is_closed()]

    def close(self) -> None:
        """Close every role's context (end of the worker's session)."""
        for role_name in list(self._pages):
            self._close(role_name)

    def _ready(self, role: Role, page: Page, title: str) -> Page | None:
        """The kept page, its client booted with what the server holds now; None when its session is gone (the
        role then logs in again on a new page)."""
        try:
            now = self._state(role, page, title)
        except SessionGone:
            self._close(role.name)
            self.states.forget(role)
            return None
        booted = self._booted.get(role.name)
        if booted is not None and booted[0] == now:
            return page
        if booted is not None:
            self.reboots += 1
            LOG.info(
                "the kept web client of %s boots again: %s changed on the server",
                role.name,
                ", ".join(booted[0].changes(now, self.groups_field)),
            )
            self._booted.pop(role.name)
            if not leave_clean(page):  # blank, its cached views and menus deleted, before it boots again
                self._close(role.name)
                return None
        return page if self._boot(role, page, now) else None

    def _open(self, role: Role, password: Secret, title: str) -> Page:
        """A new context logged in as the role, its web client booted (assets cached).

        The worker's stored login of the role may have ended on the server since (an earlier scenario saw it
        end): then the role logs in once more. A login that ends at once is SessionEnded."""
        stored = self.states.has(role)
        page = self._new_page(role, password)
        try:
            state = self._state(role, page, title)
        except SessionGone:
            page.context.close()
            if not stored:
                raise SessionEnded(
                    f'Odoo refused the "{role.name}" user\'s ({role.login}) session right after its login. '
                    + SESSION_ENDED_WHY
                ) from None
            self.states.forget(role)
            return self._open(role, password, title)  # logs in again: no stored login now
        if not self._boot(role, page, state):
            page.context.close()
            raise RuntimeError(
                f'The web client of the "{role.name}" user ({role.login}) did not start at {HOME} '
                "(odoo_uat/web/role_pages.py)."
            )
        return page

    def _boot(self, role: Role, page: Page, state: ClientState) -> bool:
        """Boot the web client on the page; it holds `state` (read just before). False when it shows no client."""
        page.goto(HOME, timeout=FIRST_LOAD_TIMEOUT_MS)
        check_logged_in(page, f'the "{role.name}" user\'s ({role.login}) web client')
        expect(page.locator(WEB_CLIENT_READY)).to_be_visible(timeout=FIRST_LOAD_TIMEOUT_MS)
        self.boots += 1
        try:
            state = state.as_booted(user_state(page, self.states.uid(role), self.groups_field))
        except SessionGone:
            pass  # kept as read before: the next scenario's check sees the session gone
        self._booted[role.name] = (state, client_cookies(page))
        return True

    def _state(self, role: Role, page: Page, title: str) -> ClientState:
        """What the role's client would boot with now (SessionGone when Odoo refuses its session)."""
        if self._server is None or self._server[0] != title:
            self._server = (title, self.server_changes())
        return ClientState(user_state(page, self.states.uid(role), self.groups_field), self._server[1])

    def _new_page(self, role: Role, password: Secret) -> Page:
        """A blank page in a new context with the role's stored login."""
        context = self.browser.new_context(**self.context_args, storage_state=self.states.state(role, password))
        self.opened += 1
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        return context.new_page()

    def _close(self, role_name: str) -> None:
        page = self._pages.get(role_name)
        self._forget(role_name)
        if page is not None:
            try:
                page.context.close()
            except PlaywrightError:
                pass  # the browser is already gone (end of session, crash): nothing left to close

    def _forget(self, role_name: str) -> None:
        self._pages.pop(role_name, None)
        self._booted.pop(role_name, None)
        self._traced.discard(role_name)


class FreshContexts:
    """A new browser context per role per scenario through pytest-playwright's `new_context` (videos, traces)."""

    def __init__(self, new_context: Callable[..., BrowserContext], states: RoleStates) -> None:
        self._new_context = new_context
        self.states = states
        self.start_seconds = 0.0  # spent logging roles in (once per role and worker)

    def take(self, role: Role, password: Secret | str, title: str) -> Page:
        """A new page in a new context logged in as the role (pytest-playwright closes it after the test)."""
        password = Secret(password)
        started, stored = time.perf_counter(), self.states.has(role)
        storage_state = self.states.state(role, password)
        if not stored:
            self.start_seconds += time.perf_counter() - started
        context = self._new_context(storage_state=storage_state)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        return context.new_page()

    def give_back(self, role_name: str, failed: bool, folder: Path, stem: str) -> list[tuple[str, Path]]:
        """Nothing: pytest-playwright closes the context and keeps its artefacts itself."""
        return []
