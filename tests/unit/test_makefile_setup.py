"""`make embedded-deps` on a fake machine: the apt-get install it runs names what python-ldap needs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from odoo_uat.system_packages import ROOT_VARIABLE

REPO = Path(__file__).resolve().parents[2]
MAKE_TIMEOUT = 120  # seconds; the target only runs two small Python commands and the fake apt-get

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="`make` is not installed on this machine")

RECORDER = """#!/bin/sh
echo "$(basename "$0") $*" >> "{record}"
"""
# sudo records itself, then runs its command as the real one would.
SUDO = RECORDER + 'exec "$@"\n'


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
    for path in ("usr/lib/postgresql/15/bin/initdb", "usr/lib/postgresql/15/bin/psql",
                 "usr/include/postgresql/libpq-fe.h", "usr/bin/pg_config"):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("")
    return root


def odoo_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "odoo"
    (tree / "odoo").mkdir(parents=True)
    (tree / "odoo-bin").write_text("")
    return tree


def run_make(tmp_path: Path, *make_args: str, **environ: str) -> list[list[str]]:
    """Run `make embedded-deps` in the repository; the apt-get calls it made, as argument lists."""
    bin_dir, record = fake_tools(tmp_path)
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("ODOO_", "MAKE")) and name != "MFLAGS"}
    env.update(PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", **{ROOT_VARIABLE: str(bug_report_machine(tmp_path))},
               **environ)
    result = subprocess.run(["make", "--no-print-directory", "-C", str(REPO), "embedded-deps",
                             f"PYTHON={sys.executable}", *make_args],
                            env=env, capture_output=True, text=True, timeout=MAKE_TIMEOUT)
    assert result.returncode == 0, result.stdout + result.stderr
    return [line.split()[1:] for line in record.read_text().splitlines() if line.startswith("apt-get ")]


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
