"""SessionODOO: odoorpc's calls made in a logged-in session where that leaves web.base.url as it is, logged in
anew once when Odoo ended it; on /jsonrpc otherwise."""

from __future__ import annotations

import logging
from http.cookiejar import Cookie

import odoorpc
import pytest
from odoorpc.rpc import ConnectorJSONRPC

from odoo_uat.odoo.rpc import AUTHENTICATE, BASE_URL, BASE_URL_FROZEN, SessionODOO
from odoo_uat.secret import known

EXPIRED = {"code": 100, "message": "Odoo Session Expired", "data": {"name": "odoo.http.SessionExpiredException"}}
REFUSED = {"code": 200, "message": "Odoo Server Error", "data": {"name": "odoo.exceptions.AccessError"}}
FROZEN = [{"key": BASE_URL, "value": "https://erp.example.com"}, {"key": BASE_URL_FROZEN, "value": "True"}]
ELSEWHERE = [{"key": BASE_URL, "value": "https://erp.example.com"}]
HERE = [{"key": BASE_URL, "value": "http://localhost:8069/"}]


@pytest.fixture(autouse=True)
def no_server(monkeypatch) -> None:
    """odoorpc asks the server's version as it is made: no server here."""
    monkeypatch.setattr(ConnectorJSONRPC, "_get_proxies", lambda self: (None, None))


class Recording(SessionODOO):
    """Answers from a script instead of a server: each answer an error dict (raised as odoorpc does) or a result."""

    def __init__(self, answers: list) -> None:
        super().__init__("localhost", port=8069, version="19.0")
        self.answers = answers
        self.sent: list[tuple[str, dict]] = []

    def json(self, url: str, params: dict) -> dict:
        self.sent.append((url, params))
        if url == AUTHENTICATE:  # Odoo answers a session login with its cookie
            self.cookies.set_cookie(session_cookie(f"sid-{len(self.sent)}-" + "x" * 30))
        answer = self.answers.pop(0)
        if isinstance(answer, dict) and "code" in answer:
            raise odoorpc.error.RPCError(answer["message"], answer)
        return {"result": answer}


def session_cookie(value: str) -> Cookie:
    return Cookie(
        0,
        "session_id",
        value,
        None,
        False,
        "localhost.local",
        False,
        False,
        "/",
        True,
        False,
        None,
        False,
        None,
        None,
        {},
    )


def logged_in(params, *answers) -> Recording:
    """A login over /jsonrpc (uid, context), web.base.url read, then the session's login when it changes nothing."""
    session = [] if params == ELSEWHERE else [{"uid": 7, "user_context": {}}]
    odoo = Recording([7, {"lang": "en_US"}, params, *session, *answers])
    odoo.login("db", "admin", "pw")
    return odoo


def urls(odoo: Recording) -> list[str]:
    return [url if url != "/jsonrpc" else f"/jsonrpc {params['method']}" for url, params in odoo.sent]


@pytest.mark.parametrize("params", [FROZEN, HERE, REFUSED], ids=["frozen", "already-here", "no-administrator"])
def test_calls_go_through_the_session_where_its_login_changes_nothing(params) -> None:
    odoo = logged_in(params, [1, 2])
    assert odoo.in_session and odoo.env.uid == 7 and odoo.env.context["lang"] == "en_US"
    assert odoo.execute_kw("res.partner", "search", [[]], {"limit": 2}) == [1, 2]
    assert odoo.sent[-2] == (AUTHENTICATE, {"db": "db", "login": "admin", "password": "pw"})
    assert odoo.sent[-1] == (
        "/web/dataset/call_kw/res.partner/search",
        {"model": "res.partner", "method": "search", "args": [[]], "kwargs": {"limit": 2}},
    )


def test_calls_stay_on_jsonrpc_where_a_session_login_would_move_web_base_url(caplog) -> None:
    caplog.set_level(logging.INFO, logger="odoo_uat.odoo")
    odoo = logged_in(ELSEWHERE, [1, 2])
    assert not odoo.in_session
    assert odoo.execute_kw("res.partner", "search", [[]]) == [1, 2]
    assert AUTHENTICATE not in urls(odoo)
    assert urls(odoo)[-1] == "/jsonrpc execute_kw"
    assert "would set web.base.url (https://erp.example.com) to http://localhost:8069" in caplog.text


def test_a_session_that_odoo_ended_is_opened_again_once() -> None:
    odoo = logged_in(FROZEN, EXPIRED, {"uid": 7, "user_context": {}}, 3)
    assert odoo.execute("res.partner", "search_count", []) == 3
    assert urls(odoo)[-4:] == [
        AUTHENTICATE,
        "/web/dataset/call_kw/res.partner/search_count",
        AUTHENTICATE,
        "/web/dataset/call_kw/res.partner/search_count",
    ]


def test_any_other_error_is_raised_as_it_came() -> None:
    odoo = logged_in(FROZEN, REFUSED)
    sent = len(odoo.sent)
    with pytest.raises(odoorpc.error.RPCError, match="Odoo Server Error"):
        odoo.execute_kw("res.partner", "unlink", [[1]])
    assert len(odoo.sent) == sent + 1  # no new login


def test_a_refused_session_login_is_an_rpc_error() -> None:
    with pytest.raises(odoorpc.error.RPCError, match="Wrong login"):
        Recording([7, {}, FROZEN, False]).login("db", "admin", "wrong")


def test_a_refused_login_of_a_new_session_shows_no_frame_holding_the_password() -> None:
    odoo = logged_in(FROZEN, EXPIRED, REFUSED)
    with pytest.raises(odoorpc.error.RPCError, match="The session login was refused") as raised:
        odoo.execute_kw("res.partner", "search", [[]])
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    assert "pw" not in str(raised.getrepr(funcargs=True, showlocals=False))


def test_the_session_cookie_is_a_known_secret_of_the_run() -> None:
    odoo = logged_in(FROZEN)
    [cookie] = [cookie.value for cookie in odoo.cookies]
    assert cookie in known()
