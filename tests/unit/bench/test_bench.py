"""The bench's pure parts: splitting a step's time, the table, the history file, the speed-ups."""

from __future__ import annotations

import json
import re

import pytest

from odoo_uat.bench.profile import intersect, slowest_steps, split_step, totals, union
from odoo_uat.bench.report import append_history, flow_row, speedups, table
from odoo_uat.bench.server_load import LogWindow


def test_union_merges_overlapping_and_drops_empty_intervals():
    assert union([(3, 4), (0, 1), (0.5, 2), (5, 5)]) == [(0, 2), (3, 4)]


def test_intersect_keeps_the_time_both_cover():
    assert intersect([(0, 4), (6, 8)], [(1, 2), (3, 7)]) == [(1, 2), (3, 4), (6, 7)]


def test_a_step_splits_into_parts_that_add_up_to_its_time():
    # Step 0-10 s: Playwright calls 1-4 and 6-9, the browser's requests 2-3 and 8.5-12
    # (one runs past the step's end), an odoorpc call 4.5-5.5.
    split = split_step(0, 10, playwright=[(1, 4), (6, 9)], requests=[(2, 3), (8.5, 12)], rpc=[(4.5, 5.5)])
    assert split == {"total": 10, "code": 3, "rpc": 1, "http": 1.5, "render": 4.5}
    assert split["code"] + split["rpc"] + split["http"] + split["render"] == pytest.approx(split["total"])


def test_requests_while_no_playwright_call_runs_are_not_waits():
    # A request in flight while our code runs (the browser loading in the background) is no wait of ours.
    split = split_step(0, 4, playwright=[(0, 1)], requests=[(0.5, 3)], rpc=[])
    assert (split["http"], split["render"], split["code"]) == (0.5, 0.5, 3)


def test_rpc_inside_a_playwright_call_is_counted_once():
    split = split_step(0, 2, playwright=[(0, 2)], requests=[], rpc=[(0.5, 1)])
    assert (split["rpc"], split["render"], split["code"]) == (0, 2, 0)


def test_intervals_of_other_steps_do_not_count():
    split = split_step(10, 11, playwright=[(0, 5), (10.5, 20)], requests=[(0, 30)], rpc=[(2, 3)])
    assert split == {"total": 1, "code": 0.5, "rpc": 0, "http": 0.5, "render": 0}


PROFILE = [
    {
        "scenario": "a",
        "steps": [
            {"step": "Given x", "total": 1, "code": 1, "rpc": 0, "http": 0, "render": 0},
            {"step": "When y", "total": 5, "code": 0, "rpc": 1, "http": 2, "render": 2},
        ],
    },
    {"scenario": "b", "steps": [{"step": "When z", "total": 3, "code": 0, "rpc": 0, "http": 1, "render": 2}]},
]


def test_the_slowest_steps_come_first_with_their_scenario():
    assert [(step["scenario"], step["step"]) for step in slowest_steps(PROFILE, 2)] == [
        ("a", "When y"),
        ("b", "When z"),
    ]


def test_totals_sum_every_step():
    assert totals(PROFILE) == {"total": 9, "code": 1, "rpc": 1, "http": 3, "render": 4}


def test_a_flow_row_has_medians_and_the_ratio():
    row = flow_row("quote-to-ship", [3.0, 2.0, 4.0], [30.0, 40.0, 35.0])
    assert (row["floor"], row["ui"], row["ratio"]) == (3.0, 35.0, 11.7)


def test_a_flow_row_keeps_the_first_scenario_beside_the_later_ones():
    row = flow_row("quote-to-ship", [3.0, 2.0, 4.0], [15.0, 18.0, 16.0], first=[30.0, 24.0, 27.0])
    assert (row["ui"], row["ratio"], row["first"], row["first_ratio"]) == (16.0, 5.3, 27.0, 9.0)
    assert "first_rounds" not in flow_row("returns", [2.0], [12.0])


def test_the_table_shows_the_first_scenario_beside_the_later_ones():
    text = table({"flows": [flow_row("quote-to-ship", [3.0], [15.0], first=[27.0])]})
    assert "first scenario" in text and "27.0 s" in text and "9.0x" in text and "5.0x" in text


def test_a_flow_without_a_passing_ui_round_has_no_ratio():
    assert flow_row("returns", [2.0], [])["ratio"] is None


def test_speedups_are_relative_to_one_worker():
    assert speedups({1: 300.0, 2: 200.0, 4: 250.0}) == {1: 1.0, 2: 1.5, 4: 1.2}


RESULT = {
    "odoo": "19.0",
    "mode": "embedded",
    "commit": "abc1234",
    "date": "2026-01-01T00:00:00+00:00",
    "rounds": 3,
    "warm_start": 12.5,
    "flows": [flow_row("quote-to-ship", [3.0], [36.0]), flow_row("returns", [2.0], [])],
    "profile_totals": totals(PROFILE),
    "slowest_steps": slowest_steps(PROFILE),
    "scaling": [
        {"workers": 1, "seconds": 300.0, "speedup": 1.0, "passed": 18, "tests": 18},
        {
            "workers": 2,
            "seconds": 200.0,
            "speedup": 1.5,
            "passed": 18,
            "tests": 18,
            "server": {"requests": 4000, "requests_per_s": 20.0, "server_busy_s": 150.0, "server_busy_per_s": 0.75},
        },
        {"workers": 2, "processes": 2, "seconds": 330.0, "speedup": 1.82, "passed": 36, "tests": 36},
    ],
}


def test_the_table_shows_each_flow_the_profile_scaling_and_warm_start():
    text = table(RESULT)
    assert "quote-to-ship" in text and "3.0 s" in text and "36.0 s" in text and "12.0x" in text
    assert "returns" in text and " -" in text  # no passing UI round: no ratio, said plainly
    assert "steps 9.0 s: code 1.0 s (11%)" in text
    assert text.index("When y") < text.index("When z")
    assert re.search(r"-n 2 +200s +x1.50 +18/18 +20.0 +0.75", text)
    assert re.search(r"-n 2 x 2 processes +330s +x1.82 +36/36 +- +-", text)  # no server log: no load
    assert "warm start (pytest start to the first step): 12.5 s" in text


def test_the_table_of_a_bench_without_flows_is_short():
    assert table({"odoo": "18.0", "mode": "existing"}).count("\n") == 2


def test_history_appends_one_line_per_run(tmp_path):
    history = tmp_path / "reports" / "bench-history.jsonl"
    append_history(history, RESULT)
    append_history(history, {**RESULT, "commit": "def5678"})
    lines = [json.loads(line) for line in history.read_text().splitlines()]
    assert [line["commit"] for line in lines] == ["abc1234", "def5678"]
    assert lines[0]["odoo"] == "19.0" and lines[0]["date"] == "2026-01-01T00:00:00+00:00"
    assert lines[0]["flows"]["quote-to-ship"] == {"floor": 3.0, "ui": 36.0, "ratio": 12.0}
    assert lines[0]["scaling"] == {"1": 300.0, "2": 200.0, "2x2": 330.0}


def test_the_servers_load_is_read_from_its_request_lines(tmp_path):
    log = tmp_path / "odoo.log"
    log.write_text("2026-11-28 23:03:57,046 1 INFO ? odoo.service.server: HTTP service (werkzeug) running\n")
    window = LogWindow(log)
    window.open()
    with log.open("a") as handle:
        handle.write(
            '2026 1 INFO db werkzeug: 127.0.0.1 - - [28/Nov/2026 23:04:00] "POST /jsonrpc HTTP/1.1" '
            "200 - 10 0.010 0.371\n"
        )
        handle.write(
            '2026 1 INFO db werkzeug: 127.0.0.1 - - [28/Nov/2026 23:04:01] "GET /odoo HTTP/1.1" 303 - 3 0.020 0.100\n'
        )
        handle.write("2026 1 INFO db odoo.modules.registry: Caches invalidated\n")
    load = window.close(wall_seconds=2.0)
    assert load.as_json() == {"requests": 2, "requests_per_s": 1.0, "server_busy_s": 0.5, "server_busy_per_s": 0.25}
    assert LogWindow(None).close(1.0) is None  # an existing server: its log is not ours to read


def test_the_bench_compares_its_flows_with_the_baseline_and_can_record_them(tmp_path, capsys):
    from odoo_uat.bench.run import flows_budget, save_flows_baseline
    from odoo_uat.report.speed_budget import SpeedSettings, load_baseline

    budget = SpeedSettings(baseline=tmp_path / "speed.json")
    result = {
        "odoo": "19.0",
        "commit": "abc",
        "flows": [flow_row("quote-to-ship", [2.0], [20.0]), flow_row("receipt-to-putaway", [2.0], [14.0])],
    }
    assert not flows_budget(budget, "fail", result).failed  # no baseline yet: nothing to fail on
    assert "no speed baseline of the flows for Odoo 19.0 in speed.json (make speed-baseline)" in capsys.readouterr().out
    save_flows_baseline(budget, result)
    assert load_baseline(budget.baseline)["19.0"]["flows"]["values"]["quote-to-ship"] == {
        "floor": 2.0,
        "ui": 20.0,
        "ratio": 10.0,
    }
    slower = {**result, "flows": [flow_row("quote-to-ship", [2.0], [30.0]), flow_row("receipt-to-putaway", [1], [7])]}
    check = flows_budget(budget, "fail", slower)
    assert check.failed and [o.name for o in check.over] == ["quote-to-ship"]  # 15x against 10x; 7x holds
    out = capsys.readouterr().out
    assert "Speed budget: 1 flow of 2 over budget against the Odoo 19.0 baseline of" in out
    assert "quote-to-ship: 10.0x -> 15.0x (+50 %)" in out
    assert slower["speed_budget"]["over"] == [{"flow": "quote-to-ship", "baseline": 10.0, "now": 15.0, "unit": "x"}]


def test_two_browsers_measured_side_by_side_are_tabled_per_flow_with_their_sum() -> None:
    from odoo_uat.bench.report import browser_rows, table

    rows = browser_rows(
        {
            "headless-shell": {"quote-to-ship": [3.0, 5.0, 4.0], "receipt-to-putaway": [6.0]},
            "chromium": {"quote-to-ship": [5.0, 6.0], "receipt-to-putaway": []},
        }
    )
    assert rows[0]["medians"] == {"quote-to-ship": 4.0, "receipt-to-putaway": 6.0} and rows[0]["total"] == 10.0
    assert rows[1]["total"] is None  # a flow that never passed in it: no sum to compare
    text = table({"browsers": rows})
    assert "UI scenario by browser" in text and "headless-shell" in text and "10.0 s" in text


def _junit_case(name: str, seconds: float, boots: float | None = None, failed: bool = False) -> str:
    properties = (
        f'<properties><property name="uat_client_start_seconds" value="{boots}"/></properties>' if boots else ""
    )
    failure = '<failure message="no"/>' if failed else ""
    return f'<testcase classname="features.test_feature_files" name="{name}" time="{seconds}">{properties}{failure}</testcase>'


def test_a_later_pass_leaves_out_the_boots_it_still_paid_and_the_first_keeps_them(tmp_path, capsys):
    from odoo_uat.bench.flows import FLOWS
    from odoo_uat.bench.run import pass_times, scenario_test

    quote, receipt, returns = (scenario_test(flow).rpartition("::")[2] for flow in FLOWS)
    junit = tmp_path / "bench-junit.xml"
    cases = [
        _junit_case(f"{quote}[pass-1]", 15.0, boots=6.0),
        _junit_case(f"{receipt}[pass-1]", 9.0, boots=2.0),
        _junit_case(f"{returns}[pass-1]", 10.0, failed=True),
        _junit_case(f"{quote}[pass-2]", 8.7, boots=1.7),  # a group turned on meanwhile: two clients booted again
        _junit_case(f"{receipt}[pass-2]", 5.6),
        _junit_case(f"{returns}[pass-2]", 8.5),
    ]
    junit.write_text(f'<testsuites><testsuite name="pytest">{"".join(cases)}</testsuite></testsuites>')

    first, later = pass_times(junit, FLOWS)

    assert first == {"quote-to-ship": 15.0, "receipt-to-putaway": 9.0, "return-to-inspection": None}
    assert later == {"quote-to-ship": 7.0, "receipt-to-putaway": 5.6, "return-to-inspection": 8.5}
    out = capsys.readouterr().out
    assert "(pass-2): 1.7 s of web-client boots left out" in out
    assert 'Returned goods wait in quarantine until inspection decides" (pass-1) did not pass' in out
