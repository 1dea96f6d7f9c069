"""Run database names, uat_<YYYYmmdd_HHMMSS>_<4 hex>, and which old runs are dropped."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from datetime import datetime

RUN_NAME = re.compile(r"^uat_\d{8}_\d{6}_[0-9a-f]{4}$")


def run_db_name(now: datetime | None = None, token: str | None = None) -> str:
    """A new run database name, uat_<YYYYmmdd_HHMMSS>_<4 hex>: sorting the names sorts the runs."""
    now = now or datetime.now()
    return f"uat_{now:%Y%m%d_%H%M%S}_{token or secrets.token_hex(2)}"


def runs_to_drop(names: Iterable[str], keep: int) -> list[str]:
    """The run databases beyond the newest keep ones."""
    runs = sorted((name for name in names if RUN_NAME.match(name)), reverse=True)
    return runs[keep:]
