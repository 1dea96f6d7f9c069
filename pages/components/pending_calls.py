"""Waiting until the web client has the answers to what a change asked (onchanges, name searches), never for time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Every call of the web client goes through @web/core/network/rpc, which announces it on its rpcBus
# (RPC:REQUEST, then RPC:RESPONSE with the same id) - the events Odoo's own loading indicator counts
# (loading_indicator.js, identical in 18.0 and 19.0). The listener is installed once per loaded page.
PENDING = "__uatPendingCalls"
TRACK_JS = f"""() => {{
  if (window.{PENDING}) return true;
  const bus = window.odoo?.loader?.modules?.get('@web/core/network/rpc')?.rpcBus;
  if (!bus) return false;
  const pending = new Map();
  bus.addEventListener('RPC:REQUEST', ({{detail}}) => pending.set(detail.data.id, detail.url));
  bus.addEventListener('RPC:RESPONSE', ({{detail}}) => pending.delete(detail.data.id));
  window.{PENDING} = pending;
  return true;
}}"""
IDLE_JS = f"() => !window.{PENDING} || window.{PENDING}.size === 0"
PENDING_URLS_JS = f"() => window.{PENDING} ? [...window.{PENDING}.values()] : []"
# Owl renders what an answer changed on the next animation frames: two frames later it is on screen.
RENDERED_JS = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def track_calls(page: Page) -> None:
    """Start counting the web client's calls on this page (before the change whose answers are awaited)."""
    page.evaluate(TRACK_JS)


def settle(page: Page) -> None:
    """Wait until no call of the web client is pending and what the answers changed is rendered."""
    try:
        page.wait_for_function(IDLE_JS)
    except PlaywrightTimeoutError:
        pending = ", ".join(page.evaluate(PENDING_URLS_JS)) or "unknown calls"
        raise AssertionError(
            f"Odoo did not answer the web client's calls ({pending}): the server is busy or "
            "stuck; see the server log of this run."
        ) from None
    page.evaluate(RENDERED_JS)


@contextmanager
def answered(page: Page) -> Iterator[None]:
    """Around a change: what earlier changes asked is answered before it, and what it asks is answered after it."""
    track_calls(page)
    settle(page)
    yield
    settle(page)
