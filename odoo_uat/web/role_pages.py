"""Where the acting roles' pages come from: one logged-in page per role per worker, kept across scenarios
(RolePages), or a new browser context per role per scenario (FreshContexts, when videos are recorded: a
video covers a whole context). A reused page is handed over clean (odoo_uat.web.clean_state) or not at all."""

from __future__ import annotations

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
    WEB_CLIENT_READY,
    Evidence,
    RoleStates,
    check_logged_in,
    on_login_form,
)
from odoo_uat.web.clean_state import leave_clean

TRACING = ("on", "retain-on-failure")  # pytest-playwright's --tracing values that record a trace
SCREENSHOT_TIMEOUT_MS = 10_000


class RolePages:
    """One logged-in page per role for this worker, reused scenario after scenario.

    A scenario takes a role's page with `take` and gives it back with `give_back`: its trace chunk is
    saved or dropped, and the page is cleaned for the next scenario — or its context closed when the
    scenario failed or the page cannot be made clean, so that the next scenario gets a new one.
    """

    def __init__(self, browser: Browser, context_args: dict, states: RoleStates, evidence: Evidence) -> None:
        self.browser = browser
        self.context_args = context_args
        self.states = states
        self.evidence = evidence
        self._pages: dict[str, Page] = {}
        self._traced: set[str] = set()  # roles whose context's tracing has started
        self.opened = 0  # contexts opened so far (a measure of reuse)

    def take(self, role: Role, password: Secret | str, title: str) -> Page:
        """The role's page, blank and logged in; its trace chunk (if traced) titled for the scenario."""
        password = Secret(password)  # as a Secret in every frame below, even when a caller gave a str
        page = self._pages.get(role.name)
        if page is None or page.is_closed():
            self._forget(role.name)
            page = self._pages[role.name] = self._open(role, password)
        if self.evidence.tracing in TRACING:
            tracing = page.context.tracing
            if role.name in self._traced:
                tracing.start_chunk(title=title)
            else:
                tracing.start(title=title, screenshots=True, snapshots=True, sources=True)
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
        if failed or not leave_clean(page):
            self._close(role_name)
        return kept

    def contexts(self) -> list[BrowserContext]:
        """The live contexts of this worker's role pages."""
        return [page.context for page in self._pages.values() if not page.is_closed()]

    def close(self) -> None:
        """Close every role's context (end of the worker's session)."""
        for role_name in list(self._pages):
            self._close(role_name)

    def _open(self, role: Role, password: Secret) -> Page:
        """A new context logged in as the role, its web client booted once (assets cached), then blank.

        The worker's stored login of the role may have ended on the server since (an earlier scenario saw it
        end): then the role logs in once more. A login that ends at once is SessionEnded."""
        stored = self.states.has(role)
        page = self._new_page(role, password)
        if stored and on_login_form(page):
            page.context.close()
            self.states.forget(role)
            page = self._new_page(role, password)
        check_logged_in(page, f'the "{role.name}" user\'s ({role.login}) first page, right after its login')
        expect(page.locator(WEB_CLIENT_READY)).to_be_visible(timeout=FIRST_LOAD_TIMEOUT_MS)
        if not leave_clean(page):
            page.context.close()
            raise RuntimeError(
                f'The web client of the "{role.name}" user ({role.login}) could not be left '
                f"clean after its first load at {HOME} (odoo_uat/web/clean_state.py)."
            )
        return page

    def _new_page(self, role: Role, password: Secret) -> Page:
        """A page in a new context with the role's stored login, at the web client's home."""
        context = self.browser.new_context(**self.context_args, storage_state=self.states.state(role, password))
        self.opened += 1
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        page = context.new_page()
        page.goto(HOME, timeout=FIRST_LOAD_TIMEOUT_MS)
        return page

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
        self._traced.discard(role_name)


class FreshContexts:
    """A new browser context per role per scenario through pytest-playwright's `new_context` (videos, traces)."""

    def __init__(self, new_context: Callable[..., BrowserContext], states: RoleStates) -> None:
        self._new_context = new_context
        self.states = states

    def take(self, role: Role, password: Secret | str, title: str) -> Page:
        """A new page in a new context logged in as the role (pytest-playwright closes it after the test)."""
        password = Secret(password)
        context = self._new_context(storage_state=self.states.state(role, password))
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        return context.new_page()

    def give_back(self, role_name: str, failed: bool, folder: Path, stem: str) -> list[tuple[str, Path]]:
        """Nothing: pytest-playwright closes the context and keeps its artefacts itself."""
        return []
