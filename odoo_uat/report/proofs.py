"""The last proof of each requirement, as reports/freshness.json holds it (written by odoo_uat/signoff/freshness.py
before the report: it needs git and the module map, which the report does not read)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FRESHNESS_FILE = "freshness.json"
AUTOMATED, MANUAL = "automated", "manual"
PASSED, FAILED = "passed", "failed"


@dataclass(frozen=True)
class Proof:
    """A run that proved a requirement, or a manual check recorded for it."""

    kind: str  # AUTOMATED or MANUAL
    result: str  # PASSED or FAILED (a manual check can record a failure)
    date: str  # ISO 8601
    run_id: str = ""
    commit: str = ""
    wave: str = ""
    odoo_version: str = ""
    language: str = ""
    by: str = ""  # who checked, for a manual check
    evidence: str = ""  # a link to what the person saw
    stale: str = ""  # why the proof no longer holds; empty while it does

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Proof:
        """Read one proof of freshness.json."""
        return cls(**{k: str(data.get(k) or "") for k in cls.__dataclass_fields__})

    @property
    def fresh(self) -> bool:
        """Whether the proof still holds."""
        return not self.stale

    @property
    def summary(self) -> str:
        """One line: where and when it was proven, e.g. "run 20261203-0712-ab12 · commit 1a2b3c · wave 1 · Odoo 19.0 · fr · 2026-12-03"."""
        parts = [f"manual check by {self.by}" if self.kind == MANUAL else f"run {self.run_id}"]
        parts += [
            f"commit {self.commit}" if self.commit else "",
            f"wave {self.wave}" if self.wave else "",
            f"Odoo {self.odoo_version}" if self.odoo_version else "",
            self.language,
            self.date[:10],
        ]
        return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class Freshness:
    """Per requirement: its last automated proof and its last manual check before this run."""

    automated: Mapping[str, Proof]
    manual: Mapping[str, Proof]
    max_age_days: int | None = None


def load_freshness(path: Path) -> Freshness | None:
    """Read freshness.json; None when there is none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise ValueError(f"{path} cannot be read ({error}): run make report again, which writes it") from None
    return Freshness(
        automated={k: Proof.from_data(v) for k, v in data.get(AUTOMATED, {}).items()},
        manual={k: Proof.from_data(v) for k, v in data.get(MANUAL, {}).items()},
        max_age_days=data.get("max_age_days"),
    )
