"""The speed budget: a baseline per Odoo version, and what a run does slower than it by more than a margin.

`make speed-baseline` records, per Odoo series, each scenario's duration (from the whole pack's
reports/durations.json, pytest-split's store) and each reference flow's UI median, RPC floor and ratio
(from `make bench --save-baseline`), with the machine's cores and processor, in one tracked file
(features/.speed-baseline.json by default). Every exit report then compares the run's passed scenarios
(their JUnit times, beside each results folder) with it, and `make bench` its flows' ratios. Settings:
[tool.odoo-uat.speed] in pyproject.toml (docs/benchmark.md, "Speed budget").

    python -m odoo_uat.report.speed_budget check [--results DIR ...] [--speed-budget fail]
    python -m odoo_uat.report.speed_budget save [--durations reports/durations.json] [--results reports/allure-results]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import tomllib
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

TABLE = "[tool.odoo-uat.speed]"
MODES = ("report", "fail")
MODE_VARIABLE = "SPEED_BUDGET"  # the make variable that overrides on_over
DEFAULT_BASELINE = "features/.speed-baseline.json"
JUNIT = "junit.xml"  # written beside each results folder: reports/junit.xml, reports/shards/k-of-N/junit.xml
# JUnit properties of a test: the seconds of its time that a worker's start-up cost, paid by whichever scenario comes
# first: the roles' users made ready, their logins and web-client boots (fixtures/browser.py), the worker's first
# setup (browser launch, session fixtures: odoo_uat/plugins/start_costs.py), and the database's: a company setting
# turned on by the first scenario that needs it (steps/settings_steps.py). A scenario's budget leaves them out.
CLIENT_STARTS = "uat_client_start_seconds"
WORKER_SETUP = "uat_worker_setup_seconds"
SETTINGS_TURNED_ON = "uat_settings_seconds"
START_COSTS = (CLIENT_STARTS, WORKER_SETUP, SETTINGS_TURNED_ON)
# ...and the machine a worker ran on (machine(), as JSON), on its first test: a report job on another runner than
# its shards compares the baseline with where the scenarios ran, not with itself.
RAN_ON = "uat_machine"
# What a baseline records of where it ran (machine()), and how a note names each when they differ. Every baseline
# before "workers" was recorded by one pytest process (make speed-baseline ran the pack without -n).
MACHINE_FACTS = {"cores": "cores", "cpu": "processor", "workers": "pytest workers"}
DEFAULT_FACTS = {"workers": 1}
CPUINFO = Path("/proc/cpuinfo")
WORKER_COUNT = "PYTEST_XDIST_WORKER_COUNT"  # set by pytest-xdist in each worker's environment
DEFAULT_RESULTS = Path("reports/allure-results")
DEFAULT_DURATIONS = Path("reports/durations.json")
EXIT_OVER = 1
EXIT_USAGE = 2
NAMED = 10  # over-budget entries printed in the terminal


class SpeedBudgetError(Exception):
    """A wrong setting or an unreadable baseline; the message names it and the fix."""


@dataclass(frozen=True)
class SpeedSettings:
    """[tool.odoo-uat.speed]: where the baseline is, the margins, and what a run over budget does."""

    baseline: Path = Path(DEFAULT_BASELINE)
    flow_margin: float = 25.0  # percent over a flow's UI / RPC floor ratio
    scenario_margin: float = 50.0  # percent over a scenario's duration in seconds
    min_seconds: float = 2.0  # a scenario slower by less than this is never over budget
    on_over: str = "report"  # "report": listed; "fail": the run fails too


def load_settings(pyproject: Path) -> SpeedSettings:
    """The speed settings; defaults when pyproject.toml or the table is absent. Relative paths: from its folder."""
    table: Any = {}
    if pyproject.is_file():
        try:
            document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise SpeedBudgetError(f"{pyproject}: {error}") from None
        table = document.get("tool", {}).get("odoo-uat", {}).get("speed", {})
    if not isinstance(table, Mapping):
        raise SpeedBudgetError(f"{TABLE} in {pyproject} must be a table of settings")
    return settings_from_mapping(table, pyproject.parent)


def settings_from_mapping(table: Mapping[str, Any], base: Path) -> SpeedSettings:
    """Validate the table: each error names the setting, what it got and the fix."""
    known = [f.name for f in fields(SpeedSettings)]
    if unknown := sorted(set(table) - set(known)):
        raise SpeedBudgetError(f"{TABLE}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(known)}")
    values: dict[str, Any] = {"baseline": base / DEFAULT_BASELINE}
    if "baseline" in table:
        if not isinstance(table["baseline"], str) or not table["baseline"].strip():
            raise SpeedBudgetError(
                f'{TABLE} baseline = {table["baseline"]!r}: give a file path, e.g. baseline = "{DEFAULT_BASELINE}"'
            )
        values["baseline"] = base / table["baseline"]
    for key, low in (("flow_margin", 1), ("scenario_margin", 1), ("min_seconds", 0)):
        if key in table:
            value = table[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or value < low:
                raise SpeedBudgetError(
                    f"{TABLE} {key} = {value!r}: give a number of at least {low} "
                    f"({'percent' if key.endswith('margin') else 'seconds'}), e.g. {key} = "
                    f"{getattr(SpeedSettings, key):g}"
                )
            values[key] = float(value)
    if "on_over" in table:
        values["on_over"] = checked_mode(table["on_over"], f"{TABLE} on_over")
    return SpeedSettings(**values)


def checked_mode(value: object, where: str = MODE_VARIABLE) -> str:
    """'report' or 'fail'; anything else names where it was set and the two choices."""
    if value not in MODES:
        raise SpeedBudgetError(
            f"{where} = {value!r}: give report (list what is over budget) or fail (and fail the run)"
        )
    return str(value)


# The baseline file: {series: {"scenarios": {...}, "flows": {...}}}, each part with when, where and on what.


def series(version: str | None) -> str | None:
    """The Odoo series of a version string: '19.0' of '19.0', '19.0-20250101' or 'saas~19.1' ('19.1')."""
    match = re.search(r"(\d+)\.(\d+)", version or "")
    return f"{match[1]}.{match[2]}" if match else None


def machine() -> dict[str, object]:
    """Where a scenario's time was measured: absolute times hold on a machine like it only, shared by as many pytest
    workers (on 2 cores a scenario of a run with -n 2 took a median 1.4-1.8 times its time in one process)."""
    return {
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "system": f"{platform.system()} {platform.machine()}",
        "workers": int(os.environ.get(WORKER_COUNT) or 1),
    }


def cpu_model(cpuinfo: Path = CPUINFO) -> str | None:
    """The processor's model name: Linux's /proc/cpuinfo, else what Python knows (often nothing)."""
    try:
        lines = cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    for line in lines:
        key, _, value = line.partition(":")
        if key.strip() == "model name" and value.strip():
            return value.strip()
    return platform.processor() or None


def load_baseline(path: Path) -> dict[str, Any]:
    """The baseline file's contents; empty when there is none yet."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SpeedBudgetError(
            f"the speed baseline {path} cannot be read ({error}): delete it and record it again (make speed-baseline)"
        ) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise SpeedBudgetError(
            f"the speed baseline {path} is not one (an object per Odoo series): delete it and run make speed-baseline"
        )
    return data


def save_part(
    path: Path,
    odoo_series: str,
    part: str,
    values: Mapping[str, Any],
    commit: str | None,
    ran_on: Mapping[str, object] | None = None,
) -> dict:
    """Write one part ('scenarios' or 'flows') of one series' baseline, keeping the rest of the file; `ran_on`: where
    the values were measured, when not by this process (machine())."""
    data = load_baseline(path)
    data.setdefault(odoo_series, {})[part] = {
        "recorded": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "machine": dict(ran_on or machine()),
        "values": dict(sorted(values.items())),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return data[odoo_series][part]


# The comparison (pure).


@dataclass(frozen=True)
class Over:
    """One scenario or flow over budget: its baseline and its figure now, in seconds or as a UI / floor ratio."""

    name: str
    baseline: float
    now: float
    unit: str = "s"  # "s" or "x" (a ratio)

    @property
    def percent(self) -> float:
        """How much slower than the baseline, in percent."""
        return 100 * (self.now - self.baseline) / self.baseline if self.baseline else 0.0

    def shown(self, value: float) -> str:
        return f"{value:.1f} s" if self.unit == "s" else f"{value:.1f}x"

    @property
    def line(self) -> str:
        """e.g. "ship a confirmed order in full: 12.0 s -> 19.5 s (+62 %)"."""
        return f"{self.name}: {self.shown(self.baseline)} -> {self.shown(self.now)} (+{self.percent:.0f} %)"


@dataclass(frozen=True)
class SpeedCheck:
    """A run against the baseline of its Odoo series."""

    mode: str
    margin: float  # percent
    series: str | None = None
    compared: int = 0
    over: tuple[Over, ...] = ()
    recorded: str | None = None  # when the baseline was recorded
    notes: tuple[str, ...] = field(default_factory=tuple)
    kind: str = "scenario"

    @property
    def has_baseline(self) -> bool:
        return self.recorded is not None

    @property
    def failed(self) -> bool:
        """Over budget with on_over / SPEED_BUDGET = fail."""
        return self.mode == "fail" and bool(self.over)

    @property
    def summary(self) -> str:
        """One line for the run section."""
        if not self.has_baseline:
            return self.notes[0] if self.notes else f"no speed baseline for Odoo {self.series or '?'}"
        against = f"the Odoo {self.series} baseline of {self.recorded[:10]}, margin {self.margin:g} %"
        if self.over:
            names = "s" if len(self.over) != 1 else ""
            gate = " (fails the run: on_over = fail)" if self.mode == "fail" else ""
            return f"{len(self.over)} {self.kind}{names} of {self.compared} over budget against {against}{gate}"
        return f"all {self.compared} {self.kind}s compared within budget against {against}"


def slower(name: str, baseline: float, now: float, margin: float, min_seconds: float, unit: str = "s") -> Over | None:
    """Over budget when more than margin percent slower (and, for seconds, by at least min_seconds)."""
    if baseline <= 0 or now <= baseline * (1 + margin / 100):
        return None
    if unit == "s" and now - baseline < min_seconds:
        return None
    return Over(name, round(baseline, 2), round(now, 2), unit)


def compare_scenarios(
    baseline: Mapping[str, float], now: Mapping[str, float], margin: float, min_seconds: float
) -> tuple[int, list[Over]]:
    """How many of the run's scenarios the baseline knows, and those over budget, slowest first."""
    known = [node for node in now if isinstance(baseline.get(node), int | float)]
    over = [
        o
        for node in known
        if (o := slower(scenario_name(node), float(baseline[node]), now[node], margin, min_seconds)) is not None
    ]
    return len(known), sorted(over, key=lambda o: -o.percent)


def compare_flows(
    baseline: Mapping[str, Mapping[str, Any]], rows: Iterable[Mapping[str, Any]], settings: SpeedSettings
) -> tuple[int, list[Over]]:
    """The bench's flows: the UI / floor ratio against the baseline's (flow_margin) where both have one; else the
    UI seconds (scenario_margin).

    A ratio that grew while the UI scenario itself took no longer than in the baseline is no slowdown: its floor got
    faster (a quieter machine, a faster RPC connection). Such a flow is within budget (docs/benchmark.md, "Speed
    budget")."""
    compared, over = 0, []
    for row in rows:
        base = baseline.get(row.get("flow", ""))
        if not isinstance(base, Mapping):
            continue
        if base.get("ratio") and row.get("ratio"):
            compared += 1
            found = slower(row["flow"], base["ratio"], row["ratio"], settings.flow_margin, 0, "x")
            if found is not None and base.get("ui") and row.get("ui") and row["ui"] <= base["ui"]:
                found = None
        elif base.get("ui") and row.get("ui"):
            compared += 1
            found = slower(row["flow"], base["ui"], row["ui"], settings.scenario_margin, settings.min_seconds)
        else:
            continue
        if found is not None:
            over.append(found)
    return compared, over


def scenario_name(node: str) -> str:
    """A readable name of a pytest node id: 'features/test_feature_files.py::test_ship_it[A-2]' -> 'ship it [A-2]'."""
    name = node.rpartition("::")[2].removeprefix("test_")
    head, bracket, rest = name.partition("[")
    return head.replace("_", " ") + (f" [{rest}" if bracket else "")


def junit_durations(paths: Iterable[Path]) -> dict[str, float]:
    """pytest node id -> seconds (setup, call and teardown, as pytest-split records) of every passed test, less
    what it paid for its worker's start-up (START_COSTS): that falls on whichever scenario a worker runs first, so
    a scenario run alone, in a shard or in another order would look slower without being so."""
    return {node: round(less_start_costs(seconds, costs), 3) for node, (seconds, costs) in junit_passed(paths).items()}


def less_start_costs(seconds: float, costs: float) -> float:
    """A scenario's seconds without what it paid for its worker's start-up (never below nothing)."""
    return max(seconds - costs, 0.0)


def junit_passed(paths: Iterable[Path]) -> dict[str, tuple[float, float]]:
    """pytest node id -> (its JUnit seconds, its start-up costs) of every passed test."""
    passed: dict[str, tuple[float, float]] = {}
    for root in junit_roots(paths):
        for case in root.iter("testcase"):
            if any(case.find(tag) is not None for tag in ("failure", "error", "skipped")):
                continue
            module = case.get("classname", "").replace(".", "/")
            passed[f"{module}.py::{case.get('name', '')}"] = (float(case.get("time", 0)), start_costs(case))
    return passed


def junit_roots(paths: Iterable[Path]) -> Iterator[ElementTree.Element]:
    """The root of each JUnit file that can be read (a run that stopped early may have left none, or half a one)."""
    for path in paths:
        try:
            yield ElementTree.parse(path).getroot()
        except (OSError, ElementTree.ParseError):
            continue


def start_costs(case: ElementTree.Element) -> float:
    """The seconds a JUnit test case's START_COSTS properties record (a value that is no number counts 0)."""
    total = 0.0
    for prop in case.iter("property"):
        if prop.get("name") in START_COSTS:
            try:
                total += float(prop.get("value", ""))
            except ValueError:
                continue
    return total


def start_cost(name: str, seconds: float) -> list[tuple[str, str]]:
    """The JUnit property recording `seconds` of a start-up cost (START_COSTS) on a test, none under a millisecond:
    `item.user_properties.extend(start_cost(CLIENT_STARTS, seconds))`."""
    return [(name, f"{seconds:.3f}")] if seconds >= 0.0005 else []


def junit_beside(results_dirs: Sequence[Path]) -> list[Path]:
    """The JUnit file each run wrote beside its Allure results folder."""
    return [d.parent / JUNIT for d in results_dirs if (d.parent / JUNIT).is_file()]


def check_scenarios(
    settings: SpeedSettings, results_dirs: Sequence[Path], odoo_version: str | None, mode: str | None = None
) -> SpeedCheck:
    """The run's passed scenarios against the baseline of its Odoo series."""
    junit = junit_beside(results_dirs)
    durations = junit_durations(junit)
    return check_part(
        settings,
        odoo_version,
        "scenarios",
        lambda values: compare_scenarios(values, durations, settings.scenario_margin, settings.min_seconds),
        mode,
        ran_on=junit_machines(junit),
    )


def junit_machines(paths: Iterable[Path]) -> list[dict[str, object]]:
    """The machines the tests ran on, as their workers recorded them (RAN_ON), each once; none in older results."""
    machines: list[dict[str, object]] = []
    for root in junit_roots(paths):
        for prop in root.iter("property"):
            if prop.get("name") != RAN_ON:
                continue
            try:
                facts = json.loads(prop.get("value", ""))
            except ValueError:
                continue
            if isinstance(facts, dict) and facts not in machines:
                machines.append(facts)
    return machines


def check_flows(
    settings: SpeedSettings, rows: Iterable[Mapping[str, Any]], odoo_version: str | None, mode: str | None = None
) -> SpeedCheck:
    """The bench's flows against the baseline of its Odoo series."""
    return check_part(settings, odoo_version, "flows", lambda values: compare_flows(values, rows, settings), mode)


PART_KINDS = {"scenarios": "scenario", "flows": "flow"}


def check_part(
    settings: SpeedSettings,
    odoo_version: str | None,
    part_name: str,
    compare: Callable[[Mapping[str, Any]], tuple[int, list[Over]]],
    mode: str | None = None,
    ran_on: Sequence[Mapping[str, object]] = (),
) -> SpeedCheck:
    """One part of the baseline of the run's Odoo series (scenarios, flows) against what the run measured, on the
    machines it ran on (this one when they are not known)."""
    mode = mode or settings.on_over
    odoo_series = series(odoo_version)
    kind = PART_KINDS[part_name]
    margin = settings.scenario_margin if part_name == "scenarios" else settings.flow_margin
    part = load_baseline(settings.baseline).get(odoo_series or "", {}).get(part_name)
    if not isinstance(part, Mapping) or not isinstance(part.get("values"), Mapping):
        note = f"no speed baseline of the {part_name} for Odoo {odoo_series or '(version not recorded)'}"
        note += f" in {settings.baseline.name} (make speed-baseline)"
        return SpeedCheck(mode=mode, margin=margin, series=odoo_series, notes=(note,), kind=kind)
    compared, over = compare(part["values"])
    return SpeedCheck(
        mode=mode,
        margin=margin,
        series=odoo_series,
        compared=compared,
        over=tuple(over),
        recorded=str(part.get("recorded", "?")),
        notes=tuple(
            dict.fromkeys(note for here in ran_on or [machine()] for note in machine_notes(part.get("machine"), here))
        ),
        kind=kind,
    )


def machine_notes(recorded: object, here: Mapping[str, object] | None = None) -> tuple[str, ...]:
    """A note when the baseline was measured elsewhere than this run: other cores, another processor, another number
    of pytest workers sharing the machine; with the command that records one like this run."""
    recorded = {**DEFAULT_FACTS, **recorded} if isinstance(recorded, Mapping) else {}
    here = machine() if here is None else here
    differ = [fact for fact in MACHINE_FACTS if recorded.get(fact) and here.get(fact) and recorded[fact] != here[fact]]
    if not differ:
        return ()
    then = ", ".join(f"{MACHINE_FACTS[fact]} {recorded[fact]}" for fact in differ)
    now = ", ".join(f"{MACHINE_FACTS[fact]} {here[fact]}" for fact in differ)
    workers = here.get("workers")
    command = "make speed-baseline" + (f" WORKERS={workers}" if isinstance(workers, int) and workers > 1 else "")
    return (
        f"the baseline was recorded with {then}; this run with {now}: compare with care, or record a baseline "
        f"like this run ({command})",
    )


def terminal_lines(check: SpeedCheck) -> list[str]:
    """What the terminal shows: the summary, the notes, and the first entries over budget."""
    lines = [f"Speed budget: {check.summary}", *(f"  note: {note}" for note in check.notes if check.has_baseline)]
    lines += [f"  {o.line}" for o in check.over[:NAMED]]
    if len(check.over) > NAMED:
        lines.append(f"  and {len(check.over) - NAMED} more (the run section of the exit report lists them all)")
    return lines


# Command line.


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.pyproject)
        if args.command == "check":
            return _check(settings, args)
        return _save(settings, args)
    except SpeedBudgetError as error:
        print(f"odoo-uat speed budget: {error}", file=sys.stderr)
        return EXIT_USAGE


def _check(settings: SpeedSettings, args: argparse.Namespace) -> int:
    from odoo_uat.report import metadata
    from odoo_uat.report.results import load_results

    mode = checked_mode(args.speed_budget) if args.speed_budget else settings.on_over
    results = args.results or [DEFAULT_RESULTS]
    version = load_results([d for d in results if d.is_dir()]).environment.get(metadata.ODOO_VERSION)
    check = check_scenarios(settings, results, version, mode)
    if check.failed or not args.quiet:
        for line in terminal_lines(check):
            print(line, file=sys.stderr if check.failed else sys.stdout)
    if check.failed:
        print(f"odoo-uat speed budget: {MODE_VARIABLE}=fail and the run is over budget: failing.", file=sys.stderr)
        return EXIT_OVER
    return 0


def _save(settings: SpeedSettings, args: argparse.Namespace) -> int:
    from odoo_uat.report import metadata
    from odoo_uat.report.metadata import git_commit
    from odoo_uat.report.results import load_results

    if not args.durations.is_file():
        raise SpeedBudgetError(
            f"no {args.durations}: a run of the whole pack writes it (make uat without SHARD, ARGS, WAVE or CHANGED)"
        )
    try:
        durations = json.loads(args.durations.read_text(encoding="utf-8"))
    except ValueError as error:
        raise SpeedBudgetError(f"{args.durations} is not pytest-split's durations file: {error}") from None
    results = load_results([args.results])
    odoo_series = series(results.environment.get(metadata.ODOO_VERSION))
    if odoo_series is None:
        raise SpeedBudgetError(
            f"{args.results} records no Odoo version: give the results folder of the run that wrote {args.durations}"
        )
    passed = junit_passed(junit_beside([args.results]))
    costs = {node: start_up for node, (_, start_up) in passed.items()}
    values = {  # as every check counts them
        node: round(less_start_costs(seconds, costs.get(node, 0.0)), 2)
        for node, seconds in durations.items()
        if not passed or node in passed
    }
    commit = results.environment.get(metadata.GIT_COMMIT) or git_commit(Path.cwd())  # the run's, else the tree's
    ran_on = next(iter(junit_machines(junit_beside([args.results]))), None)  # its workers', else this machine
    save_part(settings.baseline, odoo_series, "scenarios", values, commit, ran_on)
    print(f"Speed baseline of Odoo {odoo_series}: {len(values)} scenario durations written to {settings.baseline}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m odoo_uat.report.speed_budget", description=__doc__.splitlines()[0])
    parser.add_argument("--pyproject", type=Path, default=Path("pyproject.toml"), help="holds [tool.odoo-uat.speed]")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="compare a run's scenarios with the baseline; exit 1 when over and fail")
    check.add_argument("--results", type=Path, nargs="+", action="extend", metavar="DIR", help="Allure results dir(s)")
    check.add_argument("--speed-budget", default="", help="report or fail (default: on_over)")
    check.add_argument("--quiet", action="store_true", help="print only when the run fails on the budget")
    save = commands.add_parser("save", help="record the whole pack's scenario durations as this Odoo version's")
    save.add_argument("--durations", type=Path, default=DEFAULT_DURATIONS, help="default: %(default)s")
    save.add_argument("--results", type=Path, default=DEFAULT_RESULTS, help="that run's results (its Odoo version)")
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
