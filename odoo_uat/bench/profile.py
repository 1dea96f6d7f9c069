"""Where a step's time goes: our code, Odoo's RPC answers, the browser's HTTP waits, rendering (pure logic)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Interval = tuple[float, float]


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """The intervals merged where they overlap, sorted; empty or reversed ones dropped."""
    merged: list[list[float]] = []
    for start, end in sorted((s, e) for s, e in intervals if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def clip(intervals: Iterable[Interval], start: float, end: float) -> list[Interval]:
    """The parts of the intervals inside [start, end], merged."""
    return union((max(s, start), min(e, end)) for s, e in intervals)


def length(intervals: Iterable[Interval]) -> float:
    """Total time the (merged) intervals cover."""
    return sum(end - start for start, end in union(intervals))


def intersect(first: Sequence[Interval], second: Sequence[Interval]) -> list[Interval]:
    """The time covered by both lists of intervals."""
    a, b = union(first), union(second)
    out: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if end > start:
            out.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def split_step(
    start: float, end: float, playwright: Iterable[Interval], requests: Iterable[Interval], rpc: Iterable[Interval]
) -> dict[str, float]:
    """Split a step's wall time into code, rpc, http and render seconds (they add up to total).

    - render + http: the time inside Playwright calls; http is the part of it while the browser
      had at least one request to Odoo in flight, render the rest (the page working, auto-waits);
    - rpc: our odoorpc calls to Odoo outside Playwright calls;
    - code: what is left (our Python, pytest, fixtures).
    """
    calls = clip(playwright, start, end)
    in_calls = length(calls)
    http = length(intersect(calls, clip(requests, start, end)))
    rpc_time = length(_minus(clip(rpc, start, end), calls))
    total = max(end - start, 0.0)
    return {
        "total": round(total, 3),
        "code": round(max(total - in_calls - rpc_time, 0.0), 3),
        "rpc": round(rpc_time, 3),
        "http": round(http, 3),
        "render": round(in_calls - http, 3),
    }


def _minus(intervals: Sequence[Interval], holes: Sequence[Interval]) -> list[Interval]:
    """The intervals without the time the holes cover."""
    out: list[Interval] = []
    holes = union(holes)
    for start, end in union(intervals):
        cursor = start
        for hole_start, hole_end in holes:
            if hole_end <= cursor or hole_start >= end:
                continue
            if hole_start > cursor:
                out.append((cursor, hole_start))
            cursor = max(cursor, hole_end)
        if cursor < end:
            out.append((cursor, end))
    return out


def slowest_steps(tests: Iterable[dict], count: int = 10) -> list[dict]:
    """The `count` slowest steps over the profiled scenarios, each with its scenario's name."""
    steps = [{"scenario": test["scenario"], **step} for test in tests for step in test["steps"]]
    return sorted(steps, key=lambda step: step["total"], reverse=True)[:count]


def totals(tests: Iterable[dict]) -> dict[str, float]:
    """The profile's parts summed over every step of every scenario."""
    keys = ("total", "code", "rpc", "http", "render")
    sums = dict.fromkeys(keys, 0.0)
    for test in tests:
        for step in test["steps"]:
            for key in keys:
                sums[key] += step[key]
    return {key: round(value, 3) for key, value in sums.items()}
