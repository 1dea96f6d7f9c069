"""Shards merged equal the unsharded run: same scenarios, same outcomes (Allure and JUnit).

Also a command, to compare real runs (from the project folder): .venv/bin/python -m
tests.unit.project.test_sharding_equivalence <unsharded reports folder> reports/shards/*-of-4 (each
folder holding allure-results/ and junit.xml, as make uat writes them).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path

from odoo_uat.report.results import load_results

DATA = Path(__file__).resolve().parents[2] / "data"
MIXED = DATA / "allure-results-mixed"
ALLURE_DIR, JUNIT_FILE = "allure-results", "junit.xml"
JUNIT_OUTCOMES = ("failure", "error", "skipped")


def allure_outcomes(dirs: Sequence[Path]) -> dict[str, str]:
    """Scenario (feature:name [parameters]) -> status, read as the exit report reads them."""
    return {f"{s.full_name} {list(s.parameters)}": s.status for s in load_results(dirs).scenarios}


def junit_outcomes(files: Sequence[Path]) -> dict[str, str]:
    """Test case (classname::name) -> passed, failure, error or skipped."""
    outcomes: dict[str, str] = {}
    for path in files:
        for case in ET.parse(path).getroot().iter("testcase"):
            found = [child.tag for child in case if child.tag in JUNIT_OUTCOMES]
            outcomes[f"{case.get('classname')}::{case.get('name')}"] = found[0] if found else "passed"
    return outcomes


def differences(whole: Mapping[str, str], merged: Mapping[str, str], what: str) -> list[str]:
    """What tells the merged shards from the whole run, one line each."""
    lines = [f"{what}: only in the unsharded run: {key}" for key in sorted(set(whole) - set(merged))]
    lines += [f"{what}: only in the shards: {key}" for key in sorted(set(merged) - set(whole))]
    lines += [
        f"{what}: {key}: {whole[key]} unsharded, {merged[key]} sharded"
        for key in sorted(set(whole) & set(merged))
        if whole[key] != merged[key]
    ]
    return lines


def compare(unsharded: Path, shards: Sequence[Path]) -> tuple[list[str], str]:
    """Differences between a run's folder and its shards' folders, and a one-line summary."""
    allure_whole = allure_outcomes([unsharded / ALLURE_DIR])
    allure_merged = allure_outcomes([shard / ALLURE_DIR for shard in shards])
    junit_whole = junit_outcomes([unsharded / JUNIT_FILE])
    junit_merged = junit_outcomes([shard / JUNIT_FILE for shard in shards if (shard / JUNIT_FILE).is_file()])
    found = differences(allure_whole, allure_merged, "Allure") + differences(junit_whole, junit_merged, "JUnit")
    statuses = sorted(set(allure_whole.values()))
    counts = ", ".join(f"{sum(v == s for v in allure_whole.values())} {s}" for s in statuses)
    summary = (
        f"unsharded: {len(allure_whole)} scenarios ({counts}), {len(junit_whole)} JUnit cases; "
        f"{len(shards)} shards merged: {len(allure_merged)} scenarios, {len(junit_merged)} JUnit cases"
    )
    return found, summary


def _split_run(tmp_path: Path, shards: int) -> tuple[Path, list[Path]]:
    """The recorded mixed run as a whole and as shards (results dealt round-robin), with JUnit files."""
    results = sorted(MIXED.glob("*-result.json"))
    whole = tmp_path / "whole"
    (whole / ALLURE_DIR).mkdir(parents=True)
    folders = [tmp_path / "shards" / f"{k}-of-{shards}" for k in range(1, shards + 1)]
    cases = []
    for index, path in enumerate(results):
        (whole / ALLURE_DIR / path.name).write_bytes(path.read_bytes())
        shard = folders[index % shards] / ALLURE_DIR
        shard.mkdir(parents=True, exist_ok=True)
        (shard / path.name).write_bytes(path.read_bytes())
        cases.append((index % shards, json.loads(path.read_text(encoding="utf-8"))))
    for target, picked in [(whole, cases), *[(f, [c for c in cases if c[0] == k]) for k, f in enumerate(folders)]]:
        body = "".join(
            f'<testcase classname="features.test_feature_files" name="{c["uuid"]}">'
            + ("<failure/>" if c.get("status") == "failed" else "")
            + "</testcase>"
            for _, c in picked
        )
        (target / JUNIT_FILE).write_text(f"<testsuites><testsuite>{body}</testsuite></testsuites>", encoding="utf-8")
    return whole, folders


def test_merged_shards_equal_the_whole_run(tmp_path: Path) -> None:
    whole, shards = _split_run(tmp_path, 3)
    found, summary = compare(whole, shards)
    assert found == []
    assert summary.startswith("unsharded: 14 scenarios") and "3 shards merged: 14 scenarios" in summary


def test_a_lost_shard_and_a_changed_outcome_are_told(tmp_path: Path) -> None:
    whole, shards = _split_run(tmp_path, 2)
    victim = next(p for p in sorted((shards[0] / ALLURE_DIR).glob("*-result.json")) if '"passed"' in p.read_text())
    victim.write_text(victim.read_text(encoding="utf-8").replace('"passed"', '"failed"'), encoding="utf-8")
    found, _ = compare(whole, shards[:1] + [tmp_path / "nowhere"])
    assert any("passed unsharded, failed sharded" in line for line in found)
    assert any(line.startswith("Allure: only in the unsharded run:") for line in found)


def main(argv: Sequence[str]) -> int:
    """Print the summary and every difference; status 1 when there is one."""
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    found, summary = compare(Path(argv[0]), [Path(a) for a in argv[1:]])
    print(summary)
    print("\n".join(found) if found else "same scenarios, same outcomes")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
