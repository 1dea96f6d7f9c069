"""The Makefile on a fake machine: `make` alone only prints the help; uat, soak and record share one set-up;
`make embedded-deps` installs what python-ldap needs; lint and test run ruff."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from odoo_uat.system_packages import ROOT_VARIABLE

REPO = Path(__file__).resolve().parents[3]
MAKE_TIMEOUT = 120  # seconds; the target only runs two small Python commands and the fake apt-get
# A documented target: "name: prerequisites ## what it does" (what `make help` lists).
DOCUMENTED_TARGET = re.compile(r"^([a-zA-Z0-9_-]+):.*## (.*)$", re.MULTILINE)
SETTINGS_CHECK = "-m odoo_uat.settings --check --allow-clone"
VERSION_CHECK = "-c import sys; sys.exit(sys.version_info < (3, 11))"  # the first step of `make setup`

Completed = subprocess.CompletedProcess[str]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="`make` is not installed on this machine")

RECORDER = """#!/bin/sh
echo "$(basename "$0") $*" >> "{record}"
"""
# sudo records itself, then runs its command as the real one would.
SUDO = RECORDER + 'exec "$@"\n'
# A Python that records its arguments, passes the settings check with SETTINGS_STATUS, and fails at anything
# else: a target that would go on to set up the virtualenv stops at its first step.
PYTHON = """#!/bin/sh
echo "python $*" >> "{record}"
[ "$*" = "{settings_check}" ] && exit "${{SETTINGS_STATUS:-0}}"
exit 1
"""


def fake_tools(tmp_path: Path) -> tuple[Path, Path]:
    """A bin folder with apt-get and sudo that record their arguments, and the record file."""
    bin_dir, record = tmp_path / "bin", tmp_path / "calls.txt"
    bin_dir.mkdir()
    record.write_text("")
    for name, script in (("apt-get", RECORDER), ("sudo", SUDO)):
        (bin_dir / name).write_text(script.format(record=record))
        (bin_dir / name).chmod(0o755)
    return bin_dir, record


def bug_report_machine(tmp_path: Path) -> Path:
    """A machine root with the PostgreSQL server and libpq-dev, but no LDAP or SASL headers."""
    root = tmp_path / "root"
    for path in (
        "usr/lib/postgresql/15/bin/initdb",
        "usr/lib/postgresql/15/bin/psql",
        "usr/include/postgresql/libpq-fe.h",
        "usr/bin/pg_config",
    ):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("")
    return root


def odoo_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "odoo"
    (tree / "odoo").mkdir(parents=True)
    (tree / "odoo-bin").write_text("")
    return tree


def make_env(bin_dir: Path | None = None, **environ: str) -> dict[str, str]:
    """This environment without Odoo settings or an outer make's flags, the fake tools (if any) first on PATH."""
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("ODOO_", "MAKE")) and name != "MFLAGS"
    }
    if bin_dir is not None:
        env["PATH"] = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
    env.update(environ)
    return env


def run_make(tmp_path: Path, *make_args: str, **environ: str) -> list[list[str]]:
    """Run `make embedded-deps` in the repository; the apt-get calls it made, as argument lists."""
    bin_dir, record = fake_tools(tmp_path)
    env = make_env(bin_dir, **{ROOT_VARIABLE: str(bug_report_machine(tmp_path))}, **environ)
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO), "embedded-deps", f"PYTHON={sys.executable}", *make_args],
        env=env,
        capture_output=True,
        text=True,
        timeout=MAKE_TIMEOUT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return [line.split()[1:] for line in record.read_text().splitlines() if line.startswith("apt-get ")]


def make_on_fake_machine(tmp_path: Path, *make_args: str, **environ: str) -> tuple[Completed, list[str]]:
    """Run make with the fake Python, apt-get and sudo and a virtualenv in tmp_path; its result and every call."""
    bin_dir, record = fake_tools(tmp_path)
    python = bin_dir / "python"
    python.write_text(PYTHON.format(record=record, settings_check=SETTINGS_CHECK))
    python.chmod(0o755)
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(REPO), f"PYTHON={python}", f"VENV={tmp_path / 'venv'}", *make_args],
        env=make_env(bin_dir, **environ),
        capture_output=True,
        text=True,
        timeout=MAKE_TIMEOUT,
    )
    return result, record.read_text().splitlines()


def documented_targets() -> dict[str, str]:
    """The targets the Makefile documents with a `## ` comment, and what it says they do."""
    return dict(DOCUMENTED_TARGET.findall((REPO / "Makefile").read_text(encoding="utf-8")))


def installed(calls: list[list[str]]) -> list[str]:
    return [arg for call in calls if call[:1] == ["install"] for arg in call[1:] if not arg.startswith("-")]


def test_embedded_deps_installs_the_ldap_and_sasl_headers_next_to_postgresql(tmp_path):
    calls = run_make(tmp_path, ODOO_SRC=str(odoo_tree(tmp_path)))
    packages = installed(calls)
    assert {"libldap2-dev", "libsasl2-dev"} <= set(packages), calls
    assert "postgresql" not in packages and "libpq-dev" not in packages
    assert calls[0] == ["update", "-q"]


def test_embedded_deps_installs_git_when_odoo_is_to_be_cloned(tmp_path):
    assert "git" in installed(run_make(tmp_path, "CLONE=--allow-clone"))


def test_embedded_deps_installs_nothing_without_an_embedded_odoo(tmp_path):
    assert run_make(tmp_path, ODOO_URL="http://staging.example.com") == []


def test_bare_make_prints_every_documented_target_and_runs_nothing_else(tmp_path):
    result, calls = make_on_fake_machine(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    targets = documented_targets()
    assert {"help", "uat", "test", "lint", "soak", "record", "report"} <= targets.keys()
    for name, description in targets.items():
        assert re.search(rf"^  {re.escape(name)} +{re.escape(description)}$", result.stdout, re.MULTILINE), name
    assert calls == []  # no Python (so no virtualenv, no settings check, no clone), no apt-get, no sudo
    assert not (tmp_path / "venv").exists()


def test_bare_make_would_run_only_the_help():
    dry_run = subprocess.run(
        ["make", "-n", "-C", str(REPO), "--no-print-directory"],
        env=make_env(),
        capture_output=True,
        text=True,
        timeout=MAKE_TIMEOUT,
        check=True,
    )
    commands = dry_run.stdout.splitlines()
    assert commands and all(command.startswith(("echo ", "awk ")) for command in commands), commands


@pytest.mark.parametrize("target", ["uat", "soak", "record"])
def test_uat_soak_and_record_check_the_settings_then_set_up_through_one_prerequisite(tmp_path, target):
    result, calls = make_on_fake_machine(tmp_path, target)
    assert result.returncode != 0  # the fake Python fails the set-up's first step (then says which Python it is)
    assert calls[:2] == [f"python {SETTINGS_CHECK}", f"python {VERSION_CHECK}"]
    assert not any("-m venv" in call for call in calls)
    assert "run-setup] Error" in result.stderr


@pytest.mark.parametrize("target", ["uat", "soak", "record"])
def test_invalid_settings_stop_uat_soak_and_record_before_any_set_up(tmp_path, target):
    result, calls = make_on_fake_machine(tmp_path, target, SETTINGS_STATUS="1")
    assert result.returncode != 0
    assert calls == [f"python {SETTINGS_CHECK}"]


@pytest.mark.parametrize(
    ("target", "argument", "message"),
    [
        ("uat", "SHARD=2-4", "make uat: SHARD=2-4 is not k/N"),
        ("soak", "N=ten", "make soak: N=ten is not a number of runs"),
    ],
)
def test_a_wrong_argument_stops_the_run_after_the_settings_check_before_any_set_up(tmp_path, target, argument, message):
    result, calls = make_on_fake_machine(tmp_path, target, argument)
    assert result.returncode == 2 and "run-setup] Error 2" in result.stderr
    assert message in result.stdout
    assert calls == [f"python {SETTINGS_CHECK}"]


def test_the_set_up_before_a_run_is_written_once():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert makefile.count(SETTINGS_CHECK.removeprefix("-m ")) == 1
    assert makefile.count("setup browser embedded-deps CLONE=--allow-clone") == 1


@pytest.mark.parametrize("target", ["lint", "test"])
def test_lint_and_test_run_ruff_check_and_format_check_before_pytest(tmp_path, target):
    result, _calls = make_on_fake_machine(tmp_path, "-n", target)
    assert result.returncode == 0, result.stdout + result.stderr
    commands = result.stdout.splitlines()
    python = f"{tmp_path / 'venv'}/bin/python"
    ruff = [commands.index(f"{python} -m ruff check ."), commands.index(f"{python} -m ruff format --check .")]
    assert commands.index(f"{python} -m odoo_uat.authoring.lint features") < min(ruff)
    pytest_runs = [i for i, command in enumerate(commands) if command.startswith(f"{python} -m pytest")]
    if target == "lint":
        assert pytest_runs == []
    else:
        assert len(pytest_runs) == 1 and max(ruff) < pytest_runs[0]


def test_pre_commit_runs_the_ruff_version_of_the_lock():
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    (version,) = re.findall(r"^ruff==(\S+)$", lock, re.MULTILINE)
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (ruff,) = [repo for repo in config["repos"] if repo["repo"].endswith("/ruff-pre-commit")]
    assert ruff["rev"] == f"v{version}"
    assert [hook["id"] for hook in ruff["hooks"]] == ["ruff-check", "ruff-format"]
