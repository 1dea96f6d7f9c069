"""The bench's terminal table and its per-commit history file (pure: no Odoo, no browser)."""

from __future__ import annotations

import json
import statistics
from pathlib import Path


def median(values: list[float]) -> float | None:
    """The median, rounded to milliseconds; None for no values."""
    return round(statistics.median(values), 3) if values else None


def flow_row(name: str, floors: list[float], ui: list[float], first: list[float] | None = None) -> dict:
    """One flow's figures: the rounds, their medians and the ratio UI / floor. ui: the scenario once its roles'
    clients are booted (a worker's later scenarios); first: a worker's first scenario, where they boot."""
    floor, scenario = median(floors), median(ui)
    ratio = round(scenario / floor, 1) if floor and scenario else None
    row = {"flow": name, "floor_rounds": floors, "ui_rounds": ui, "floor": floor, "ui": scenario, "ratio": ratio}
    if first is not None:
        first_scenario = median(first)
        row |= {
            "first_rounds": first,
            "first": first_scenario,
            "first_ratio": round(first_scenario / floor, 1) if floor and first_scenario else None,
        }
    return row


def browser_rows(times: dict[str, dict[str, list[float]]]) -> list[dict]:
    """Per system browser, each flow's UI rounds and median, and the sum of the medians."""
    rows = []
    for browser, flows in times.items():
        medians = {flow: median(rounds) for flow, rounds in flows.items()}
        known = [value for value in medians.values() if value is not None]
        rows.append(
            {
                "browser": browser,
                "rounds": flows,
                "medians": medians,
                "total": round(sum(known), 3) if len(known) == len(medians) else None,
            }
        )
    return rows


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}x"


def table(result: dict) -> str:
    """A short plain-text summary of a bench result."""
    lines = [
        f"Odoo {result.get('odoo', '?')} ({result.get('mode', '?')}), commit {result.get('commit', '?')}, "
        f"{result.get('rounds', '?')} round(s)",
        "",
        f"  {'flow':<22} {'RPC floor':>10} {'UI scenario':>12} {'UI / floor':>11} {'first scenario':>15} "
        f"{'first / floor':>14}",
    ]
    for row in result.get("flows", []):
        lines.append(
            f"  {row['flow']:<22} {_seconds(row['floor']):>10} {_seconds(row['ui']):>12} {_ratio(row['ratio']):>11} "
            f"{_seconds(row.get('first')):>15} {_ratio(row.get('first_ratio')):>14}"
        )
    if result.get("flows"):
        lines.append(
            "  (UI scenario: its roles' web clients already booted, as in every scenario after a worker's first; "
            "first scenario: each role logs in and boots)"
        )
    browsers = result.get("browsers") or []
    if browsers:
        flows = list(browsers[0]["medians"])
        lines += [
            "",
            f"  {'UI scenario by browser':<24}" + "".join(f" {flow[:20]:>21}" for flow in flows) + f" {'sum':>9}",
        ]
        for row in browsers:
            cells = "".join(f" {_seconds(row['medians'][flow]):>21}" for flow in flows)
            lines.append(f"  {row['browser']:<24}{cells} {_seconds(row['total']):>9}")
    split = result.get("profile_totals")
    if split and split.get("total"):
        parts = ", ".join(
            f"{key} {split[key]:.1f} s ({100 * split[key] / split['total']:.0f}%)"
            for key in ("code", "rpc", "http", "render")
        )
        lines += ["", f"  steps {split['total']:.1f} s: {parts}"]
    slowest = result.get("slowest_steps") or []
    if slowest:
        lines += ["", f"  {'slowest steps':<70} {'total':>6} {'http':>6} {'render':>6} {'rpc':>6}"]
        for step in slowest:
            lines.append(
                f"  {step['step'][:70]:<70} {step['total']:6.1f} {step['http']:6.1f} "
                f"{step['render']:6.1f} {step['rpc']:6.1f}"
            )
    scaling = result.get("scaling")
    if scaling:
        header = (
            f"  {'the pack':<28} {'wall':>7} {'speed-up':>9} {'passed':>8} {'requests/s':>11} {'server busy/s':>14}"
        )
        lines += ["", header]
        lines += [scaling_line(row) for row in scaling]
    if result.get("warm_start") is not None:
        lines += ["", f"  warm start (pytest start to the first step): {result['warm_start']:.1f} s"]
    return "\n".join(lines)


def scaling_line(row: dict) -> str:
    """One pass of the pack: its workers (and processes at once), wall time, speed-up, passes, server load."""
    name = f"-n {row['workers']}" + (f" x {row['processes']} processes" if row.get("processes", 1) > 1 else "")
    server = row.get("server") or {}
    per_s = f"{server['requests_per_s']:.1f}" if server else "-"
    busy = f"{server['server_busy_per_s']:.2f}" if server else "-"
    return (
        f"  {name:<28} {row['seconds']:6.0f}s {'x' + format(row['speedup'], '.2f'):>9} "
        f"{str(row['passed']) + '/' + str(row['tests']):>8} {per_s:>11} {busy:>14}"
    )


def speedups(walls: dict[int, float]) -> dict[int, float]:
    """Each worker count's speed-up over one worker (its wall time divided into -n 1's)."""
    base = walls.get(1)
    return {workers: round(base / seconds, 2) if base and seconds else 0.0 for workers, seconds in walls.items()}


def append_history(path: Path, result: dict) -> dict:
    """Append one line (commit, Odoo version, date and the headline figures) to the JSON-lines history."""
    entry = {key: result.get(key) for key in ("date", "commit", "odoo", "mode", "rounds", "warm_start", "browser")}
    entry["browsers"] = {row["browser"]: row["total"] for row in result.get("browsers") or []}
    entry["flows"] = {
        row["flow"]: {key: row[key] for key in ("floor", "ui", "ratio", "first") if key in row}
        for row in result.get("flows", [])
    }
    entry["scaling"] = {
        str(row["workers"]) + (f"x{row['processes']}" if row.get("processes", 1) > 1 else ""): row["seconds"]
        for row in result.get("scaling") or []
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as history:
        history.write(json.dumps(entry, sort_keys=True) + "\n")
    return entry
