"""The Odoo server a run talks to, whichever way it was provided."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from odoo_uat.secret import Secret


@dataclass(frozen=True)
class OdooTarget:
    """Where the Odoo under test answers and how to log in as its administrator.

    `password` is a Secret: the settings (ODOO_PASSWORD) and the embedded server give a str, held as a Secret from
    here on; its `reveal()` goes only where it is sent (odoo_uat/odoo/rpc.py's login, a child run's environment).
    """

    url: str
    db: str
    login: str
    password: Secret = field(repr=False)
    embedded: bool = False
    log_path: Path | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "password", Secret(self.password))
