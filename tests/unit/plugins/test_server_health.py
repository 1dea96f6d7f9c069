"""The server_health plugin: a failure while Odoo does not answer is an environment problem; later tests fail fast."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from odoo_uat.plugins.server_health import HEALTH_PATH, Outage, probe
from odoo_uat.report.categories import (
    BROKEN,
    ENVIRONMENT_PROBLEMS,
    LABEL_ENVIRONMENT_FAILURE,
    PRODUCT_DEFECTS,
    STOPPED_ANSWERING,
    classify,
)

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[3]


class _Health(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(self.status if self.path == HEALTH_PATH else 404)
        self.end_headers()
        self.wfile.write(b'{"status": "pass"}')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def health_server() -> Iterator[ThreadingHTTPServer]:
    """A loopback stand-in for Odoo's /web/health only (the plugin's logic, not an Odoo flow)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_live_server_answers_the_probe(health_server):
    assert probe(f"http://127.0.0.1:{health_server.server_port}") is None


def test_a_refused_connection_is_named_with_the_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: refused
        reason = probe(f"http://127.0.0.1:{port}")
    assert reason is not None and f"GET http://127.0.0.1:{port}{HEALTH_PATH} failed" in reason
    assert "refused" in reason.lower()


def test_a_server_error_on_the_health_check_counts_as_not_answering(health_server, monkeypatch):
    monkeypatch.setattr(_Health, "status", 503)
    assert "answered HTTP 503" in probe(f"http://127.0.0.1:{health_server.server_port}")


def test_a_server_that_accepts_but_never_answers_is_given_up_on_within_the_timeout():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()  # the kernel accepts; nobody ever reads or answers
        started = time.monotonic()
        reason = probe(f"http://127.0.0.1:{sock.getsockname()[1]}", timeout=0.5)
    assert reason is not None and "timed out" in reason
    assert time.monotonic() - started < 5


def test_the_outage_message_is_filed_under_environment_problems():
    message = Outage(datetime(2025, 1, 2, 14, 5, 9), "GET x failed: refused").message()
    assert message.startswith(f"{STOPPED_ANSWERING} at 14:05:09 (GET x failed: refused)")
    assert classify(BROKEN, message, {}) == ENVIRONMENT_PROBLEMS
    assert (
        classify(BROKEN, "AssertionError: Locator expected to be visible", {LABEL_ENVIRONMENT_FAILURE: ["x"]})
        == ENVIRONMENT_PROBLEMS
    )
    assert classify("failed", "AssertionError: Locator expected to be visible", {}) == PRODUCT_DEFECTS


def test_an_http_500_answer_to_an_rpc_call_is_an_environment_problem():
    assert classify(BROKEN, "urllib.error.HTTPError: HTTP Error 500: Internal Server Error", {}) == ENVIRONMENT_PROBLEMS


TESTS = """
import os, urllib.request, pytest

def test_first_loses_odoo(odoo_target):
    if os.environ.get("STOP_ODOO"):
        urllib.request.urlopen(odoo_target.url + "/stop").read()
    assert False, "Locator expected to be visible"

def test_second_needs_odoo(odoo_target):
    pass

def test_third_needs_no_odoo():
    pass
"""


class _Stoppable(_Health):
    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/stop":  # answer, then stop listening: later connections are refused
            self.send_response(200)
            self.end_headers()
            self.server.shutdown_request(self.request)
            self.server.socket.close()
            return
        super().do_GET()


@pytest.fixture
def run(pytester, monkeypatch):
    """Run pytest on a tiny project whose 'existing server' is a health stand-in that a test can stop."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stoppable)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    for variable in ("ODOO_SRC", "ODOO_UAT_CACHE", "ODOO_ADDONS_PATH"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("ODOO_URL", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.setenv("ODOO_DB", "uat")
    monkeypatch.setenv("ODOO_PASSWORD", "x")
    monkeypatch.setenv("ODOO_UAT_ALLOW_LIVE_DATABASE", "yes-this-is-no-production-database")
    pytester.syspathinsert(REPO)
    pytester.makepyfile(test_odoo=TESTS)

    def run(*args: str) -> pytest.RunResult:
        return pytester.runpytest(
            "-p",
            "odoo_uat.plugins.odoo_server",
            "-p",
            "odoo_uat.plugins.server_health",
            "-p",
            "fixtures.run",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:playwright",
            *args,
        )

    yield run
    server.shutdown()
    server.server_close()


def test_a_failure_while_odoo_answers_stands_as_it_is(run):
    result = run()
    result.assert_outcomes(failed=1, passed=2)
    result.stdout.fnmatch_lines(["*AssertionError: Locator expected to be visible*"])
    result.stdout.no_fnmatch_line(f"*{STOPPED_ANSWERING}*")


def test_odoo_gone_makes_the_failure_an_environment_problem_and_later_tests_fail_at_once(run, pytester, monkeypatch):
    monkeypatch.setenv("STOP_ODOO", "1")
    started = time.monotonic()
    result = run("--junitxml=junit.xml")
    assert time.monotonic() - started < 30
    # The first test's failure becomes the outage (its assertion kept as the cause); the second
    # does not run; the third does not need Odoo and passes.
    result.assert_outcomes(failed=1, errors=1, passed=1)
    result.stdout.fnmatch_lines(
        [
            f"odoo-uat: {STOPPED_ANSWERING} at ??:??:?? (GET http://127.0.0.1:*/web/health "
            "failed*the tests after this one that need Odoo fail at once."
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*AssertionError: Locator expected to be visible*",
            "*direct cause*",
            f"*OdooStoppedAnswering: {STOPPED_ANSWERING} at ??:??:?? (GET http://127.0.0.1:*/web/health failed*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*ERROR at setup of test_second_needs_odoo*",
            f"E   *OdooStoppedAnswering: {STOPPED_ANSWERING} at*this test did not run.",
        ]
    )
    junit = (pytester.path / "junit.xml").read_text()
    assert junit.count(STOPPED_ANSWERING) >= 2


# A scenario's page that Odoo no longer accepts: on the login form (URL), or still in the web client whose
# session Odoo refuses ("Session Expired" shown; the page's context asks get_session_info).
REFUSED_SESSION = """
import os
from odoo_uat.web.browser import ACTING_KEY

class Answer:
    def json(self):
        return {"error": {"data": {"name": "odoo.http.SessionExpiredException", "message": "Session expired"}}}

class Request:
    def post(self, path, **options):
        assert path == "/web/session/get_session_info"
        return Answer()

class Context:
    request = Request()

class Page:
    url = os.environ["PAGE_URL"]
    context = Context()

    def is_closed(self):
        return False

class Acting:
    def pages_by_role(self):
        return {"Sales coordinator": Page()}

def test_refused_mid_scenario(odoo_target, request):
    request.node.stash[ACTING_KEY] = Acting()
    assert False, "Locator expected to be visible"
"""


@pytest.mark.parametrize(
    "page_url",
    [
        "http://127.0.0.1:8069/web/login?redirect=%2Fodoo%2Faction-sale.action_orders",  # sent to the login form
        "http://127.0.0.1:8069/odoo/action-sale.action_orders/new",  # "Session Expired" shown over the web client
    ],
)
def test_a_failure_on_a_page_whose_session_odoo_refuses_says_the_session_ended(run, pytester, monkeypatch, page_url):
    monkeypatch.setenv("PAGE_URL", page_url)
    pytester.makepyfile(test_refused=REFUSED_SESSION)
    result = run("test_refused.py")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*AssertionError: Locator expected to be visible*",
            "*direct cause*",
            "*SessionEnded: Odoo refused the \"Sales coordinator\" page's session when this test's call failed*"
            "no longer accepted that role's session*",
        ]
    )
    result.stdout.no_fnmatch_line(f"*{STOPPED_ANSWERING}*")
