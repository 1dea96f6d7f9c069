"""No role password in what a failed role login prints: the terminal (frame arguments, --showlocals, long tracebacks)
and junit.xml, when Odoo refuses the login or the role's first page does not boot (small fakes of Playwright's objects,
run in a pytest inside pytest)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

REPO = Path(__file__).resolve().parents[3]
PASSWORD = "c2f1d0e9b8a7-role-password-4d5e6f"  # as role_users.ensure gives it: a str

FAKES = f"""
from types import SimpleNamespace

import pytest

from odoo_uat.odoo.target import OdooTarget
from odoo_uat.web import role_pages
from odoo_uat.web.browser import ActingUsers, Evidence, RoleStates
from odoo_uat.web.role_pages import RolePages

PASSWORD = {PASSWORD!r}
ROLE = SimpleNamespace(name="Buyer", login="uat-buyer")


class Answer:
    ok = True
    status_text = "OK"

    def __init__(self, body):
        self.body = body

    def json(self):
        return self.body


class Request:
    def __init__(self, body):
        self.body = body

    def post(self, url, data):
        return Answer(self.body)


class Page:
    url = "http://odoo.invalid/odoo"

    def __init__(self, context):
        self.context = context

    def goto(self, url, timeout=None):
        pass

    def locator(self, selector):
        return selector


class Context:
    def __init__(self, body):
        self.request = Request(body)

    def new_page(self):
        return Page(self)

    def set_default_timeout(self, timeout):
        pass

    def storage_state(self):
        return {{"cookies": [], "origins": []}}

    def close(self):
        pass


class Browser:
    def __init__(self, body):
        self.body = body

    def new_context(self, **options):
        return Context(self.body)


class Users:
    def ensure(self, name):
        return ROLE, PASSWORD


def acting(body):
    target = OdooTarget(url="http://odoo.invalid", db="uat", login="admin", password="admin")
    states = RoleStates(Browser(body), {{}}, target)
    states._assets_built = True  # no first page to build the assets on
    role_pages.user_state = lambda page, uid, groups_field: ()  # the kept client's check: nothing changed
    pages = RolePages(Browser(body), {{}}, states, Evidence(), groups_field="all_group_ids", server_changes=tuple)
    return ActingUsers(pages, states, Users())
"""

REFUSED = """
def test_a_refused_login():
    acting({"error": {"data": {"message": "Access Denied"}}}).login_as("Buyer")
"""

NOT_BOOTED = """
def test_a_first_page_that_does_not_boot(monkeypatch):
    def timeout(locator):
        raise AssertionError("Locator expected to be visible: .o_web_client .o_action_manager (180000 ms)")

    monkeypatch.setattr(role_pages, "expect", lambda locator: SimpleNamespace(to_be_visible=lambda **_: timeout(locator)))
    acting({"result": {"uid": 7}}).login_as("Buyer")
"""


@pytest.fixture
def run(pytester: pytest.Pytester):
    """Run one test module made of the fakes and a test, as a user would see it: locals shown, long tracebacks."""
    pytester.syspathinsert(REPO)

    def run(test: str) -> tuple[pytest.RunResult, str]:
        pytester.makepyfile(test_login=FAKES + test)
        result = pytester.runpytest(
            "-p", "no:playwright", "-p", "no:cacheprovider", "--showlocals", "--tb=long", "--junitxml=junit.xml"
        )
        return result, (pytester.path / "junit.xml").read_text()

    return run


@pytest.mark.parametrize("test", [REFUSED, NOT_BOOTED], ids=["login refused", "first page not booted"])
def test_a_failed_role_login_shows_no_password_in_the_terminal_or_junit(run, test):
    result, junit = run(test)
    result.assert_outcomes(failed=1)
    terminal = result.stdout.str()
    assert "password = Secret('******')" in terminal  # the frames that take it are shown, the value is not
    assert PASSWORD not in terminal
    assert PASSWORD not in junit
