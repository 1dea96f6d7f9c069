"""The speed budget: its settings, the baseline file, the comparison, and the exit report's run section."""

from __future__ import annotations

import html
import json
import platform
import shutil
from pathlib import Path

import pytest

from odoo_uat.report import speed_budget
from odoo_uat.report.cli import main as report_main
from odoo_uat.report.speed_budget import (
    Over,
    SpeedBudgetError,
    SpeedCheck,
    SpeedSettings,
    check_scenarios,
    compare_flows,
    compare_scenarios,
    junit_durations,
    load_settings,
    save_part,
    scenario_name,
    series,
    settings_from_mapping,
)

DATA = Path(__file__).resolve().parents[2] / "data"
WAVE1_PASS = DATA / "allure-results-wave1-pass"
NODE = "features/test_feature_files.py::test_{}"


# Settings


def test_defaults_without_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.odoo-uat]\n", encoding="utf-8")
    settings = load_settings(tmp_path / "pyproject.toml")
    assert settings.baseline == tmp_path / "features" / ".speed-baseline.json"
    assert (settings.flow_margin, settings.scenario_margin, settings.min_seconds, settings.on_over) == (
        25.0,
        50.0,
        2.0,
        "report",
    )


def test_the_projects_own_settings_are_valid() -> None:
    root = Path(__file__).resolve().parents[3]
    assert load_settings(root / "pyproject.toml").baseline == root / "features" / ".speed-baseline.json"


def test_settings_are_read_with_paths_from_the_pyproject_folder(tmp_path: Path) -> None:
    table = {
        "baseline": "ci/speed.json",
        "flow_margin": 10,
        "scenario_margin": 80.5,
        "min_seconds": 0,
        "on_over": "fail",
    }
    settings = settings_from_mapping(table, tmp_path)
    assert settings == SpeedSettings(tmp_path / "ci/speed.json", 10.0, 80.5, 0.0, "fail")


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ({"margin": 20}, "unknown setting(s) margin; known: baseline, flow_margin"),
        ({"scenario_margin": "50%"}, "scenario_margin = '50%': give a number of at least 1 (percent)"),
        ({"flow_margin": 0}, "flow_margin = 0: give a number of at least 1"),
        ({"min_seconds": -1}, "min_seconds = -1: give a number of at least 0 (seconds)"),
        ({"min_seconds": True}, "min_seconds = True"),
        ({"on_over": "warn"}, "on_over = 'warn': give report (list what is over budget) or fail"),
        ({"baseline": ""}, "baseline = '': give a file path, e.g. baseline = \"features/.speed-baseline.json\""),
    ],
)
def test_a_wrong_setting_is_named_with_its_fix(table: dict, named: str) -> None:
    with pytest.raises(SpeedBudgetError) as error:
        settings_from_mapping(table, Path("."))
    assert "[tool.odoo-uat.speed]" in str(error.value)
    assert named in str(error.value)


def test_a_wrong_make_variable_is_named() -> None:
    with pytest.raises(SpeedBudgetError, match="SPEED_BUDGET = 'yes': give report .* or fail"):
        speed_budget.checked_mode("yes")


@pytest.mark.parametrize(
    ("version", "expected"),
    [("19.0", "19.0"), ("19.0-20251201", "19.0"), ("saas~18.3", "18.3"), ("", None), (None, None)],
)
def test_the_odoo_series_of_a_version(version: str | None, expected: str | None) -> None:
    assert series(version) == expected


# The comparison


def test_a_scenario_over_the_margin_and_by_enough_seconds_is_over_budget() -> None:
    baseline = {NODE.format("a"): 10.0, NODE.format("b"): 10.0, NODE.format("c"): 2.0, NODE.format("gone"): 5.0}
    now = {NODE.format("a"): 15.0, NODE.format("b"): 16.0, NODE.format("c"): 3.9, NODE.format("new"): 99.0}
    compared, over = compare_scenarios(baseline, now, margin=50, min_seconds=2)
    assert compared == 3  # a, b, c: "new" has no baseline yet, "gone" did not run
    assert over == [Over("b", 10.0, 16.0)]  # a is at the margin, c is +95 % but by 1.9 s only
    assert over[0].line == "b: 10.0 s -> 16.0 s (+60 %)"


def test_over_budget_scenarios_come_slowest_first() -> None:
    baseline = {NODE.format("a"): 10.0, NODE.format("b"): 10.0}
    now = {NODE.format("a"): 20.0, NODE.format("b"): 40.0}
    assert [o.name for o in compare_scenarios(baseline, now, 50, 0)[1]] == ["b", "a"]


def test_a_flow_is_judged_by_its_ratio_to_the_floor_else_by_its_seconds() -> None:
    baseline = {
        "quote-to-ship": {"floor": 2.0, "ui": 20.0, "ratio": 10.0},
        "receipt-to-putaway": {"floor": 2.0, "ui": 14.0, "ratio": 7.0},
        "return-to-inspection": {"floor": None, "ui": 16.0, "ratio": None},
    }
    rows = [
        {
            "flow": "quote-to-ship",
            "floor": 4.0,
            "ui": 44.0,
            "ratio": 11.0,
        },  # twice slower, same ratio: a loaded machine
        {"flow": "receipt-to-putaway", "floor": 1.5, "ui": 21.0, "ratio": 14.0},
        {"flow": "return-to-inspection", "floor": 2.0, "ui": 30.0, "ratio": 15.0},
        {"flow": "unknown", "floor": 1.0, "ui": 1.0, "ratio": 1.0},
    ]
    compared, over = compare_flows(baseline, rows, SpeedSettings())
    assert compared == 3
    assert over == [Over("receipt-to-putaway", 7.0, 14.0, "x"), Over("return-to-inspection", 16.0, 30.0)]
    assert over[0].line == "receipt-to-putaway: 7.0x -> 14.0x (+100 %)"


def test_a_ratio_that_grew_only_because_the_floor_got_faster_is_within_budget() -> None:
    """Measured at 2fec956 on 19.0: the UI 10.0 s -> 6.1 s, the floor 1.9 s -> 0.8 s, the ratio 5.3x -> 7.2x."""
    baseline = {"quote-to-ship": {"floor": 1.9, "ui": 10.0, "ratio": 5.3}}
    faster_floor = [{"flow": "quote-to-ship", "floor": 0.8, "ui": 6.1, "ratio": 7.2}]
    slower_ui = [{"flow": "quote-to-ship", "floor": 1.5, "ui": 10.5, "ratio": 7.0}]
    assert compare_flows(baseline, faster_floor, SpeedSettings()) == (1, [])
    assert compare_flows(baseline, slower_ui, SpeedSettings()) == (1, [Over("quote-to-ship", 5.3, 7.0, "x")])


def test_a_readable_name_of_a_node_id() -> None:
    assert scenario_name(NODE.format("ship_a_confirmed_order[Oak-2]")) == "ship a confirmed order [Oak-2]"


@pytest.fixture(autouse=True)
def one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process is no xdist worker, even when these tests run under -n: machine() counts 1 worker."""
    monkeypatch.delenv(speed_budget.WORKER_COUNT, raising=False)


def write_junit(path: Path, cases: dict[str, tuple[float, str]]) -> Path:
    """A JUnit file as pytest writes it: name -> (seconds, outcome)."""
    body = ""
    for name, (seconds, outcome) in cases.items():
        inner = {"passed": "", "failed": "<failure message='x'/>", "skipped": "<skipped message='y'/>"}[outcome]
        body += f'<testcase classname="features.test_feature_files" name="{name}" time="{seconds}">{inner}</testcase>'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<testsuites><testsuite name="pytest">{body}</testsuite></testsuites>', encoding="utf-8")
    return path


def test_only_passed_scenarios_are_read_from_junit(tmp_path: Path) -> None:
    junit = write_junit(
        tmp_path / "junit.xml",
        {
            "test_a": (3.5, "passed"),
            "test_b": (9.0, "failed"),
            "test_c": (0.0, "skipped"),
            "test_d[x-1]": (1, "passed"),
        },
    )
    assert junit_durations([junit, tmp_path / "missing.xml"]) == {NODE.format("a"): 3.5, NODE.format("d[x-1]"): 1.0}


def test_a_workers_start_up_is_left_out_of_the_scenario_that_paid_it(tmp_path: Path) -> None:
    """The first scenario of a worker sets up its session and logs its roles in: not slower, only first."""

    def case(name: str, seconds: float, properties: dict[str, str]) -> str:
        rows = "".join(f'<property name="{key}" value="{value}"/>' for key, value in properties.items())
        return f'<testcase classname="features.test_feature_files" name="{name}" time="{seconds}">' + (
            f"<properties>{rows}</properties></testcase>"
        )

    junit = tmp_path / "junit.xml"
    cases = [
        case("test_first", 20.0, {speed_budget.WORKER_SETUP: "1.5", speed_budget.CLIENT_STARTS: "6.25"}),
        case("test_later", 7.0, {"playwright_trace": "reports/x/trace.zip"}),
        case("test_odd", 3.0, {speed_budget.CLIENT_STARTS: "n/a"}),  # no number: nothing left out
        case("test_rounding", 2.0, {speed_budget.CLIENT_STARTS: "2.5"}),  # never below nothing
    ]
    junit.write_text(f"<testsuites><testsuite>{''.join(cases)}</testsuite></testsuites>", encoding="utf-8")
    assert junit_durations([junit]) == {
        NODE.format("first"): 12.25,
        NODE.format("later"): 7.0,
        NODE.format("odd"): 3.0,
        NODE.format("rounding"): 0.0,
    }


def test_settings_a_scenario_turned_on_are_left_out_like_a_start_up(tmp_path: Path) -> None:
    """The first scenario to need a setting saves the Settings screen (its groups reach every user): which one that
    is depends on the selection and the order, as a worker's start-up does. Two saves in one scenario both count."""
    rows = [
        (speed_budget.SETTINGS_TURNED_ON, "1.1"),
        (speed_budget.SETTINGS_TURNED_ON, "0.4"),
        (speed_budget.CLIENT_STARTS, "1.2"),
    ]
    properties = "".join(f'<property name="{key}" value="{value}"/>' for key, value in rows)
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite><testcase classname="features.test_feature_files" name="test_price" time="6.2">'
        f"<properties>{properties}</properties></testcase></testsuite></testsuites>",
        encoding="utf-8",
    )
    assert junit_durations([junit]) == {NODE.format("price"): 3.5}


def test_a_start_cost_under_a_millisecond_is_not_recorded() -> None:
    assert speed_budget.start_cost(speed_budget.CLIENT_STARTS, 0.0001) == []
    assert speed_budget.start_cost(speed_budget.SETTINGS_TURNED_ON, 1.23456) == [("uat_settings_seconds", "1.235")]


def test_the_machines_noted_are_those_the_scenarios_ran_on_not_the_report_jobs(tmp_path: Path) -> None:
    """A report job on a small runner merges shards that ran on the baseline's kind of machine: no note; a shard
    on another processor: a note naming it, once however many of its workers recorded it."""
    settings = SpeedSettings(baseline=tmp_path / "speed.json")
    save_part(settings.baseline, "19.0", "scenarios", {NODE.format("a"): 10.0}, "abc")
    baseline = json.loads(settings.baseline.read_text(encoding="utf-8"))
    baseline["19.0"]["scenarios"]["machine"] = {"cores": 4, "cpu": "AMD EPYC 7B13", "system": "Linux x86_64"}
    settings.baseline.write_text(json.dumps(baseline), encoding="utf-8")

    def shard(name: str, *machines: dict) -> Path:
        rows = "".join(
            f'<testcase classname="features.test_feature_files" name="test_a" time="10"><properties>'
            f'<property name="{speed_budget.RAN_ON}" value="{html.escape(json.dumps(m))}"/></properties></testcase>'
            for m in machines
        )
        junit = tmp_path / name / "junit.xml"
        junit.parent.mkdir()
        junit.write_text(f"<testsuites><testsuite>{rows}</testsuite></testsuites>", encoding="utf-8")
        return junit.parent / "allure-results"

    like = {"cores": 4, "cpu": "AMD EPYC 7B13", "system": "Linux x86_64"}
    other = {"cores": 4, "cpu": "Intel Xeon", "system": "Linux x86_64"}
    assert check_scenarios(settings, [shard("one", like, like), shard("two", like)], "19.0").notes == ()
    notes = check_scenarios(settings, [shard("three", like, other), shard("four", other)], "19.0").notes
    assert notes == (
        "the baseline was recorded with processor AMD EPYC 7B13; this run with processor Intel Xeon: compare with "
        "care, or record a baseline like this run (make speed-baseline)",
    )
    assert speed_budget.junit_machines([tmp_path / "missing.xml"]) == []


def test_without_a_baseline_for_the_version_the_check_says_how_to_record_one(tmp_path: Path) -> None:
    settings = SpeedSettings(baseline=tmp_path / "speed.json")
    save_part(settings.baseline, "18.0", "scenarios", {NODE.format("a"): 1.0}, "abc")
    check = check_scenarios(settings, [tmp_path / "allure-results"], "19.0")
    assert not check.has_baseline and not check.failed
    assert check.summary == "no speed baseline of the scenarios for Odoo 19.0 in speed.json (make speed-baseline)"


def test_the_run_is_compared_with_its_versions_baseline_and_fails_only_when_asked(tmp_path: Path) -> None:
    settings = SpeedSettings(baseline=tmp_path / "speed.json")
    save_part(settings.baseline, "19.0", "scenarios", {NODE.format("a"): 10.0, NODE.format("b"): 10.0}, "abc")
    write_junit(tmp_path / "junit.xml", {"test_a": (30.0, "passed"), "test_b": (11.0, "passed")})
    check = check_scenarios(settings, [tmp_path / "allure-results"], "19.0-20251201")
    assert (check.compared, [o.name for o in check.over], check.failed) == (2, ["a"], False)
    assert check.summary.startswith("1 scenario of 2 over budget against the Odoo 19.0 baseline of ")
    assert check_scenarios(settings, [tmp_path / "allure-results"], "19.0", "fail").failed


def test_saving_one_part_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "features" / ".speed-baseline.json"
    save_part(path, "19.0", "scenarios", {"b": 2.0, "a": 1.0}, "abc")
    save_part(path, "19.0", "flows", {"quote-to-ship": {"floor": 2.0, "ui": 20.0, "ratio": 10.0}}, "def")
    save_part(path, "18.0", "scenarios", {"a": 1.5}, None)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(data) == ["18.0", "19.0"] and sorted(data["19.0"]) == ["flows", "scenarios"]
    assert data["19.0"]["scenarios"]["values"] == {"a": 1.0, "b": 2.0}
    assert data["19.0"]["flows"]["commit"] == "def"
    assert data["19.0"]["scenarios"]["machine"]["cores"] >= 1
    assert "cpu" in data["19.0"]["scenarios"]["machine"]


def test_an_unreadable_baseline_says_to_record_it_again(tmp_path: Path) -> None:
    path = tmp_path / "speed.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(SpeedBudgetError, match="delete it and run make speed-baseline"):
        speed_budget.load_baseline(path)


def test_a_baseline_from_another_machine_is_noted(tmp_path: Path) -> None:
    assert "compare with care" in speed_budget.machine_notes({"cores": 10_000})[0]
    assert speed_budget.machine_notes({"cores": None}) == ()


def test_a_baseline_from_another_processor_names_both_and_the_fix() -> None:
    here = {"cores": 2, "cpu": "AMD EPYC", "system": "Linux x86_64"}
    (note,) = speed_budget.machine_notes({"cores": 2, "cpu": "Intel Xeon Platinum 8375C"}, here)
    assert note == (
        "the baseline was recorded with processor Intel Xeon Platinum 8375C; this run with processor AMD EPYC: "
        "compare with care, or record a baseline like this run (make speed-baseline)"
    )
    (both,) = speed_budget.machine_notes({"cores": 4, "cpu": "Intel Xeon"}, here)
    assert "recorded with cores 4, processor Intel Xeon; this run with cores 2, processor AMD EPYC" in both


def test_a_run_with_more_workers_than_its_baseline_is_noted_with_the_command_for_one_like_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On 2 cores a scenario of a run with -n 2 took about twice its time in one process (19.0, 2026-12-04)."""
    monkeypatch.setenv(speed_budget.WORKER_COUNT, "2")
    here = speed_budget.machine()
    assert here["workers"] == 2
    (note,) = speed_budget.machine_notes({"cores": here["cores"], "cpu": here["cpu"]}, here)  # older: one process
    assert note == (
        "the baseline was recorded with pytest workers 1; this run with pytest workers 2: compare with care, "
        "or record a baseline like this run (make speed-baseline WORKERS=2)"
    )
    assert speed_budget.machine_notes({**here}, here) == ()
    monkeypatch.delenv(speed_budget.WORKER_COUNT)
    assert speed_budget.machine()["workers"] == 1


def test_a_baseline_that_does_not_say_its_processor_is_no_difference() -> None:
    here = {"cores": 2, "cpu": "AMD EPYC"}
    assert speed_budget.machine_notes({"cores": 2, "system": "Linux x86_64"}, here) == ()
    assert speed_budget.machine_notes({"cores": 2, "cpu": "AMD EPYC"}, {"cores": 2, "cpu": None}) == ()
    assert speed_budget.machine_notes("not a mapping", here) == ()


def test_the_processor_is_read_from_cpuinfo(tmp_path: Path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n", encoding="utf-8")
    assert speed_budget.cpu_model(cpuinfo) == "AMD EPYC 7B13"
    assert speed_budget.cpu_model(tmp_path / "none") == (platform.processor() or None)


# The exit report's run section and exit status


@pytest.fixture
def run(tmp_path: Path) -> Path:
    """A project whose last run (wave 1, GO) has a JUnit file beside its results, and a 19.0 baseline."""
    shutil.copytree(WAVE1_PASS, tmp_path / "reports" / "allure-results")
    write_junit(tmp_path / "reports" / "junit.xml", {"test_ship_it": (30.0, "passed"), "test_bill_it": (5.0, "passed")})
    (tmp_path / "pyproject.toml").write_text(
        '[tool.odoo-uat.exit-criteria]\n[tool.odoo-uat.speed]\nbaseline = "speed.json"\n',
        encoding="utf-8",
    )
    save_part(
        tmp_path / "speed.json", "19.0", "scenarios", {NODE.format("ship_it"): 10.0, NODE.format("bill_it"): 5.0}, "a"
    )
    return tmp_path


def report(project: Path, *extra: str) -> int:
    return report_main(
        [
            "--results",
            str(project / "reports" / "allure-results"),
            "--output",
            str(project / "reports"),
            "--pyproject",
            str(project / "pyproject.toml"),
            "--no-history",
            *extra,
        ]
    )


def test_the_run_section_lists_the_scenarios_over_budget(run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert report(run) == 0  # GO, over budget but informational
    out = capsys.readouterr().out
    assert "Speed budget: 1 scenario of 2 over budget against the Odoo 19.0 baseline of" in out
    assert "  ship it: 10.0 s -> 30.0 s (+200 %)" in out
    markdown = (run / "reports" / "exit-report.md").read_text(encoding="utf-8")
    run_section = markdown.split("## Run", 1)[1]
    assert "| Speed budget | 1 scenario of 2 over budget against the Odoo 19.0 baseline of" in run_section
    assert "| Over budget | Baseline | Now | Slower by |" in run_section
    assert "| ship it | 10.0 s | 30.0 s | +200 % |" in run_section
    html = (run / "reports" / "exit-report.html").read_text(encoding="utf-8")
    assert "<dt>Speed budget</dt>" in html and "<td>ship it</td><td>10.0 s</td><td>30.0 s</td><td>+200 %</td>" in html
    speed = json.loads((run / "reports" / "exit-report.json").read_text(encoding="utf-8"))["run"]["speed_budget"]
    assert speed["over"] == [{"name": "ship it", "baseline": 10.0, "now": 30.0, "unit": "s", "percent": 200.0}]
    assert (speed["compared"], speed["failed"], speed["mode"]) == (2, False, "report")


def test_the_report_fails_over_budget_when_asked(run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert report(run, "--speed-budget", "fail") == 1
    assert "over the speed budget and on_over / SPEED_BUDGET is fail" in capsys.readouterr().err
    assert report(run, "--speed-budget", "fail", "--report-only") == 0
    assert report(run, "--speed-budget", "sometimes") == 2
    assert "SPEED_BUDGET = 'sometimes'" in capsys.readouterr().err


def test_within_budget_the_run_section_says_so(run: Path) -> None:
    save_part(run / "speed.json", "19.0", "scenarios", {NODE.format("ship_it"): 29.0}, "b")
    assert report(run, "--speed-budget", "fail") == 0
    markdown = (run / "reports" / "exit-report.md").read_text(encoding="utf-8")
    assert "| Speed budget | all 1 scenarios compared within budget against the Odoo 19.0 baseline" in markdown


def test_without_a_baseline_the_run_section_says_how_to_record_one(run: Path) -> None:
    (run / "speed.json").unlink()
    assert report(run, "--speed-budget", "fail") == 0
    markdown = (run / "reports" / "exit-report.md").read_text(encoding="utf-8")
    assert (
        "| Speed budget | no speed baseline of the scenarios for Odoo 19.0 in speed.json (make speed-baseline) |"
        in markdown
    )


def test_the_check_command_fails_make_uat_only_when_asked(run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "--pyproject",
        str(run / "pyproject.toml"),
        "check",
        "--quiet",
        "--results",
        str(run / "reports" / "allure-results"),
    ]
    assert speed_budget.main(args) == 0
    assert capsys.readouterr().out == ""  # quiet: the report already listed them
    assert speed_budget.main([*args, "--speed-budget", "fail"]) == 1
    assert "ship it: 10.0 s -> 30.0 s (+200 %)" in capsys.readouterr().err


def test_save_records_the_whole_packs_passed_durations(run: Path, capsys: pytest.CaptureFixture[str]) -> None:
    durations = run / "reports" / "durations.json"
    durations.write_text(json.dumps({NODE.format("ship_it"): 31.234, NODE.format("failed_one"): 4.0}), encoding="utf-8")
    args = ["--pyproject", str(run / "pyproject.toml"), "save", "--durations", str(durations)]
    assert speed_budget.main([*args, "--results", str(run / "reports" / "allure-results")]) == 0
    saved = json.loads((run / "speed.json").read_text(encoding="utf-8"))["19.0"]["scenarios"]["values"]
    assert saved == {NODE.format("ship_it"): 31.23}  # the failed one is no baseline
    assert speed_budget.main([*args[:2], "save", "--durations", str(run / "none.json")]) == 2
    assert "a run of the whole pack writes it" in capsys.readouterr().err


def save_a_run_whose_test_has(run: Path, properties: dict[str, str]) -> dict:
    """`save` after a run of one passed scenario (30 s in JUnit, 31.234 s in pytest-split's store) whose JUnit case
    carries `properties`; the baseline's scenarios part."""
    rows = "".join(f'<property name="{name}" value="{html.escape(value)}"/>' for name, value in properties.items())
    (run / "reports" / "junit.xml").write_text(
        '<testsuites><testsuite><testcase classname="features.test_feature_files" name="test_ship_it" time="30.0">'
        f"<properties>{rows}</properties></testcase></testsuite></testsuites>",
        encoding="utf-8",
    )
    durations = run / "reports" / "durations.json"
    durations.write_text(json.dumps({NODE.format("ship_it"): 31.234}), encoding="utf-8")
    args = ["--pyproject", str(run / "pyproject.toml"), "save", "--durations", str(durations)]
    assert speed_budget.main([*args, "--results", str(run / "reports" / "allure-results")]) == 0
    return json.loads((run / "speed.json").read_text(encoding="utf-8"))["19.0"]["scenarios"]


def test_save_leaves_the_start_up_out_as_the_check_does(run: Path) -> None:
    saved = save_a_run_whose_test_has(run, {speed_budget.CLIENT_STARTS: "4.1"})
    assert saved["values"] == {NODE.format("ship_it"): 27.13}


def test_save_records_where_the_workers_ran_not_where_save_runs(run: Path) -> None:
    """make speed-baseline WORKERS=2: the baseline says 2 workers, though the save command itself is one process."""
    ran_on = {"cores": 2, "cpu": "AMD EPYC", "system": "Linux x86_64", "workers": 2}
    saved = save_a_run_whose_test_has(run, {speed_budget.RAN_ON: json.dumps(ran_on)})
    assert saved["machine"] == ran_on


def test_a_check_without_speed_is_not_rendered() -> None:
    assert SpeedCheck(mode="report", margin=50).summary == "no speed baseline for Odoo ?"
