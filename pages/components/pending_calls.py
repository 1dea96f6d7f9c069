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
# What the web client has ready to render: Owl applies the renders whose data is all there on an animation frame
# it asks for when the first of them is ready (owl.js, Scheduler.frame; identical in 18.0 and 19.0), in each of the
# page's Owl apps (window.__OWL_DEVTOOLS__.apps, which Owl fills as it creates them). A render still waiting for
# data is not counted, nor one Owl holds until such a render above it is applied: what they wait for is a call
# (counted above) or a component's own wait, which may never end (on some screens one never does: the physical
# inventory's list, a list with rows selected).
OWL_APPS = "window.__OWL_DEVTOOLS__?.apps"
RENDERS_READY_JS = f"[...({OWL_APPS} || [])].filter(({{scheduler}}) => scheduler.frame).length"
# Polled on every animation frame (Playwright's "raf" polling), the wait ends at the first frame, after the one
# it started on, that finds no call pending, no new answer and nothing ready for Owl to render: a change's
# handlers and what they set off at once have run by then, and what they asked is pending or applied. A call or
# an answer meanwhile starts the count again. `wait` tells one wait's count from the last's. `quiet`: settled at
# once when no call is pending and none was answered since the last wait ended (nothing can be left to render),
# as before a change that follows a settled one.
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
  if (seen.frames < 2 || {RENDERS_READY_JS}) return false;
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
        calls = page.evaluate(PENDING_URLS_JS)
        if not calls and (renders := page.evaluate(f"() => {RENDERS_READY_JS}")):
            raise AssertionError(
                f"The web client kept rendering (in {renders} of its Owl apps, with no call to Odoo pending): a "
                "component of the screen renders again at every frame, as an animation of a customisation may; see "
                "the browser console in this scenario's trace."
            ) from None
        raise AssertionError(
            f"Odoo did not answer the web client's calls ({', '.join(calls) or 'unknown calls'}): the server is "
            "busy or stuck; see the server log of this run."
        ) from None


@contextmanager
def answered(page: Page) -> Iterator[None]:
    """Around a change: what earlier changes asked is answered before it, and what it asks is answered after it
    and rendered (the change itself too: at least until the next frame, even when it asked nothing)."""
    settle(page, quiet=True)
    yield
    settle(page)
