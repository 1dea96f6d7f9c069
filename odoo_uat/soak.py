"""Soak: run the pack N times against one Odoo server and tabulate each scenario's passes, failures and flakes.

`python -m odoo_uat.soak --runs 10 [pytest args]` (or `make soak N=10 ARGS=...`): starts the embedded Odoo
once (or uses the existing server of the settings, refused before the first run when its database is not
neutralised: odoo_uat.odoo.safety.guard_writes), runs pytest N times against it, each run's results in
`reports/soak/run-<i>/`, then writes `reports/soak.md` and `reports/soak.json` and prints the table. Ctrl-C
or SIGTERM stops the run under way (it gets SIGTERM and time to clean up), then the table of the finished
runs is written and the embedded Odoo stopped.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from odoo_uat import commands
from odoo_uat.embedded import EmbeddedOdoo
from odoo_uat.odoo.rpc import OdooConnectionError, connect
from odoo_uat.odoo.safety import (
    DATABASE_SAFETY,
    OVERRIDE_OPTION,
    LiveDatabaseError,
    add_override_option,
    guard_writes,
    override_requested,
)
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.report.results import Scenario, load_results
from odoo_uat.report.text import first_line
from odoo_uat.secret import Secret
from odoo_uat.settings import load_settings

COMMAND = "soak"
DEFAULT_OUTPUT = Path("reports")
RUNS_FOLDER = "soak"
ODOO_LOG = "odoo.log"  # the embedded server's log, kept next to the runs to explain a failure
TABLE_MD, TABLE_JSON = "soak.md", "soak.json"
RESULTS_FOLDER, JUNIT_FILE, PLAYWRIGHT_FOLDER = "allure-results", "junit.xml", "playwright"
FEATURES = "features"
NO_MESSAGE = "(no message)"
ERRORS = (*commands.SETUP_ERRORS, OdooConnectionError, LiveDatabaseError)  # each message names the setting and the fix


def say(message: str) -> None:
    """A progress line on stderr, prefixed with this command's name (commands.say)."""
    commands.say(message, COMMAND)


@dataclass(frozen=True)
class Outcome:
    """One scenario in one run: its status after retries, whether it needed one, its message's first line."""

    status: str
    flaky: bool = False
    message: str = ""


@dataclass
class ScenarioSoak:
    """One scenario over every run of the soak."""

    name: str
    runs: int = 0
    passes: int = 0
    failures: int = 0
    skips: int = 0
    flaky_passes: int = 0  # passed, but only on a retry
    messages: Counter[str] = field(default_factory=Counter)

    @property
    def executed(self) -> int:
        """Runs in which the scenario ran (skipped ones excluded)."""
        return self.passes + self.failures

    @property
    def flake_rate(self) -> float:
        """Share of executed runs that failed or passed only on a retry (0 when never executed)."""
        return (self.failures + self.flaky_passes) / self.executed if self.executed else 0.0

    def as_json(self) -> dict[str, object]:
        """The scenario's row, with the rate and messages spelled out."""
        row = {k: v for k, v in asdict(self).items() if k != "messages"}
        return {
            **row,
            "flake_rate": round(self.flake_rate, 4),
            "messages": [{"message": m, "count": n} for m, n in self.messages.most_common()],
        }


@dataclass(frozen=True)
class RunRecord:
    """One pytest run of the soak: its folder, exit status, time, and each scenario's outcome."""

    index: int
    folder: Path
    exit_status: int
    seconds: float
    outcomes: Mapping[str, Outcome]


def scenario_key(scenario: Scenario) -> str:
    """How a scenario is named in the table: its feature file path and title (outline values included)."""
    path = scenario.full_name.rsplit(":", 1)[0]
    return f"{path}: {scenario.title}" if path else scenario.title


def outcome_of(scenario: Scenario) -> Outcome:
    """The scenario's outcome in one run, as the soak counts it."""
    if scenario.skipped:
        return Outcome("skipped")
    if scenario.passed:
        return Outcome("passed", flaky=scenario.flaky)
    return Outcome("failed", message=first_line(scenario.message) or NO_MESSAGE)


def read_run(results: Path) -> dict[str, Outcome]:
    """Each scenario's outcome in one run's Allure results folder."""
    return {scenario_key(s): outcome_of(s) for s in load_results(results).scenarios}


def tabulate(runs: Sequence[Mapping[str, Outcome]]) -> dict[str, ScenarioSoak]:
    """Per scenario, over the runs: passes, failures, passes on retry, the distinct failure messages."""
    table: dict[str, ScenarioSoak] = {}
    for outcomes in runs:
        for name, outcome in outcomes.items():
            row = table.setdefault(name, ScenarioSoak(name))
            row.runs += 1
            if outcome.status == "skipped":
                row.skips += 1
            elif outcome.status == "passed":
                row.passes += 1
                row.flaky_passes += outcome.flaky
            else:
                row.failures += 1
                row.messages[outcome.message or NO_MESSAGE] += 1
    return dict(sorted(table.items()))


def overall_rate(table: Mapping[str, ScenarioSoak]) -> float:
    """Failed or retried executions over all executions of all scenarios."""
    executed = sum(r.executed for r in table.values())
    return sum(r.failures + r.flaky_passes for r in table.values()) / executed if executed else 0.0


def percent(rate: float) -> str:
    """A rate as people read it: "0%", "33.3%"."""
    return f"{rate * 100:.1f}%".replace(".0%", "%")


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(
    table: Mapping[str, ScenarioSoak], records: Sequence[RunRecord], pytest_args: Sequence[str], target: str
) -> str:
    """The soak table in Markdown: one line per scenario, then the overall rate and each run."""
    unstable = [r for r in table.values() if r.failures or r.flaky_passes]
    lines = [
        f"# Soak: {len(records)} runs against {target}",
        "",
        f"pytest arguments: `{' '.join(pytest_args) or '(none)'}`",
        "",
        "| Scenario | Runs | Passed | Failed | Passed on retry | Skipped | Flake rate | Failure messages (first line) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in table.values():
        messages = "<br>".join(f"{n}× {cell(m)}" for m, n in row.messages.most_common())
        lines.append(
            f"| {cell(row.name)} | {row.runs} | {row.passes} | {row.failures} | {row.flaky_passes} "
            f"| {row.skips} | {percent(row.flake_rate)} | {messages} |"
        )
    lines += [
        "",
        (
            f"**Overall flake rate: {percent(overall_rate(table))}** "
            f"({len(unstable)} of {len(table)} scenarios failed or needed a retry at least once)."
        ),
        "",
        "| Run | Exit status | Time | Results |",
        "|---:|---:|---:|---|",
        *(f"| {r.index} | {r.exit_status} | {r.seconds:.0f} s | {r.folder} |" for r in records),
        "",
    ]
    return "\n".join(lines)


def render_json(
    table: Mapping[str, ScenarioSoak], records: Sequence[RunRecord], pytest_args: Sequence[str], target: str
) -> str:
    """The soak table as JSON, for CI and for comparing soaks."""
    return (
        json.dumps(
            {
                "target": target,
                "runs": [
                    {
                        "index": r.index,
                        "folder": str(r.folder),
                        "exit_status": r.exit_status,
                        "seconds": round(r.seconds, 1),
                    }
                    for r in records
                ],
                "pytest_args": list(pytest_args),
                "overall_flake_rate": round(overall_rate(table), 4),
                "scenarios": [row.as_json() for row in table.values()],
            },
            indent=2,
        )
        + "\n"
    )


def pytest_command(run_folder: Path, pytest_args: Sequence[str], target: OdooTarget | None) -> list[str]:
    """The pytest command of one run: the pack, this run's own results folders, the server when started here."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        FEATURES,
        "--odoo-required",
        "--clean-alluredir",
        f"--alluredir={run_folder / RESULTS_FOLDER}",
        f"--junitxml={run_folder / JUNIT_FILE}",
        f"--output={run_folder / PLAYWRIGHT_FOLDER}",
    ]
    if target is not None:
        command += [f"--odoo-url={target.url}", f"--odoo-db={target.db}"]
    return command + list(pytest_args)


def child_environment(target: OdooTarget | None) -> dict[str, str]:
    """The runs' environment: ours, plus the started server's credentials (never on the command line)."""
    env = dict(os.environ)
    if target is not None:
        env.update(
            ODOO_URL=target.url,
            ODOO_DB=target.db,
            ODOO_LOGIN=target.login,
            ODOO_PASSWORD=Secret(target.password).reveal(),
        )
    return env


@contextmanager
def soak_target(root: Path, allow_live_database: bool = False) -> Iterator[tuple[OdooTarget | None, str]]:
    """The one server every run uses: the embedded Odoo started once here, or the settings' existing server
    (its database checked once here, before the first run writes to it; each run checks it again)."""
    settings = load_settings(root, {}, allow_clone=True)
    if settings.mode == "server":
        settings.check()
        assert settings.url and settings.db and settings.password
        server = OdooTarget(url=settings.url, db=settings.db, login=settings.login, password=settings.password)
        override = override_requested(allow_live_database)
        say(f"{DATABASE_SAFETY}: {guard_writes(None if override else connect(server), server, override)}")
        yield None, f"{settings.url} (database {settings.db})"
        return
    settings.check()
    odoo = EmbeddedOdoo.from_settings(settings, progress=say)
    with odoo as target:
        yield target, f"embedded Odoo {odoo.series} (database {target.db})"


def keep_server_log(target: OdooTarget | None, folder: Path) -> None:
    """Copy the embedded server's log next to the runs (the next run's start prunes old databases' logs)."""
    if target is None or target.log_path is None or not target.log_path.is_file():
        return
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(target.log_path, folder / ODOO_LOG)
    say(f"Odoo's log of the soak: {folder / ODOO_LOG}")


def soak(root: Path, runs: int, pytest_args: Sequence[str], output: Path, allow_live_database: bool = False) -> int:
    """Run the pack `runs` times against one server, write the table; 0 when every scenario always passed."""
    folder = output / RUNS_FOLDER
    records: list[RunRecord] = []
    interrupted: int | None = None  # the exit status of Ctrl-C or SIGTERM, when one stopped the soak
    if allow_live_database:  # the runs check the database too
        pytest_args = [*pytest_args, OVERRIDE_OPTION]
    with soak_target(root, allow_live_database) as (target, described):
        say(f"{runs} runs against {described}; results in {folder}/run-<i>/")
        try:
            for index in range(1, runs + 1):
                run_folder = folder / f"run-{index}"
                started = time.monotonic()
                status = commands.run_child(
                    pytest_command(run_folder, pytest_args, target), cwd=root, env=child_environment(target)
                )
                outcomes = read_run(run_folder / RESULTS_FOLDER)
                records.append(RunRecord(index, run_folder, status, time.monotonic() - started, outcomes))
                say(
                    f"run {index}/{runs}: exit status {status}, {len(outcomes)} scenarios, "
                    f"{time.monotonic() - started:.0f} s"
                )
        except KeyboardInterrupt as stop:  # Ctrl-C or SIGTERM: the table of the runs already done is still worth having
            terminated = isinstance(stop, commands.Terminated)
            interrupted = commands.EXIT_TERMINATED if terminated else commands.EXIT_INTERRUPTED
            say(
                f"interrupted by {'SIGTERM' if terminated else 'Ctrl-C'}: the table covers the {len(records)} finished runs"
            )
        finally:
            keep_server_log(target, folder)
    table = tabulate([r.outcomes for r in records])
    markdown = render_markdown(table, records, pytest_args, described)
    output.mkdir(parents=True, exist_ok=True)
    (output / TABLE_MD).write_text(markdown, encoding="utf-8")
    (output / TABLE_JSON).write_text(render_json(table, records, pytest_args, described), encoding="utf-8")
    print(markdown)
    say(f"table written to {output / TABLE_MD} and {output / TABLE_JSON}")
    if interrupted is not None:
        return interrupted
    if not table:
        say("no scenario results were written: see the runs' output above (is the Odoo under test configured?)")
        return 2
    return 1 if any(r.failures or r.flaky_passes for r in table.values()) else 0


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    """--runs and --soak-output; every other argument goes to pytest."""
    parser = argparse.ArgumentParser(prog="python -m odoo_uat.soak", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="how many times to run the pack (default 10)")
    parser.add_argument(
        "--soak-output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where soak.md, soak.json and soak/run-<i>/ go (default reports)",
    )
    add_override_option(parser.add_argument, "the runs write to it; passed on to every run")
    args, pytest_args = parser.parse_known_args(argv)
    if args.runs < 1:
        parser.error(f"--runs must be 1 or more (got {args.runs}); e.g. make soak N=10")
    return args, pytest_args


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point."""
    args, pytest_args = parse_args(argv)
    return commands.run_command(
        lambda: soak(Path.cwd(), args.runs, pytest_args, args.soak_output, args.odoo_allow_live_database),
        COMMAND,
        ERRORS,
    )


if __name__ == "__main__":
    sys.exit(main())
