"""The Odoo server a run talks to, whichever way it was provided."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class OdooTarget:
    """Where the Odoo under test answers and how to log in as its administrator."""

    url: str
    db: str
    login: str
    password: str = field(repr=False)
    embedded: bool = False
    log_path: Path | None = None
