"""Whether a role's web client, kept booted from one scenario to the next, still holds what the server holds.

A booted web client keeps in memory what it read when it started: the user's groups (what `user.hasGroup` answered,
which fields and buttons the views it loaded show), their companies, language and time zone, the views and menus.
A scenario may change any of them on the server (a setting turns a group on for every user; another worker does);
the client would not see it until it boots again. So at each scenario start the state the client booted with is
read again from the server and compared: the user's, in one call through the role's own session (which also tells
whether Odoo still accepts that session), and the views' and menus' last change, in one call per scenario. The
client is rebooted when anything differs (odoo_uat.web.role_pages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from odoo_uat.web.browser import SESSION_EXPIRED, SESSION_INFO_CALL

# What the client holds of its user: groups (implied ones too), companies, language, time zone, home action; the
# user's write_date moves with any write to them. Readable by the user on their own record (18.0 and 19.0).
WRITE_DATE = "write_date"
USER_FIELDS = ("lang", "tz", "company_id", "company_ids", "action_id", WRITE_DATE)  # write_date last (as_booted)
SERVER_MODELS = ("ir.ui.view", "ir.ui.menu")
READ_SELF = "/web/dataset/call_kw/res.users/read"
CHECK_TIMEOUT_MS = 5_000
ServerChanges = Callable[[], tuple[Any, ...]]  # the views' and menus' last change, as the admin reads them


class SessionGone(RuntimeError):
    """Odoo no longer accepts the kept client's session: the role logs in again (on a new page)."""


@dataclass(frozen=True)
class ClientState:
    """What a booted client was started with: its user's state, and the views' and menus' last change."""

    user: tuple[Any, ...]
    server: tuple[Any, ...]

    def changes(self, now: ClientState, groups_field: str) -> list[str]:
        """What differs between what the client booted with and the server now, by field name."""
        names = [groups_field, *USER_FIELDS, *SERVER_MODELS]
        return [
            name
            for name, before, after in zip(names, self.user + self.server, now.user + now.server)
            if before != after
        ]

    def as_booted(self, user_after_boot: tuple[Any, ...]) -> ClientState:
        """The state to keep for a client booted between this read and `user_after_boot`.

        Booting can write the user itself: a first web login starts OdooBot's onboarding (mail_bot's
        `_on_webclient_bootstrap` sets `odoobot_state`), which moves only the write_date. When nothing but the
        write_date moved, the client booted with these very values, so the later read is kept and the next scenario
        does not boot it again for its own boot's write. When anything else moved, the earlier read is kept: the next
        check sees the difference and boots it again.
        """
        if user_after_boot[:-1] == self.user[:-1]:
            return ClientState(user_after_boot, self.server)
        return self


def user_state(page: Page, uid: int, groups_field: str) -> tuple[Any, ...]:
    """The user's groups, companies, language, time zone and home action as the server holds them now, read through
    the page's own session in one call; SessionGone when Odoo refuses that session."""
    fields = [groups_field, *USER_FIELDS]
    call = {
        **SESSION_INFO_CALL,
        "params": {"model": "res.users", "method": "read", "args": [[uid], fields], "kwargs": {}},
    }
    try:
        answer = page.context.request.post(READ_SELF, data=call, timeout=CHECK_TIMEOUT_MS)
        body = answer.json()
    except (PlaywrightError, ValueError) as error:
        raise SessionGone(f"the check of the kept web client got no answer ({type(error).__name__})") from None
    error = body.get("error")
    if error:
        name = str((error.get("data") or {}).get("name", ""))
        if SESSION_EXPIRED in name:
            raise SessionGone("Odoo answered the kept web client's session with Session Expired")
        raise SessionGone(f"Odoo refused the kept web client's check: {(error.get('data') or {}).get('message')}")
    (record,) = body["result"]
    return tuple(_comparable(record[name]) for name in fields)


def _comparable(value: Any) -> Any:
    """A read value as a hashable one (many2many ids sorted, many2one as its id)."""
    if isinstance(value, list):
        if len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], str):
            return value[0]  # many2one: (id, name)
        return tuple(sorted(value))
    return value


def server_changes(odoo) -> tuple[Any, ...]:
    """The last change of any view and of any menu (ir.ui.view, ir.ui.menu), as the admin reads them."""
    return tuple(
        next(iter(odoo.env[model].search_read([], ["write_date"], order="write_date desc", limit=1)), {}).get(
            "write_date"
        )
        for model in SERVER_MODELS
    )
