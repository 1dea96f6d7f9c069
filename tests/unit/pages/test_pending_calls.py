"""Waiting for the web client's calls in a real browser (no Odoo): a page with the rpcBus Odoo's rpc module
announces its calls on, answered when the test says so."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from pages.components.pending_calls import answered, settle

# An answer is rendered as Owl renders it: its scheduler holds the render and applies it on a frame it asks for,
# and what that render changed (a child component's props) is rendered on the frame after (owl.js, Scheduler).
RPC_BUS = """() => {
  const rpcBus = new EventTarget();
  window.odoo = {loader: {modules: new Map([['@web/core/network/rpc', {rpcBus}]])}};
  const scheduler = {tasks: new Set(), frame: 0};
  window.__OWL_DEVTOOLS__ = {apps: new Set([{scheduler}])};
  window.render = (task, then) => {
    scheduler.tasks.add(task);
    scheduler.frame = requestAnimationFrame(() => {
      scheduler.frame = 0;
      scheduler.tasks.delete(task);
      then();
    });
  };
  window.call = (id, url) => rpcBus.dispatchEvent(new CustomEvent('RPC:REQUEST', {detail: {data: {id}, url}}));
  window.answer = (id) => {
    rpcBus.dispatchEvent(new CustomEvent('RPC:RESPONSE', {detail: {data: {id}}}));
    window.answered = id;
    render('form', () => render('line', () => { window.twoFramesLater = id; }));
  };
}"""


@pytest.fixture
def client_page(blank_page: Page) -> Page:
    """A blank page with the rpcBus of Odoo's rpc module, whose calls the test makes and answers."""
    blank_page.evaluate(RPC_BUS)
    return blank_page


def test_with_no_call_pending_it_is_settled_after_a_frame(client_page: Page) -> None:
    settle(client_page)
    assert client_page.evaluate("window.__uatPendingCalls.size") == 0


def test_a_render_with_no_call_is_waited_for_until_owl_has_applied_it(client_page: Page) -> None:
    settle(client_page)
    with answered(client_page):
        client_page.evaluate(
            "render('field', () => render('dropdown', () => render('item', () => { window.shown = 1; })))"
        )
    assert client_page.evaluate("window.shown") == 1


def test_a_render_still_waiting_for_its_data_is_not_waited_for(client_page: Page) -> None:
    waiting = "window.__OWL_DEVTOOLS__.apps.values().next().value.scheduler.tasks"
    client_page.evaluate(f"() => {{ {waiting}.add('list'); }}")  # its data never comes: no frame is asked for
    client_page.set_default_timeout(300)
    settle(client_page)  # a wait for it would time out and raise
    assert client_page.evaluate(f"{waiting}.size") == 1


def test_renders_that_never_stop_are_named_in_the_error(client_page: Page) -> None:
    settle(client_page)
    client_page.evaluate("() => { window.__OWL_DEVTOOLS__.apps.values().next().value.scheduler.frame = 1; }")
    client_page.set_default_timeout(300)
    with pytest.raises(AssertionError, match=r"The web client kept rendering \(in 1 of its Owl apps"):
        settle(client_page)


def test_a_pending_call_is_waited_for_and_what_its_answer_changed_rendered(client_page: Page) -> None:
    with answered(client_page):
        client_page.evaluate(
            "() => { call(7, '/web/dataset/call_kw/sale.order/onchange'); setTimeout(() => answer(7), 50); }"
        )
    assert client_page.evaluate("[window.answered, window.twoFramesLater]") == [7, 7]


def test_a_call_never_answered_is_named_in_the_error(client_page: Page) -> None:
    settle(client_page)
    client_page.evaluate("call(8, '/web/dataset/call_kw/stock.picking/button_validate')")
    client_page.set_default_timeout(300)
    with pytest.raises(
        AssertionError, match=r"Odoo did not answer the web client's calls \(/web/dataset/call_kw/stock"
    ):
        settle(client_page)


def test_a_page_that_is_not_the_web_client_is_settled_at_once(blank_page: Page) -> None:
    settle(blank_page)
    assert blank_page.evaluate("window.__uatPendingCalls") is None


def test_before_a_change_nothing_is_waited_for_when_nothing_was_answered_since_the_last_wait(
    client_page: Page,
) -> None:
    settle(client_page)
    counted = client_page.evaluate("window.__uatIdleFrames.wait")
    settle(client_page, quiet=True)
    assert client_page.evaluate("window.__uatIdleFrames.wait") == counted  # returned at its first look


def test_before_a_change_an_answer_since_the_last_wait_is_rendered_first(client_page: Page) -> None:
    settle(client_page)
    client_page.evaluate("() => { call(9, '/web/dataset/call_kw/sale.order.line/onchange'); answer(9); }")
    settle(client_page, quiet=True)
    assert client_page.evaluate("window.twoFramesLater") == 9
