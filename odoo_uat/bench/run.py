"""`python -m odoo_uat.bench`: time a UAT run against one Odoo server, in one process run.

Against the same server, so that figures compare on a noisy machine: the stages of a run (server
start, RPC login, seeding, a role's browser login); each reference flow's RPC floor and its UI
scenario (median of --rounds, the ratio UI / floor); where the scenarios' steps spend their time
(odoo_uat/plugins/step_profile.py) and the ten slowest; with --scaling the pack's wall time with -n 1, 2
and 4; the warm start (pytest start to the first step, embedded: a fresh server from the template).
Written to reports/bench.json, a table in the terminal, and one line per run appended to
reports/bench-history.jsonl. Nothing here asserts a time.

On an existing server it writes (seeding, role users, the floors' orders, deliveries and invoices): its
database is checked before the first write (odoo_uat.odoo.safety.guard_writes, --odoo-allow-live-database
to override), and everything the bench seeds carries its run id's marker, so `make clean-server` finds it
(its UI scenarios are pytest runs, with run ids of their own). Ctrl-C and SIGTERM stop a pytest run under
way (SIGTERM, time to clean up) and the embedded Odoo (odoo_uat.commands).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from odoo_uat import commands
from odoo_uat.odoo.safety import (
    OVERRIDE_VALUE,
    OVERRIDE_VARIABLE,
    add_override_option,
    override_requested,
)
from odoo_uat.report import speed_budget
from odoo_uat.report.metadata import git_commit
from odoo_uat.secret import Secret
from odoo_uat.system_packages import BROWSER_VARIABLE, SYSTEM_BROWSERS, browser_choice

if TYPE_CHECKING:
    from odoo_uat.odoo.seeding import Seeding

ROOT = Path(__file__).resolve().parents[2]
COMMAND = "bench"


@contextmanager
def timed(figures: dict[str, float], name: str) -> Iterator[None]:
    """Add the wall time of the block, in seconds, to figures[name]."""
    start = time.perf_counter()
    yield
    figures[name] = round(time.perf_counter() - start, 3)


def seed_once(seed: Seeding, token: str) -> None:
    """The quote-to-ship Background: one customer, one storable product, ten units on hand."""
    from odoo_uat.bench.flows import customer_product_stock

    customer_product_stock(seed, token)


def bench_seeding(odoo, run_id: str) -> Seeding:
    """The seeding flows on factories whose every record carries run_id's marker (what clean-server finds)."""
    from odoo_uat.odoo import factories
    from odoo_uat.odoo.seeding import Seeding

    return Seeding(factories.bind(odoo, run_id))


def browser_logins(target, odoo, figures: dict[str, float], run_id: str) -> None:
    """A role's logged-in state, made twice: the first may build Odoo's asset bundles."""
    from playwright.sync_api import sync_playwright

    from odoo_uat.odoo.compat import compat_for
    from odoo_uat.odoo.role_users import RoleUsers
    from odoo_uat.odoo.roles import Roles, role_secret
    from odoo_uat.settings import load_settings
    from odoo_uat.web.browser import (
        CONTEXT_OPTIONS,
        RoleStates,
        launch_options,
    )

    settings = load_settings(ROOT)
    users = RoleUsers(
        odoo,
        compat_for(odoo),
        Roles(settings.roles_file),
        target,
        run_id=run_id,
        secret=role_secret(settings.cache_dir),
    )
    role, password = users.ensure("Sales coordinator")
    launch = launch_options()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch)
        for name in ("role login (cold)", "role login (warm)"):
            states = RoleStates(browser, {"base_url": target.url, **CONTEXT_OPTIONS}, target)
            with timed(figures, name):
                states.state(role, password)
        browser.close()


REPORTS = ROOT / "reports"
HISTORY = REPORTS / "bench-history.jsonl"
SCALING_WORKERS = (1, 2, 4)
SHARED_SERVER_PROCESSES = 2  # pytest runs at once against one server, standing in for two machines
SHARED_SERVER_WORKERS = 2


def pytest_command(*args: str) -> list[str]:
    """pytest in this interpreter, scenarios in file order, quiet."""
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *args]


def against(target) -> tuple[list[str], dict[str, str]]:
    """The options and environment that point a pytest subprocess at this server (not an embedded one)."""
    env = {key: value for key, value in os.environ.items() if key not in ("ODOO_SRC", "ODOO_URL", "ODOO_DB")}
    env.update(ODOO_LOGIN=target.login, ODOO_PASSWORD=Secret(target.password).reveal())
    return [f"--odoo-url={target.url}", f"--odoo-db={target.db}"], env


def junit_counts(path: Path) -> dict[str, int]:
    """tests / failures / errors / skipped of a JUnit XML file."""
    suite = ElementTree.parse(path).getroot().find("testsuite")
    return {key: int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")}


def scenario_test(flow) -> str:
    """The pytest node id of a flow's scenario."""
    from pytest_bdd.scenario import make_python_name

    return f"features/test_feature_files.py::test_{make_python_name(flow.scenario)}"


PASSES = 2  # the UI scenarios' runs in one pytest process: a worker's first scenario, then a later one


def ui_round(target, flows, profile: Path, browser: str | None = None) -> list[dict[str, float | None]]:
    """Run the flows' scenarios PASSES times in one pytest process against the server (in this system browser:
    ODOO_UAT_BROWSER), all of a pass before the next (odoo_uat/bench/passes.py); per pass, each one's time (None
    when it did not pass). The first pass logs every role in and boots its web client; the next ones find the
    clients booted, as every scenario after a worker's first does."""
    junit = REPORTS / "bench-junit.xml"
    options, env = against(target)
    if browser is not None:
        env[BROWSER_VARIABLE] = browser
    command = pytest_command(
        "-p",
        "odoo_uat.bench.passes",
        f"--bench-passes={PASSES}",
        *map(scenario_test, flows),
        *options,
        f"--junitxml={junit}",
        f"--step-profile={profile}",
    )
    commands.run_child(command, cwd=ROOT, env=env)
    return pass_times(junit, flows)


def pass_times(junit: Path, flows) -> list[dict[str, float | None]]:
    """Per pass, each flow's scenario time from the JUnit file (None when it did not pass). A later pass's time is
    counted as the speed budget counts a scenario's (speed_budget.junit_durations): without the start-up it still
    paid, a kept client booted again because an earlier scenario changed what its role sees (a group turned on for
    every user: the first round's receipt-to-putaway does), so that it is what the bench says it is, a scenario
    whose roles' clients are booted. The first pass keeps its boots: they are what it measures."""
    from odoo_uat.bench.passes import pass_id

    times = speed_budget.junit_passed([junit])
    passes: list[dict[str, float | None]] = []
    for number in range(1, PASSES + 1):
        out: dict[str, float | None] = {}
        for flow in flows:
            node = f"{scenario_test(flow)}[{pass_id(number)}]"
            if node not in times:
                print(f'  UI scenario "{flow.scenario}" ({pass_id(number)}) did not pass: its time is left out')
                out[flow.name] = None
                continue
            seconds, start = times[node]
            if number > 1 and start:
                print(
                    f'  UI scenario "{flow.scenario}" ({pass_id(number)}): {start:.1f} s of web-client boots left out'
                )
                seconds = speed_budget.less_start_costs(seconds, start)
            out[flow.name] = round(seconds, 3)
        passes.append(out)
    return passes


def later_pass(tests: list[dict]) -> list[dict]:
    """The profiled scenarios of the passes after the first: what a scenario costs once its roles are booted."""
    from odoo_uat.bench.passes import pass_id

    return [test for test in tests if not test["scenario"].endswith(f"[{pass_id(1)}]")]


def add_times(into: dict[str, list[float]], times: dict[str, float | None]) -> None:
    """Each flow's time of a pass added to its rounds; a scenario that did not pass adds none."""
    for name, seconds in times.items():
        if seconds is not None:
            into[name].append(seconds)


def compare_flows(target, odoo, rounds: int, result: dict, run_id: str, other_browser: str | None = None) -> list[dict]:
    """Floors and UI scenarios, alternating round by round so that both see the same machine load; with
    other_browser, the UI scenarios once more per round in that system browser, the two taking turns to go first
    (result["browsers"]: each browser's median per flow). A flow's UI time is a later pass's (its roles' clients
    booted, as for every scenario after a worker's first); the first pass's is kept beside it."""
    from odoo_uat.bench.flows import FLOWS, time_floor
    from odoo_uat.bench.profile import slowest_steps, totals
    from odoo_uat.bench.report import browser_rows, flow_row

    floors: dict[str, list[float]] = {flow.name: [] for flow in FLOWS}
    ui: dict[str, list[float]] = {flow.name: [] for flow in FLOWS}
    first: dict[str, list[float]] = {flow.name: [] for flow in FLOWS}
    other: dict[str, list[float]] = {flow.name: [] for flow in FLOWS}
    tests: list[dict] = []
    for round_number in range(1, rounds + 1):
        print(f"  round {round_number}/{rounds}: RPC floors")
        for flow in FLOWS:
            floors[flow.name].append(round(time_floor(odoo, flow, run_id), 3))
        profile = REPORTS / "bench-profile.json"
        turns = [None, other_browser] if other_browser else [None]
        for browser in turns if round_number % 2 else reversed(turns):
            print(f"  round {round_number}/{rounds}: UI scenarios ({browser or browser_choice()}), {PASSES} passes")
            cold, *later = ui_round(target, FLOWS, profile, browser)
            for times in later:
                add_times(other if browser else ui, times)
            if browser is None:
                add_times(first, cold)
                tests += json.loads(profile.read_text())["tests"]
    steady = later_pass(tests)
    result["profile_totals"] = totals(steady)
    result["slowest_steps"] = slowest_steps(steady)
    result["profile"] = tests
    if other_browser:
        result["browsers"] = browser_rows({browser_choice(): ui, other_browser: other})
    return [flow_row(flow.name, floors[flow.name], ui[flow.name], first[flow.name]) for flow in FLOWS]


def run_pack(target, workers: int, processes: int = 1) -> dict:
    """The whole pack against the server, as `processes` pytest runs at once (machines sharing one server):
    the wall time, the counts over all of them, and the server's load (embedded: read from its log)."""
    from odoo_uat.bench.server_load import LogWindow

    options, env = against(target)
    runs = []
    for index in range(1, processes + 1):
        name = f"bench-pack-n{workers}" + (f"-p{index}" if processes > 1 else "")
        command = pytest_command(
            "features",
            *options,
            f"--junitxml={REPORTS / f'{name}.xml'}",
            f"--step-profile={REPORTS / f'{name}-profile.json'}",
        )
        if workers > 1:
            command += ["-n", str(workers)]
        runs.append((REPORTS / f"{name}.xml", command))
    print(f"  the pack with -n {workers}" + (f", {processes} pytest processes at once" if processes > 1 else ""))
    window = LogWindow(target.log_path)
    window.open()
    start = time.perf_counter()
    children = [subprocess.Popen(command, cwd=ROOT, env=env) for _, command in runs]
    commands.wait_for(children)
    seconds = time.perf_counter() - start
    totals = {"tests": 0, "failed": 0, "skipped": 0}
    for junit, _ in runs:
        counts = junit_counts(junit)
        totals["tests"] += counts["tests"]
        totals["failed"] += counts["failures"] + counts["errors"]
        totals["skipped"] += counts["skipped"]
    load = window.close(seconds)
    return {
        "workers": workers,
        "processes": processes,
        "seconds": round(seconds, 1),
        "tests": totals["tests"],
        "passed": totals["tests"] - totals["failed"] - totals["skipped"],
        "failed": totals["failed"],
        **({"server": load.as_json()} if load is not None else {}),
    }


def scaling(target, result: dict) -> list[dict]:
    """The pack's wall time per worker count, the speed-up over -n 1, two packs at once against the one
    server (two machines sharing a staging), the server's load in each, and the pack's slowest steps."""
    from odoo_uat.bench.profile import slowest_steps, totals
    from odoo_uat.bench.report import speedups

    rows = [run_pack(target, workers) for workers in SCALING_WORKERS]
    gains = speedups({row["workers"]: row["seconds"] for row in rows})
    rows = [{**row, "speedup": gains[row["workers"]]} for row in rows]
    shared = run_pack(target, SHARED_SERVER_WORKERS, SHARED_SERVER_PROCESSES)
    # Two packs' work in that wall time: the speed-up counts each pack as one -n 1 pack's worth.
    base = rows[0]["seconds"]
    rows.append(
        {
            **shared,
            "speedup": round(SHARED_SERVER_PROCESSES * base / shared["seconds"], 2) if shared["seconds"] else 0.0,
        }
    )
    profile = json.loads((REPORTS / "bench-pack-n1-profile.json").read_text())["tests"]
    result["profile_totals"] = totals(profile)
    result["slowest_steps"] = slowest_steps(profile)
    return rows


def warm_start(settings, target, flow, rounds: int) -> float | None:
    """Seconds from starting pytest to the first step of a flow's scenario (embedded: template clone and boot too),
    the median of rounds; each run ends there (odoo_uat/bench/first_step.py)."""
    profile = REPORTS / "bench-warm-start.json"
    if settings.mode == "embedded":
        options, env = [], dict(os.environ)
    else:
        options, env = against(target)
    print(
        "  warm start: "
        + ("a fresh embedded server from the template" if settings.mode == "embedded" else "against the server")
        + f", {rounds} round(s)"
    )
    times = []
    for _ in range(rounds):
        start = time.time()
        command = pytest_command("-p", "odoo_uat.bench.first_step", scenario_test(flow), *options)
        commands.run_child([*command, f"--step-profile={profile}"], cwd=ROOT, env=env)
        first = json.loads(profile.read_text()).get("first_step")
        if first:
            times.append(first - start)
    return round(statistics.median(times), 2) if times else None


def other_browser(args: argparse.Namespace) -> str | None:
    """The system browser to measure beside the chosen one (--compare-browsers), when the run uses a system one."""
    from odoo_uat.web.browser import playwright_has_chromium

    if not args.compare_browsers:
        return None
    if playwright_has_chromium():
        commands.say("--compare-browsers: Playwright has its own Chromium, so no system browser is used", COMMAND)
        return None
    return next(name for name in SYSTEM_BROWSERS if name != browser_choice())


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m odoo_uat.bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="rounds of RPC floors and UI scenarios, and of seeding (medians shown; default 3)",
    )
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="also run the whole pack with -n 1, 2 and 4 (about 6 min a pass on 2 cores)",
    )
    parser.add_argument("--no-flows", action="store_true", help="skip the floors, UI scenarios and step profile")
    parser.add_argument("--no-warm-start", action="store_true", help="skip the warm-start measure")
    parser.add_argument(
        "--compare-browsers",
        action="store_true",
        help="also run the UI scenarios in the other system browser each round (headless shell against the full "
        "chromium), side by side",
    )
    parser.add_argument(
        "--save-baseline",
        action="store_true",
        help="record the flows' figures as this Odoo version's speed baseline (make speed-baseline)",
    )
    parser.add_argument(
        "--speed-budget",
        default="",
        metavar="MODE",
        help="report: list the flows over the speed budget; fail: and exit 1 (default: [tool.odoo-uat.speed] on_over)",
    )
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml", help="holds [tool.odoo-uat.speed]")
    add_override_option(parser.add_argument, "the bench writes to it")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from odoo_uat.odoo.rpc import OdooConnectionError
    from odoo_uat.odoo.safety import LiveDatabaseError
    from odoo_uat.report.speed_budget import SpeedBudgetError

    # each names the setting and the fix
    errors = (*commands.SETUP_ERRORS, OdooConnectionError, LiveDatabaseError, SpeedBudgetError)
    return commands.run_command(lambda: bench(args), COMMAND, errors)


def bench(args: argparse.Namespace) -> int:
    """Measure, print the table, write reports/bench.json and a line of reports/bench-history.jsonl."""
    from odoo_uat.bench.flows import FLOWS
    from odoo_uat.bench.report import append_history, table
    from odoo_uat.embedded import EmbeddedOdoo
    from odoo_uat.odoo.rpc import connect
    from odoo_uat.odoo.run_id import new_run_id
    from odoo_uat.odoo.safety import DATABASE_SAFETY, guard_writes
    from odoo_uat.odoo.target import OdooTarget
    from odoo_uat.settings import load_settings

    settings = load_settings(ROOT)
    settings.check()
    budget = speed_budget.load_settings(args.pyproject)  # checked before the first measure
    mode = speed_budget.checked_mode(args.speed_budget) if args.speed_budget else budget.on_over
    override = override_requested(args.odoo_allow_live_database)
    if override:  # the pytest runs against the server check its database too: they inherit the override
        os.environ[OVERRIDE_VARIABLE] = OVERRIDE_VALUE
    run_id = new_run_id()
    figures: dict[str, float] = {}
    result: dict[str, object] = {
        "mode": settings.mode,
        "rounds": args.rounds,
        "commit": git_commit(ROOT, ignoring=[budget.baseline]),  # make speed-baseline wrote its scenarios there
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "run_id": run_id,
        "figures": figures,
    }
    REPORTS.mkdir(exist_ok=True)
    with ExitStack() as stack:
        if settings.mode == "embedded":
            server = EmbeddedOdoo.from_settings(settings, progress=lambda message: print(f"  {message}"))
            with timed(figures, "server ready (embedded: template clone + boot)"):
                target = stack.enter_context(server)
        else:
            target = OdooTarget(settings.url, settings.db, settings.login, settings.password or "")
        with timed(figures, "rpc login"):
            odoo = connect(target)
        result["database_safety"] = guard_writes(odoo, target, override)  # before the first write
        commands.say(f"{DATABASE_SAFETY}: {result['database_safety']}", COMMAND)
        commands.say(
            f"run id {run_id}: what the bench seeds carries it (python -m odoo_uat.odoo.cleanup --run {run_id})",
            COMMAND,
        )
        result["odoo"] = odoo.version
        seed = bench_seeding(odoo, run_id)
        rounds = []
        for number in range(1, args.rounds + 1):
            start = time.perf_counter()
            seed_once(seed, f"{run_id}-{number}")
            rounds.append(time.perf_counter() - start)
        figures["seed one scenario (median)"] = round(statistics.median(rounds), 3)
        browser_logins(target, odoo, figures, run_id)
        if not args.no_flows:
            result["browser"] = browser_choice()
            result["flows"] = compare_flows(target, odoo, args.rounds, result, run_id, other_browser(args))
        if args.scaling:
            result["scaling"] = scaling(target, result)
        if not args.no_warm_start:
            result["warm_start"] = warm_start(settings, target, FLOWS[0], args.rounds)
    width = max(map(len, figures))
    print()
    print(table(result))
    print()
    for name, seconds in figures.items():
        print(f"  {name:<{width}}  {seconds:8.2f} s")
    check = flows_budget(budget, mode, result)
    out = REPORTS / "bench.json"
    out.write_text(json.dumps(result, indent=2))
    append_history(HISTORY, result)
    print(f"  written to {out.relative_to(ROOT)}, appended to {HISTORY.relative_to(ROOT)}")
    if args.save_baseline:
        save_flows_baseline(budget, result)
    if check is not None and check.failed:
        commands.say(f"{len(check.over)} flow(s) over the speed budget and SPEED_BUDGET / on_over is fail", COMMAND)
        return speed_budget.EXIT_OVER
    return 0


def flows_budget(budget: speed_budget.SpeedSettings, mode: str, result: dict) -> speed_budget.SpeedCheck | None:
    """The flows against the baseline of this Odoo version: printed and kept in bench.json (None: no flows run)."""
    if not result.get("flows"):
        return None
    check = speed_budget.check_flows(budget, result["flows"], str(result.get("odoo") or ""), mode)
    print()
    for line in speed_budget.terminal_lines(check):
        print(f"  {line}")
    result["speed_budget"] = {
        "summary": check.summary,
        "over": [{"flow": o.name, "baseline": o.baseline, "now": o.now, "unit": o.unit} for o in check.over],
    }
    return check


def save_flows_baseline(budget: speed_budget.SpeedSettings, result: dict) -> None:
    """Each flow's UI median, RPC floor and ratio, as this Odoo version's baseline."""
    odoo_series = speed_budget.series(str(result.get("odoo") or ""))
    flows = {row["flow"]: {key: row[key] for key in ("floor", "ui", "ratio")} for row in result.get("flows") or ()}
    if odoo_series is None or not flows:
        commands.say("no flows measured (or no Odoo version): no speed baseline written", COMMAND)
        return
    speed_budget.save_part(budget.baseline, odoo_series, "flows", flows, result.get("commit"))
    print(f"  speed baseline of Odoo {odoo_series}: {len(flows)} flows written to {budget.baseline}")


if __name__ == "__main__":
    raise SystemExit(main())
