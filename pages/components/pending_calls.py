"""Waiting until the web client has the answers to what a change asked (onchanges, name searches), never for time."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# Every call of the web client goes through @web/core/network/rpc, which announces it on its rpcBus
# (RPC:REQUEST, then RPC:RESPONSE with the same id) - the events Odoo's own loading indicator counts
# (loading_indicator.js, identical in 18.0 and 19.0). The listener is installed once per loaded page.
PENDING = "__uatPendingCalls"
INSTALL_JS = f"""
  if (!window.{PENDING}) {{
    const bus = window.odoo?.loader?.modules?.get('@web/core/network/rpc')?.rpcBus;
    if (bus) {{
      const pending = Object.assign(new Map(), {{answers: 0}});
      bus.addEventListener('RPC:REQUEST', ({{detail}}) => pending.set(detail.data.id, detail.url));
      bus.addEventListener('RPC:RESPONSE', ({{detail}}) => pending.delete(detail.data.id) && pending.answers++);
      window.{PENDING} = pending;
    }}
  }}"""
TRACK_JS = f"() => {{{INSTALL_JS}\n  return !!window.{PENDING};\n}}"
PENDING_URLS_JS = f"() => window.{PENDING} ? [...window.{PENDING}.values()] : []"
# Owl renders what an answer changed on the next animation frames: two frames later it is on screen. Polled on
# every animation frame (Playwright's "raf" polling), the wait ends on the third frame in a row with no call
# pending and no new answer: the first that saw none, then two more; a call or an answer meanwhile starts the
# count again. One round trip for what took three (install, wait for no call, wait two frames). `wait` tells one
# wait's count from the last's. `quiet`: settled at once when no call is pending and none was answered since the
# last wait ended (nothing can be left to render), as before a change that follows a settled one.
IDLE_FRAMES = "__uatIdleFrames"
SETTLED_AT = "__uatSettledAt"  # the count of answers when the last wait ended
SETTLED_JS = f"""([wait, quiet]) => {{{INSTALL_JS}
  const pending = window.{PENDING};
  const busy = !!pending && pending.size > 0;
  const answers = pending ? pending.answers : 0;
  if (quiet && !busy && window.{SETTLED_AT} === answers) return true;
  const seen = window.{IDLE_FRAMES};
  if (busy || !seen || seen.wait !== wait || seen.answers !== answers) {{
    window.{IDLE_FRAMES} = {{wait, answers, frames: busy ? 0 : 1}};
    return false;
  }}
  seen.frames += 1;
  if (seen.frames < 3) return false;
  window.{SETTLED_AT} = answers;
  return true;
}}"""
_waits = itertools.count(1)


def track_calls(page: Page) -> None:
    """Start counting the web client's calls on this page (before the change whose answers are awaited)."""
    page.evaluate(TRACK_JS)


def settle(page: Page, quiet: bool = False) -> None:
    """Wait until no call of the web client is pending and what the answers changed is rendered (counting the
    calls from now on, if they were not counted yet). `quiet`: at once if nothing was answered since the last
    wait ended."""
    try:
        page.wait_for_function(SETTLED_JS, arg=[next(_waits), quiet], polling="raf")
    except PlaywrightTimeoutError:
        pending = ", ".join(page.evaluate(PENDING_URLS_JS)) or "unknown calls"
        raise AssertionError(
            f"Odoo did not answer the web client's calls ({pending}): the server is busy or "
            "stuck; see the server log of this run."
        ) from None


@contextmanager
def answered(page: Page) -> Iterator[None]:
    """Around a change: what earlier changes asked is answered before it, and what it asks is answered after it
    and rendered (the change itself too: two frames, even when it asked nothing)."""
    settle(page, quiet=True)
    yield
    settle(page)
