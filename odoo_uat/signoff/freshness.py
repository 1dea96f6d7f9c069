"""Requirement freshness: each requirement's last proof (a run, or a manual check) and whether it still holds.

A proof goes stale when a later change touches a module its process area exercises (the impact map of CHANGED=:
changed files -> modules -> the modules depending on them, odoo_uat/impact.py), when its feature file changed, or
when it is older than max_proof_age_days. Writes <bundle>/freshness.json, which the exit report reads.

Manual checks (manual_checks in [tool.odoo-uat.sign-off]) are a CSV file with the columns
requirement, result (passed or failed), evidence (a link), checked_by, checked_on (a date), odoo_version, commit.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from odoo_uat.addons import ManifestError, find_modules
from odoo_uat.impact import ImpactError, dependants, find_changes, why_affected
from odoo_uat.report.history import RunRecord, load_history
from odoo_uat.report.proofs import AUTOMATED, FRESHNESS_FILE, MANUAL, PASSED, Proof
from odoo_uat.report.requirements import Requirement
from odoo_uat.signoff.settings import SignOffSettings

MANUAL_COLUMNS = ("requirement", "result", "evidence", "checked_by", "checked_on", "odoo_version", "commit")
UNCOMMITTED = " (with uncommitted changes)"


class FreshnessError(Exception):
    """The manual checks file is wrong; the message names the line and the fix."""


def last_automated(history: Sequence[RunRecord]) -> dict[str, Proof]:
    """Per requirement, the newest run of the history that proved it."""
    proofs: dict[str, Proof] = {}
    for record in history:  # oldest first: a newer proof replaces an older one
        for rid, facts in record.requirements.items():
            if facts.get("status") == PASSED:
                proofs[rid] = Proof(
                    kind=AUTOMATED,
                    result=PASSED,
                    date=str(record.data.get("started") or record.generated),
                    run_id=record.run_id,
                    commit=_commit(record.commit),
                    wave=record.wave or "",
                    odoo_version=record.odoo_version or "",
                    language=", ".join(facts.get("languages", ())),
                )
    return proofs


def load_manual_checks(path: Path) -> dict[str, Proof]:
    """Per requirement, the newest manual check of the CSV file."""
    if not path.is_file():
        raise FreshnessError(f"Manual checks file not found: {path} (manual_checks in [tool.odoo-uat.sign-off])")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    checks: dict[str, Proof] = {}
    for number, row in enumerate(rows, start=2):
        cells = {str(k).strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not any(cells.values()):
            continue
        where = f"{path}:{number}"
        if missing := [c for c in ("requirement", "result", "checked_by", "checked_on") if not cells.get(c)]:
            raise FreshnessError(f"{where}: {', '.join(missing)} missing (columns: {', '.join(MANUAL_COLUMNS)})")
        if cells["result"] not in ("passed", "failed"):
            raise FreshnessError(f"{where}: result is {cells['result']!r}; write passed or failed")
        try:
            checked = date.fromisoformat(cells["checked_on"])
        except ValueError:
            raise FreshnessError(
                f"{where}: checked_on {cells['checked_on']!r} is not a date such as 2026-12-01"
            ) from None
        proof = Proof(
            kind=MANUAL,
            result=cells["result"],
            date=checked.isoformat(),
            commit=cells.get("commit", ""),
            odoo_version=cells.get("odoo_version", ""),
            by=cells["checked_by"],
            evidence=cells.get("evidence", ""),
        )
        if cells["requirement"] not in checks or checks[cells["requirement"]].date <= proof.date:
            checks[cells["requirement"]] = proof
    return checks


class StaleCheck:
    """Whether a proof made at a commit still holds: git and the module map, each commit looked at once."""

    def __init__(self, settings: SignOffSettings, addons_dirs: Sequence[Path], today: date) -> None:
        self.settings, self.addons_dirs, self.today = settings, list(addons_dirs), today
        self._changes: dict[str, tuple[dict[str, str | None], set[str], str]] = {}
        try:
            self.modules = find_modules(self.addons_dirs, strict=False)
        except ManifestError:
            self.modules = {}

    def reason(self, proof: Proof, requirement: Requirement | None, features: Sequence[str] = ()) -> str:
        """Why the proof no longer holds, or "" while it does."""
        limit = self.settings.max_proof_age_days
        age = (self.today - date.fromisoformat(proof.date[:10])).days
        if limit is not None and age > limit:
            return f"proven {age} days ago, more than max_proof_age_days = {limit}"
        if not proof.commit:
            return ""
        affected, changed_features, problem = self._since(proof.commit)
        if problem:
            return ""
        area = requirement.process_area if requirement else ""
        for module in self.settings.area_modules.get(area, ()):
            if module in affected:
                return f"{module} {why_affected(affected, module)} since commit {proof.commit}"
        if touched := sorted(set(features) & changed_features):
            return f"its feature file {touched[0]} changed since commit {proof.commit}"
        return ""

    def _since(self, commit: str) -> tuple[dict[str, str | None], set[str], str]:
        if commit not in self._changes:
            try:
                changes = find_changes(self.settings.root, commit, self.addons_dirs)
                affected = dependants(self.modules, changes.modules) if self.modules else dict.fromkeys(changes.modules)
                features = {
                    p.resolve().relative_to(self.settings.root / "features").as_posix() for p in changes.features
                }
                self._changes[commit] = (affected, features, "")
            except (ImpactError, ValueError) as error:
                self._changes[commit] = ({}, set(), str(error))
        return self._changes[commit]


def freshness_data(
    settings: SignOffSettings,
    requirements: Sequence[Requirement],
    history: Sequence[RunRecord],
    manual: Mapping[str, Proof],
    addons_dirs: Sequence[Path],
    now: datetime | None = None,
) -> dict[str, Any]:
    """freshness.json: the last automated proof and the last manual check of every requirement, stale or not."""
    now = now or datetime.now(UTC)
    stale = StaleCheck(settings, addons_dirs, now.date())
    by_id = {r.id: r for r in requirements}
    features = {rid: f for r in history for rid, facts in r.requirements.items() for f in [facts.get("features", ())]}
    automated = last_automated(history)

    def entry(rid: str, proof: Proof) -> dict[str, Any]:
        data = {k: getattr(proof, k) for k in Proof.__dataclass_fields__}
        data["stale"] = stale.reason(proof, by_id.get(rid), features.get(rid, ()))
        return data

    return {
        "generated": now.isoformat(timespec="seconds"),
        "max_age_days": settings.max_proof_age_days,
        AUTOMATED: {rid: entry(rid, p) for rid, p in sorted(automated.items())},
        MANUAL: {rid: entry(rid, p) for rid, p in sorted(manual.items())},
    }


def write_freshness(
    settings: SignOffSettings, requirements: Sequence[Requirement], history_dir: Path, addons_dirs: Sequence[Path]
) -> Path:
    """Compute and write <bundle>/freshness.json."""
    manual = load_manual_checks(settings.manual_checks) if settings.manual_checks else {}
    data = freshness_data(settings, requirements, load_history(history_dir), manual, addons_dirs)
    path = settings.bundle / FRESHNESS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _commit(commit: str | None) -> str:
    """The commit a run recorded, without the note on uncommitted changes; "" when unknown."""
    value = (commit or "").removesuffix(UNCOMMITTED).strip()
    return "" if value in ("", "unknown") else value
