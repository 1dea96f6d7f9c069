"""The browser side: the web client opened as a role, listener.js installed, events gathered until the browser closes."""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from playwright.sync_api import Browser, Error, Page, expect, sync_playwright

from odoo_uat.odoo.roles import Role
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.recorder.events import Event
from odoo_uat.secret import Secret
from odoo_uat.web.browser import (
    ACTION_TIMEOUT_MS,
    CONTEXT_OPTIONS,
    FIRST_LOAD_TIMEOUT_MS,
    WEB_CLIENT_READY,
    BrowserMissing,
    RoleStates,
    configure_expect,
    launch_options,
)

BINDING = "__odooUatRecord"  # the name listener.js calls
LISTENER = files("odoo_uat.recorder").joinpath("listener.js")
HOME = "/odoo"

Drive = Callable[[Page], None]


class RecorderError(Exception):
    """The recorder cannot open the web client; the message says what to do."""


def launch(playwright: Any, headless: bool) -> Browser:
    """Playwright's Chromium, else the system's (with the flags it needs here), as the suite's fixtures do."""
    try:
        options: dict[str, Any] = {"headless": headless, **launch_options(headless)}
    except BrowserMissing as error:
        raise RecorderError(str(error)) from None
    if not headless and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise RecorderError(
            "make record opens a visible browser, but this session has no display (DISPLAY is "
            "not set): run it on a desktop, or over `ssh -X`, or give --script for a headless run."
        )
    return playwright.chromium.launch(**options)


def record(
    target: OdooTarget, role: Role, password: Secret | str, *, headless: bool = False, drive: Drive | None = None
) -> list[Event]:
    """What the role did in the web client, from opening it until its window closes (or drive returns)."""
    password = Secret(password)
    events: list[Event] = []
    configure_expect()
    with sync_playwright() as playwright:
        browser = launch(playwright, headless)
        try:
            context_args = {"base_url": target.url, **CONTEXT_OPTIONS}
            state = RoleStates(browser, context_args, target).state(role, password)
            context = browser.new_context(**context_args, storage_state=state)
            context.set_default_timeout(ACTION_TIMEOUT_MS)
            context.expose_binding(BINDING, lambda _source, raw: events.append(Event.from_raw(raw)))
            context.add_init_script(script=LISTENER.read_text(encoding="utf-8"))
            page = context.new_page()
            page.goto(HOME, timeout=FIRST_LOAD_TIMEOUT_MS)
            expect(page.locator(WEB_CLIENT_READY)).to_be_visible(timeout=FIRST_LOAD_TIMEOUT_MS)
            if drive is not None:
                drive(page)
                context.close()
            else:
                wait_until_closed(context.pages)
        finally:
            browser.close()
    return events


def wait_until_closed(pages: list[Page]) -> None:
    """Return when the user has closed every window (or the whole browser), events being delivered meanwhile."""
    for page in list(pages):
        if page.is_closed():
            continue
        try:
            page.wait_for_event("close", timeout=0)
        except Error:  # the browser itself was closed: nothing more can happen
            return
