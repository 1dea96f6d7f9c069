"""Failure categories: one list feeds Allure 3's config, Allure 2's categories.json and the exit report."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from odoo_uat.tags import LABEL_DEFECT

FAILED, BROKEN = "failed", "broken"
FAILING_STATUSES = (FAILED, BROKEN)

KNOWN_DEFECTS = "Known defects"
ENVIRONMENT_PROBLEMS = "Environment problems"
PRODUCT_DEFECTS = "Product defects"
TEST_PROBLEMS = "Test problems"

# Label of a result that says nothing about the product: the Odoo under test could not be prepared
# (odoo_uat/plugins/odoo_server.py), or stopped answering while the test ran (odoo_uat/plugins/server_health.py).
LABEL_ENVIRONMENT_FAILURE = "environment_failure"
# How odoo_uat/plugins/server_health.py begins its message when the server no longer answers.
STOPPED_ANSWERING = "Odoo under test stopped answering"

# Odoo refused a business operation: odoorpc's RPCError, odoo.exceptions.* in a
# traceback, or the title of the dialog the web client shows.
ODOO_ERROR = (
    r"odoo\.exceptions|RPCError|Invalid Operation|UserError|User Error|ValidationError"
    r"|Validation Error|AccessError|Access Error|MissingError|RedirectWarning"
)
# The Odoo under test could not be reached or answered too slowly.
# No inline flags: Allure 3 compiles these with JavaScript's RegExp.
ENVIRONMENT_ERROR = (
    r"ConnectionRefused|[Cc]onnection refused|ConnectionError|ConnectionReset|RemoteDisconnected"
    r"|Failed to establish a new connection|URLError|TimeoutError"
    r"|timed out|Timeout \d+ms exceeded|ERR_CONNECTION|ERR_NAME_NOT_RESOLVED"
    r"|Name or service not known|Temporary failure in name resolution|No route to host"
    r"|502 Bad Gateway|503 Service Unavailable|504 Gateway Time-?out|SettingsError"
    # The server ended a role's logged-in session (odoo_uat.web.browser.SessionEnded).
    r"|SessionEnded"
    # An HTTP 5xx answer to an RPC call: Odoo reports business errors in a JSON body with HTTP 200,
    # so a bare 5xx comes from the server or a proxy in front of it failing.
    r"|HTTP Error 5\d\d|" + STOPPED_ANSWERING
)


@dataclass(frozen=True)
class Category:
    """A named bucket of failures, matched like Allure does: statuses, labels, message regex."""

    name: str
    description: str
    statuses: tuple[str, ...] = FAILING_STATUSES
    message: str | None = None
    labels: Mapping[str, str] = field(default_factory=dict)

    def matches(self, status: str, message: str, labels: Mapping[str, Sequence[str]]) -> bool:
        """Whether a result falls into this category (regexes search, as Allure 3 does)."""
        if status not in self.statuses:
            return False
        if self.message is not None and not re.search(self.message, message or ""):
            return False
        return all(
            any(re.search(pattern, value) for value in labels.get(name, ())) for name, pattern in self.labels.items()
        )


# First match wins, so the order is the precedence.
CATEGORIES: tuple[Category, ...] = (
    Category(
        KNOWN_DEFECTS,
        "Failed scenarios tagged @defect:<ticket>: the defect is already logged.",
        labels={LABEL_DEFECT: ".+"},
    ),
    Category(
        ENVIRONMENT_PROBLEMS,
        "The Odoo under test could not be prepared or started, or stopped answering during the test.",
        statuses=(BROKEN,),
        labels={LABEL_ENVIRONMENT_FAILURE: ".+"},
    ),
    Category(
        ENVIRONMENT_PROBLEMS,
        "The Odoo under test was unreachable or too slow; the outcome says nothing about the product.",
        statuses=(BROKEN,),
        message=ENVIRONMENT_ERROR,
    ),
    Category(
        PRODUCT_DEFECTS,
        "Odoo refused the operation.",
        message=ODOO_ERROR,
    ),
    Category(
        PRODUCT_DEFECTS,
        "A business outcome was wrong (a failed assertion).",
        statuses=(FAILED,),
    ),
    Category(
        TEST_PROBLEMS,
        "The test code is wrong: a missing step definition, a fixture error, a bug in a step.",
        statuses=(BROKEN,),
    ),
)


def classify(
    status: str,
    message: str,
    labels: Mapping[str, Sequence[str]],
    categories: Iterable[Category] = CATEGORIES,
) -> str | None:
    """Name the category of a failing result, or None for a passed or skipped one."""
    return next((c.name for c in categories if c.matches(status, message, labels)), None)


def allure3_categories(categories: Iterable[Category] = CATEGORIES) -> list[dict[str, object]]:
    """Category rules for allurerc (Allure 3 matches labels, so known defects work there)."""
    rules: dict[str, dict[str, object]] = {}
    for category in categories:
        matcher: dict[str, object] = {"statuses": list(category.statuses)}
        if category.message is not None:
            matcher["message"] = category.message
        if category.labels:
            matcher["labels"] = dict(category.labels)
        rule = rules.setdefault(category.name, {"id": category.name, "name": category.name, "matchers": []})
        rule["matchers"].append(matcher)  # type: ignore[union-attr]
    return list(rules.values())


def allure2_categories(categories: Iterable[Category] = CATEGORIES) -> list[dict[str, object]]:
    """categories.json for Allure 2 readers; they cannot match labels, so known defects are left out."""
    entries = []
    for category in categories:
        if category.labels:
            continue
        entry: dict[str, object] = {"name": category.name, "matchedStatuses": list(category.statuses)}
        if category.message is not None:
            # Allure 2 matches the whole message, so let the pattern float inside it.
            entry["messageRegex"] = rf"[\s\S]*({category.message})[\s\S]*"
        entries.append(entry)
    return entries
