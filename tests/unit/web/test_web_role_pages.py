"""A role's page is reused from scenario to scenario, its web client kept booted after a pass and booted again
when the server holds something else, closed after a failure or when it cannot be cleaned, its trace kept per
scenario as a chunk (small fakes of Playwright's objects and of the server's answers)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from odoo_uat.secret import Secret, revealed
from odoo_uat.web import browser, clean_state, role_pages
from odoo_uat.web.browser import ActingUsers, Evidence, artefact_stem
from odoo_uat.web.kept_client import SessionGone
from odoo_uat.web.role_pages import RolePages

ROLE = SimpleNamespace(name="Sales coordinator", login="uat_sales")


class FakeTracing:
    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.options: dict = {}

    def start(self, **options) -> None:
        self.calls.append(("start", options["title"]))
        self.options = options

    def start_chunk(self, title: str) -> None:
        self.calls.append(("start_chunk", title))

    def stop_chunk(self, path: Path | None = None) -> None:
        self.calls.append(("stop_chunk", path))
        if path is not None:
            path.write_bytes(b"zip")


class FakeContext:
    def __init__(self) -> None:
        self.tracing = FakeTracing()
        self.closed = False
        self.pages: list[FakePage] = []
        self.jar = [{"name": "session_id", "value": "s3cr3t"}, {"name": "cids", "value": "1"}]
        self.session: str | None = None

    def set_default_timeout(self, timeout: float) -> None:
        pass

    def new_page(self) -> FakePage:
        page = FakePage(self)
        self.pages.append(page)
        return page

    def close(self) -> None:
        self.closed = True

    def cookies(self) -> list[dict]:
        return list(self.jar)

    def clear_cookies(self, name=None, domain=None, path=None) -> None:
        """Playwright's: remove the cookies the filter matches (every cookie without one)."""
        self.jar = [cookie for cookie in self.jar if name is not None and not name.search(cookie["name"])]


class FakePage:
    def __init__(self, context: FakeContext) -> None:
        self.context = context
        self.url = "about:blank"
        self.closed = False

    def is_closed(self) -> bool:
        return self.closed or self.context.closed

    def goto(self, url: str, **options) -> None:
        # Odoo sends a page whose session it ended to its login form.
        self.url = "/web/login?redirect=%2Fodoo" if self.context.session in ENDED_SESSIONS else url

    def locator(self, selector: str) -> str:
        return selector

    def screenshot(self, path: Path, **options) -> None:
        path.write_bytes(b"png")

    def close(self) -> None:
        self.closed = True


class FakeBrowser:
    def __init__(self) -> None:
        self.contexts: list[FakeContext] = []

    def new_context(self, **options) -> FakeContext:
        self.contexts.append(FakeContext())
        self.contexts[-1].session = (options.get("storage_state") or {}).get("session")
        return self.contexts[-1]


ENDED_SESSIONS: set[str] = set()  # the sessions the fake Odoo ended


class FakeStates:
    """RoleStates: a new session per login, kept until forgotten."""

    def __init__(self) -> None:
        self.logins = 0
        self._states: dict[str, dict] = {}

    def state(self, role, password: str) -> dict:
        if role.name not in self._states:
            self.logins += 1
            self._states[role.name] = {"cookies": [], "origins": [], "session": f"sid-{self.logins}"}
        return self._states[role.name]

    def uid(self, role) -> int:
        return 7

    def has(self, role) -> bool:
        return role.name in self._states

    def forget(self, role) -> None:
        self._states.pop(role.name, None)


SERVER = {"user": ("groups 1 2", "en_US"), "views": ("2026-12-03 10:00:00", "2026-12-03 10:00:00")}


def fake_user_state(page, uid: int, groups_field: str) -> tuple:
    """kept_client.user_state against the fake server: Session Expired for an ended session."""
    if page.context.session in ENDED_SESSIONS:
        raise SessionGone("Odoo answered the kept web client's session with Session Expired")
    return SERVER["user"]


@pytest.fixture
def cleaned(monkeypatch) -> dict[str, list]:
    """Pages handed to keep_booted and leave_clean; they succeed unless the page says otherwise."""
    calls: dict[str, list] = {"kept": [], "blank": []}
    monkeypatch.setattr(role_pages, "expect", lambda locator: SimpleNamespace(to_be_visible=lambda **_: None))
    monkeypatch.setattr(role_pages, "user_state", fake_user_state)
    monkeypatch.setattr(role_pages, "client_cookies", lambda page: frozenset())
    monkeypatch.setattr(
        role_pages,
        "keep_booted",
        lambda page, cookies: calls["kept"].append(page) or not getattr(page, "unkeepable", False),
    )
    monkeypatch.setattr(
        role_pages,
        "leave_clean",
        lambda page: calls["blank"].append(page) or not getattr(page, "dirty", False),
    )
    original = dict(SERVER)
    yield calls
    SERVER.update(original)


def pages(
    browser: FakeBrowser,
    tracing: str = "retain-on-failure",
    screenshot: str = "only-on-failure",
    snapshots: bool = False,
    screencast: bool = False,
) -> RolePages:
    return RolePages(
        browser,
        {},
        FakeStates(),
        Evidence(tracing=tracing, screenshot=screenshot, snapshots=snapshots, screencast=screencast),
        groups_field="all_group_ids",
        server_changes=lambda: SERVER["views"],
    )


def test_a_passed_scenario_hands_its_web_client_booted_to_the_next_one(cleaned, tmp_path) -> None:
    browser = FakeBrowser()
    source = pages(browser)
    first = source.take(ROLE, "pw", "test_one")
    assert source.give_back(ROLE.name, failed=False, folder=tmp_path, stem="") == []
    second = source.take(ROLE, "pw", "test_two")
    assert second is first and len(browser.contexts) == 1 and source.opened == 1
    assert source.boots == 1 and source.reboots == 0
    assert cleaned == {"kept": [first], "blank": []}
    assert browser.contexts[0].tracing.calls == [
        ("start", "test_one"),
        ("stop_chunk", None),
        ("start_chunk", "test_two"),
    ]


@pytest.mark.parametrize(("snapshots", "screencast"), [(False, False), (True, False), (False, True)])
def test_a_trace_holds_the_dom_snapshots_and_the_screencast_only_when_asked(cleaned, snapshots, screencast) -> None:
    browser = FakeBrowser()
    pages(browser, snapshots=snapshots, screencast=screencast).take(ROLE, "pw", "test_one")
    options = browser.contexts[0].tracing.options
    assert options["sources"]
    assert options["snapshots"] is snapshots and options["screenshots"] is screencast


@pytest.mark.parametrize("change", ["user", "views"])
def test_a_kept_client_boots_again_when_the_server_holds_something_else(cleaned, tmp_path, change) -> None:
    """A setting turned a group on for every user (or a view changed) after the client booted."""
    browser = FakeBrowser()
    source = pages(browser)
    first = source.take(ROLE, "pw", "test_one")
    source.give_back(ROLE.name, failed=False, folder=tmp_path, stem="")
    SERVER[change] = ("changed",)
    second = source.take(ROLE, "pw", "test_two")
    assert second is first and source.opened == 1
    assert source.boots == 2 and source.reboots == 1
    assert cleaned["blank"] == [first]  # made blank (cached views deleted) before it booted again
    source.give_back(ROLE.name, failed=False, folder=tmp_path, stem="")
    source.take(ROLE, "pw", "test_three")
    assert source.boots == 2  # nothing changed since


def test_a_failed_scenario_keeps_its_trace_and_screenshot_and_the_next_one_gets_a_new_context(
    cleaned, tmp_path
) -> None:
    browser = FakeBrowser()
    source = pages(browser)
    source.take(ROLE, "pw", "test_one")
    kept = source.give_back(ROLE.name, failed=True, folder=tmp_path / "test-one", stem="")
    assert kept == [
        ("screenshot", tmp_path / "test-one" / "test-failed.png"),
        ("trace", tmp_path / "test-one" / "trace.zip"),
    ]
    assert all(path.is_file() for _, path in kept)
    assert browser.contexts[0].closed
    source.take(ROLE, "pw", "test_two")
    assert len(browser.contexts) == 2 and not browser.contexts[1].closed
    assert browser.contexts[1].tracing.calls == [("start", "test_two")]


def test_a_client_that_cannot_be_kept_is_made_blank_and_booted_again(cleaned, tmp_path) -> None:
    """e.g. the scenario switched the company: a cookie the client reads only when it boots changed."""
    browser = FakeBrowser()
    source = pages(browser, tracing="off")
    page = source.take(ROLE, "pw", "test_one")
    page.unkeepable = True
    source.give_back(ROLE.name, failed=False, folder=tmp_path, stem="")
    assert cleaned["blank"] == [page] and not browser.contexts[0].closed
    assert source.take(ROLE, "pw", "test_two") is page and source.boots == 2 and source.reboots == 0


def test_a_page_that_cannot_be_cleaned_is_closed_not_reused(cleaned, tmp_path) -> None:
    browser = FakeBrowser()
    source = pages(browser, tracing="off")
    page = source.take(ROLE, "pw", "test_one")
    page.unkeepable = page.dirty = True
    assert source.give_back(ROLE.name, failed=False, folder=tmp_path, stem="") == []
    assert browser.contexts[0].closed and browser.contexts[0].tracing.calls == []
    assert source.take(ROLE, "pw", "test_two") is not page


def test_a_kept_client_whose_session_odoo_ended_logs_in_again(cleaned, tmp_path) -> None:
    """The check at the scenario start sees Session Expired: no scenario meets the dialog."""
    browser = FakeBrowser()
    source = pages(browser)
    first = source.take(ROLE, "pw", "test_one")
    source.give_back(ROLE.name, failed=False, folder=tmp_path, stem="")
    ENDED_SESSIONS.add("sid-1")
    try:
        second = source.take(ROLE, "pw", "test_two")
    finally:
        ENDED_SESSIONS.clear()
    assert second is not first and browser.contexts[0].closed and source.states.logins == 2


def test_close_ends_every_role_context(cleaned) -> None:
    browser = FakeBrowser()
    source = pages(browser)
    source.take(ROLE, "pw", "test_one")
    source.take(SimpleNamespace(name="Accountant", login="uat_accountant"), "pw", "test_one")
    source.close()
    assert [context.closed for context in browser.contexts] == [True, True] and source.contexts() == []


def test_leaving_a_blank_page_closes_other_tabs_and_keeps_only_the_session_cookie() -> None:
    context = FakeContext()
    page, popup = context.new_page(), context.new_page()
    assert clean_state.leave_clean(page)
    assert popup.closed and not page.closed
    assert context.jar == [{"name": "session_id", "value": "s3cr3t"}]


@pytest.mark.parametrize(("roles", "stem"), [(["Buyer"], ""), (["Buyer", "Warehouse operator"], "-warehouse-operator")])
def test_artefacts_are_named_per_role_only_when_several_acted(roles, stem) -> None:
    assert artefact_stem(roles, roles[-1]) == stem


def test_evidence_keeps_what_the_options_ask() -> None:
    retain = Evidence(tracing="retain-on-failure", screenshot="only-on-failure")
    assert retain.keeps_trace(True) and not retain.keeps_trace(False)
    assert retain.keeps_screenshot(True) and not retain.keeps_screenshot(False)
    assert Evidence(tracing="on").keeps_trace(False) and not Evidence().keeps_trace(True)


def test_a_page_sent_to_the_login_form_says_the_server_ended_the_session() -> None:
    from odoo_uat.web.browser import SessionEnded, check_logged_in

    class OnLogin:
        url = "http://127.0.0.1:8069/web/login?redirect=%2Fodoo"

    class InClient:
        url = "http://127.0.0.1:8069/odoo/action-sale.action_orders"

    check_logged_in(InClient(), "a page")  # type: ignore[arg-type]
    with pytest.raises(SessionEnded, match="Sales coordinator.*login form. Odoo no longer accepted"):
        check_logged_in(OnLogin(), 'the "Sales coordinator" page')  # type: ignore[arg-type]


def test_a_stored_login_the_server_ended_is_made_again_for_the_next_scenario(cleaned, tmp_path) -> None:
    browser = FakeBrowser()
    source = pages(browser)
    first = source.take(ROLE, "pw", "test_one")
    source.give_back(ROLE.name, True, tmp_path, "")  # the scenario failed: its context is closed
    ENDED_SESSIONS.add("sid-1")  # ...because Odoo ended the role's session
    try:
        second = source.take(ROLE, "pw", "test_two")
    finally:
        ENDED_SESSIONS.clear()
    assert second is not first and second.url == "/odoo" and source.states.logins == 2


def test_a_login_that_odoo_ends_at_once_is_session_ended_not_tried_again(cleaned) -> None:
    from odoo_uat.web.browser import SessionEnded

    ENDED_SESSIONS.add("sid-1")
    source = pages(FakeBrowser())
    try:
        with pytest.raises(SessionEnded, match="Sales coordinator.*right after its login"):
            source.take(ROLE, "pw", "test_one")
    finally:
        ENDED_SESSIONS.clear()
    assert source.states.logins == 1


@pytest.mark.parametrize(
    ("after_boot", "boots"),
    [
        (("groups 1 2", "written at boot"), 1),  # OdooBot's onboarding: only the write_date moved
        (("groups 1 2 3", "written at boot"), 2),  # a group came while it booted: booted again to be sure
    ],
)
def test_a_boot_that_writes_its_own_user_does_not_boot_the_client_again(
    cleaned, tmp_path, monkeypatch, after_boot, boots
) -> None:
    """A first web login writes the user (mail_bot sets odoobot_state); only that write is the client's own."""
    reads = iter([SERVER["user"], after_boot])
    monkeypatch.setattr(role_pages, "user_state", lambda page, uid, field: next(reads, after_boot))
    browser = FakeBrowser()
    source = pages(browser)
    source.take(ROLE, "pw", "test_one")
    source.give_back(ROLE.name, failed=False, folder=tmp_path, stem="")
    source.take(ROLE, "pw", "test_two")
    assert source.boots == boots and source.opened == 1


def test_start_seconds_count_the_takes_that_logged_in_or_booted_not_the_kept_ones(cleaned, tmp_path, monkeypatch):
    """What the speed budget leaves out of a scenario's time: its roles' logins and boots, a worker's start-up."""
    clock = iter(range(100))
    monkeypatch.setattr(role_pages.time, "perf_counter", lambda: float(next(clock)))
    source = pages(FakeBrowser())
    source.take(ROLE, "pw", "test_one")  # logged in and booted
    assert source.start_seconds == 1.0
    source.give_back(ROLE.name, failed=False, folder=tmp_path, stem="")
    source.take(ROLE, "pw", "test_two")  # kept: checked only
    assert source.start_seconds == 1.0
    source.give_back(ROLE.name, failed=False, folder=tmp_path, stem="")
    SERVER["views"] = ("changed",)
    source.take(ROLE, "pw", "test_three")  # booted again
    assert source.start_seconds == 2.0 and source.reboots == 1


def test_a_scenarios_start_seconds_are_those_of_its_own_takes() -> None:
    class Source:
        start_seconds = 5.0  # earlier scenarios'

        def take(self, role, password, title):
            self.start_seconds += 1.5
            return SimpleNamespace()

    users = ActingUsers(Source(), SimpleNamespace(), SimpleNamespace(ensure=lambda name: (ROLE, "pw")))
    assert users.start_seconds == 0.0
    users.login_as(ROLE.name)
    assert users.start_seconds == pytest.approx(1.5, abs=0.01)


def test_a_roles_user_made_ready_counts_in_the_scenarios_start_seconds(monkeypatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(browser.time, "perf_counter", lambda: clock[0])

    class Users:
        """Makes the role's user ready the first time (2 s: created, its groups written), then has it ready."""

        ready: set[str] = set()

        def ensure(self, name):
            if name not in self.ready:
                clock[0] += 2.0
                self.ready.add(name)
            return ROLE, "pw"

    class Source:
        start_seconds = 0.0

        def take(self, role, password, title):
            return SimpleNamespace()

    role_users = Users()
    first = ActingUsers(Source(), SimpleNamespace(), role_users)
    first.login_as(ROLE.name)
    assert first.start_seconds == 2.0
    later = ActingUsers(Source(), SimpleNamespace(), role_users)
    later.login_as(ROLE.name)
    assert later.start_seconds == 0.0


def test_once_a_scenario_handed_its_pages_back_their_cookies_are_known_as_they_were_then(tmp_path) -> None:
    """Its teardown report is masked with the cookies read as the pages were handed back, not read once more
    (a round trip per role), and not those the next scenario's use gives them."""
    jar = [{"name": "session_id", "value": "first-session"}]
    reads = []

    def cookies():
        reads.append(1)
        return list(jar)

    page = SimpleNamespace(is_closed=lambda: False, context=SimpleNamespace(cookies=cookies))

    class Source:
        start_seconds = 0.0

        def take(self, role, password, title):
            return page

        def give_back(self, role_name, failed, folder, stem):
            return []

    target = SimpleNamespace(password=Secret("admin-pw"))
    states = SimpleNamespace(cookie_values=list, target=target)
    users = ActingUsers(Source(), states, SimpleNamespace(ensure=lambda name: (ROLE, "pw")))
    users.login_as(ROLE.name)
    assert "first-session" in revealed(users.known_secrets())  # while it acts: read from the page
    users.finish(failed=False, folder=tmp_path)
    jar[0]["value"] = "next-scenario-session"
    before = len(reads)
    known = revealed(users.known_secrets())
    assert "first-session" in known and "next-scenario-session" not in known and len(reads) == before
