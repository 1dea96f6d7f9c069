"""Checkpoint screenshots: after a Then, the screens of the roles a web-client step used since their last one."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from odoo_uat.plugins import evidence
from odoo_uat.web.browser import ACTING_KEY


class Page:
    def is_closed(self) -> bool:
        return False

    def screenshot(self, **options) -> bytes:
        return b"png"


class Acting:
    """ActingUsers as the hook sees it: the current role, the pages by role."""

    def __init__(self, *roles: str) -> None:
        self.pages = {role: Page() for role in roles}
        self.role: SimpleNamespace | None = None

    def act_as(self, role: str) -> Acting:
        self.role = SimpleNamespace(name=role)
        return self

    def pages_by_role(self) -> dict[str, Page]:
        return dict(self.pages)


@pytest.fixture
def attached(monkeypatch) -> list[str]:
    names: list[str] = []
    monkeypatch.setattr(evidence.allure, "attach", lambda body, name, attachment_type: names.append(name))
    return names


def after(request, acting: Acting, keyword: str, ui: bool) -> None:
    step = SimpleNamespace(type=keyword.lower(), keyword=keyword, name="step")
    args = {"acting": acting} if ui else {"odoo": object()}
    evidence.pytest_bdd_after_step(request, None, None, step, None, args)


def request_for(acting: Acting, mode: str = "checkpoints") -> SimpleNamespace:
    node = SimpleNamespace(stash=pytest.Stash())
    node.stash[ACTING_KEY] = acting
    return SimpleNamespace(node=node, config=SimpleNamespace(getoption=lambda name: mode))


def test_a_checkpoint_shows_the_roles_used_since_the_last_one_only(attached) -> None:
    acting = Acting("Sales", "Warehouse")
    request = request_for(acting)
    after(request, acting.act_as("Sales"), "When", ui=True)
    after(request, acting, "Then", ui=False)
    after(request, acting, "Then", ui=False)  # nothing acted since: no screenshot of the same screen
    after(request, acting.act_as("Warehouse"), "When", ui=True)
    after(request, acting, "Then", ui=False)
    assert attached == ["After: Then step (Sales)", "After: Then step (Warehouse)"]


def test_a_then_that_reads_the_screen_shows_it(attached) -> None:
    acting = Acting("Sales")
    request = request_for(acting)
    after(request, acting.act_as("Sales"), "Then", ui=True)
    assert attached == ["After: Then step (Sales)"]


def test_every_step_shows_each_web_client_step_and_a_failure_every_screen(attached) -> None:
    acting = Acting("Sales", "Warehouse")
    request = request_for(acting, mode="every-step")
    after(request, acting.act_as("Sales"), "When", ui=True)
    after(request, acting, "Given", ui=False)
    evidence.pytest_bdd_step_error(request, None, None, SimpleNamespace(keyword="When", name="x"), None, {}, None)
    assert attached[0] == "After: When step (Sales)"
    assert attached[1:3] == ["Failed: When x (Sales)", "Failed: When x (Warehouse)"]
