"""SessionODOO: odoorpc's calls made in a logged-in session, logged in anew once when Odoo ended it."""

from __future__ import annotations

import odoorpc
import pytest
from odoorpc.rpc import ConnectorJSONRPC

from odoo_uat.odoo.rpc import AUTHENTICATE, SessionODOO

EXPIRED = {"code": 100, "message": "Odoo Session Expired", "data": {"name": "odoo.http.SessionExpiredException"}}
REFUSED = {"code": 200, "message": "Odoo Server Error", "data": {"name": "odoo.exceptions.AccessError"}}


@pytest.fixture(autouse=True)
def no_server(monkeypatch) -> None:
    """odoorpc asks the server's version as it is made: no server here."""
    monkeypatch.setattr(ConnectorJSONRPC, "_get_proxies", lambda self: (None, None))


class Recording(SessionODOO):
    """Answers from a script instead of a server: each answer an error dict (raised as odoorpc does) or a result."""

    def __init__(self, answers: list) -> None:
        super().__init__("localhost", port=1)
        self.answers = answers
        self.sent: list[tuple[str, dict]] = []

    def json(self, url: str, params: dict) -> dict:
        self.sent.append((url, params))
        answer = self.answers.pop(0)
        if isinstance(answer, dict) and "code" in answer:
            raise odoorpc.error.RPCError(answer["message"], answer)
        return {"result": answer}


def logged_in(*answers) -> Recording:
    odoo = Recording([{"uid": 7, "user_context": {"lang": "en_US"}}, *answers])
    odoo.login("db", "admin", "pw")
    return odoo


def test_the_password_is_sent_once_at_login_then_calls_go_through_the_session() -> None:
    odoo = logged_in([1, 2])
    assert odoo.env.uid == 7 and odoo.env.context["lang"] == "en_US"
    assert odoo.execute_kw("res.partner", "search", [[]], {"limit": 2}) == [1, 2]
    assert odoo.sent == [
        (AUTHENTICATE, {"db": "db", "login": "admin", "password": "pw"}),
        (
            "/web/dataset/call_kw/res.partner/search",
            {"model": "res.partner", "method": "search", "args": [[]], "kwargs": {"limit": 2}},
        ),
    ]


def test_a_session_that_odoo_ended_is_opened_again_once() -> None:
    odoo = logged_in(EXPIRED, {"uid": 7, "user_context": {}}, 3)
    assert odoo.execute("res.partner", "search_count", []) == 3
    assert [url for url, _ in odoo.sent] == [
        AUTHENTICATE,
        "/web/dataset/call_kw/res.partner/search_count",
        AUTHENTICATE,
        "/web/dataset/call_kw/res.partner/search_count",
    ]


def test_any_other_error_is_raised_as_it_came() -> None:
    odoo = logged_in(REFUSED)
    with pytest.raises(odoorpc.error.RPCError, match="Odoo Server Error"):
        odoo.execute_kw("res.partner", "unlink", [[1]])
    assert len(odoo.sent) == 2  # no new login


def test_a_refused_login_is_an_rpc_error() -> None:
    with pytest.raises(odoorpc.error.RPCError, match="Wrong login"):
        Recording([False]).login("db", "admin", "wrong")
