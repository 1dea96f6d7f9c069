"""Embedded PostgreSQL: finding the binaries, stale postmaster.pid files, who may enter the cluster folder."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.postgres import (
    Postmaster,
    client_env,
    find_pg_bin,
    live_postmaster,
    reachable_by,
    write_private,
)


def pg_install(root: Path, version: str) -> Path:
    bin_dir = root / version / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("initdb", "pg_ctl", "postgres", "psql"):
        (bin_dir / tool).write_text("")
    return bin_dir


def pid_file(data: Path, pid: int | str, port: int = 54321) -> Path:
    data.mkdir(exist_ok=True)
    path = data / "postmaster.pid"
    path.write_text(f"{pid}\n{data}\n1700000000\n{port}\n{data}/run\n127.0.0.1\n  1234  5678\nready   \n")
    return path


@pytest.fixture
def fake_postgres(tmp_path):
    """A process named `postgres` working in a data folder, as a postmaster does."""
    data = tmp_path / "data"
    data.mkdir()
    executable = tmp_path / "postgres"
    shutil.copy(shutil.which("sleep"), executable)
    process = subprocess.Popen([str(executable), "60"], cwd=data)
    comm = Path(f"/proc/{process.pid}/comm")
    while comm.read_text().strip() != "postgres":  # until the forked child has exec'd
        with pytest.raises(subprocess.TimeoutExpired):
            process.wait(timeout=0.01)
    yield data, process
    process.kill()
    process.wait()


def test_the_newest_postgresql_is_chosen(tmp_path):
    pg_install(tmp_path, "13")
    newest = pg_install(tmp_path, "16")
    pg_install(tmp_path, "9.6")
    (tmp_path / "17" / "bin").mkdir(parents=True)  # a client-only install: no server binaries
    assert find_pg_bin(tmp_path) == newest


def test_missing_postgresql_says_how_to_install_it(tmp_path):
    with pytest.raises(EmbeddedError) as error:
        find_pg_bin(tmp_path)
    assert "make uat" in str(error.value) and "apt-get install postgresql" in str(error.value)


def test_no_pid_file_means_no_server(tmp_path):
    assert live_postmaster(tmp_path) is None


def test_pid_file_of_a_dead_process_is_removed(tmp_path):
    process = subprocess.Popen(["true"])
    process.wait()
    path = pid_file(tmp_path / "data", process.pid)
    assert live_postmaster(tmp_path / "data") is None
    assert not path.exists()


def test_pid_file_naming_a_reused_pid_is_removed(tmp_path):
    path = pid_file(tmp_path / "data", os.getpid())  # alive, but not a postgres
    assert live_postmaster(tmp_path / "data") is None
    assert not path.exists()


def test_truncated_pid_file_is_removed(tmp_path):
    path = tmp_path / "postmaster.pid"
    path.write_text("12")
    assert live_postmaster(tmp_path) is None
    assert not path.exists()


def test_a_live_postmaster_is_reported_with_its_port(fake_postgres):
    data, process = fake_postgres
    path = pid_file(data, process.pid, port=41234)
    assert live_postmaster(data) == Postmaster(process.pid, 41234)
    assert path.exists()


def test_a_postgres_serving_another_folder_does_not_count(fake_postgres, tmp_path):
    _data, process = fake_postgres
    other = tmp_path / "other"
    pid_file(other, process.pid)
    assert live_postmaster(other) is None


def test_a_folder_closed_to_others_is_not_reachable_by_them(tmp_path):
    closed = tmp_path / "closed"
    inner = closed / "cache"
    inner.mkdir(parents=True)
    closed.chmod(0o700)  # as /root is
    stranger = os.getuid() + 12345
    assert not reachable_by(inner, stranger, [stranger])
    assert reachable_by(Path("/usr/bin"), stranger, [stranger])


def test_clients_ignore_the_users_postgres_variables(tmp_path):
    env = client_env(tmp_path / "pgpass", {"PGPASSWORD": "other", "PGHOST": "db.example", "PATH": "/bin"})
    assert env == {"PATH": "/bin", "PGPASSFILE": str(tmp_path / "pgpass")}


def test_private_files_are_never_readable_by_others(tmp_path):
    path = tmp_path / "pgpass"
    path.write_text("old")
    path.chmod(0o644)
    write_private(path, "127.0.0.1:*:*:odoo_uat:secret\n")
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_text() == "127.0.0.1:*:*:odoo_uat:secret\n"
