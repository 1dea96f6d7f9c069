"""Embedded PostgreSQL: finding the binaries, stale postmaster.pid files, the cluster's folder and Odoo's role."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
from pathlib import Path

import pytest

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.credentials import write_private
from odoo_uat.embedded.postgres import (
    ODOO_ROLE,
    SUPERUSER,
    PostgresCluster,
    Postmaster,
    bytecode_cache_env,
    client_env,
    find_pg_bin,
    live_postmaster,
    recorded_root,
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


def test_clients_ignore_the_users_postgres_variables(tmp_path):
    env = client_env(tmp_path / "pgpass", {"PGPASSWORD": "other", "PGHOST": "db.example", "PATH": "/bin"})
    assert env == {"PATH": "/bin", "PGPASSFILE": str(tmp_path / "pgpass")}


def test_odoo_processes_cache_their_bytecode_outside_the_source_trees(tmp_path):
    env = bytecode_cache_env({"PYTHONDONTWRITEBYTECODE": "1", "PATH": "/bin"}, tmp_path / "pycache")
    assert env == {"PATH": "/bin", "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}


def test_a_bytecode_cache_the_user_chose_is_kept(tmp_path):
    env = bytecode_cache_env({"PYTHONPYCACHEPREFIX": "/srv/pyc"}, tmp_path / "pycache")
    assert env["PYTHONPYCACHEPREFIX"] == "/srv/pyc"


def test_private_files_are_never_readable_by_others(tmp_path):
    path = tmp_path / "pgpass"
    path.write_text("old")
    path.chmod(0o644)
    write_private(path, "127.0.0.1:*:*:odoo_uat:secret\n")
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_text() == "127.0.0.1:*:*:odoo_uat:secret\n"


# -- the cluster's folder, run as root: a random name, recorded in the cache ---------------------------------------


@pytest.fixture
def root_cluster(tmp_path, monkeypatch):
    """A cluster as a root run lays it out, with `postgres` played by the current user and /var/tmp by tmp_path."""
    shared = tmp_path / "var-tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setattr("odoo_uat.embedded.postgres.SHARED_TMP", shared)
    cluster = PostgresCluster(tmp_path / "cache", bin_dir=pg_install(tmp_path / "pg", "16"))
    cluster._owner = pwd.getpwuid(os.geteuid())
    cluster.home.mkdir(parents=True)
    return cluster, shared


def test_run_as_root_the_cluster_gets_a_folder_of_a_random_name_recorded_in_the_cache(root_cluster):
    cluster, shared = root_cluster
    cluster._prepare_root()
    made = cluster.root
    assert made.parent == shared and made.name.startswith(f"odoo-uat-{os.geteuid()}-")
    assert made.name != f"odoo-uat-{os.geteuid()}-"  # a random part nobody can guess
    assert os.readlink(cluster.link) == str(made)
    assert made.stat().st_mode & 0o777 == 0o700
    cluster._prepare_root()
    assert cluster.root == made  # later runs find it through the link


def test_the_predictable_folder_of_earlier_versions_is_not_used_again(root_cluster):
    cluster, shared = root_cluster
    old = shared / "odoo-uat-pg-79438ead" / "16"  # any user could have made it first
    old.mkdir(parents=True)
    cluster.link.symlink_to(old)
    assert recorded_root(cluster.link, os.geteuid(), shared) is None
    cluster._prepare_root()
    assert cluster.root != old and cluster.root.parent == shared


def test_a_recorded_cluster_folder_others_can_change_is_refused_naming_it_and_the_fix(root_cluster):
    cluster, _shared = root_cluster
    cluster._prepare_root()
    cluster.root.chmod(0o777)
    with pytest.raises(EmbeddedError) as error:
        cluster._prepare_root()
    message = str(error.value)
    assert str(cluster.root) in message and "mode 777" in message and f"rm -rf {cluster.root}" in message


def test_a_recorded_name_of_another_user_or_place_is_not_taken(tmp_path):
    shared = tmp_path / "var-tmp"
    (shared / "odoo-uat-1234-abcd").mkdir(parents=True)
    link = tmp_path / "cluster"
    link.symlink_to(shared / "odoo-uat-1234-abcd")
    assert recorded_root(link, 1234, shared) == shared / "odoo-uat-1234-abcd"
    assert recorded_root(link, 0, shared) is None
    assert recorded_root(link, 1234, tmp_path / "elsewhere") is None
    assert recorded_root(tmp_path / "no-link", 1234, shared) is None


def test_a_user_cluster_lives_in_a_private_folder_of_the_cache(tmp_path):
    cluster = PostgresCluster(tmp_path / "cache", bin_dir=pg_install(tmp_path / "pg", "16"))
    cluster._owner = None
    cluster.home.mkdir(parents=True)
    cluster._prepare_root()
    assert cluster.root == cluster.home / "cluster"
    assert cluster.root.stat().st_mode & 0o777 == 0o700


# -- Odoo's own role: no superuser -----------------------------------------------------------------------------


def test_odoo_connects_as_a_role_that_is_no_superuser_with_a_password_of_its_own(tmp_path, monkeypatch):
    cluster = PostgresCluster(tmp_path / "cache", bin_dir=pg_install(tmp_path / "pg", "16"))
    cluster.home.mkdir(parents=True)
    statements: list[str] = []
    monkeypatch.setattr(cluster, "sql", lambda statement, db="postgres": statements.append(statement) or [])
    cluster._ensure_odoo_role()
    password = cluster.odoo_password_file.read_text()
    assert len(password) >= 32
    create = statements[-1]
    assert create.startswith(f"CREATE ROLE {ODOO_ROLE} ")
    for option in ("LOGIN", "CREATEDB", "NOSUPERUSER", "NOCREATEROLE", "NOREPLICATION", "NOBYPASSRLS"):
        assert f" {option} " in create
    # PostgreSQL receives a SCRAM verifier, never the password itself (its log, `ps`).
    assert "PASSWORD 'SCRAM-SHA-256$4096:" in create and password not in create
    # Odoo's processes read a pgpass file that holds its role's password alone, not the superuser's.
    assert cluster.odoo_env["PGPASSFILE"] == str(cluster.odoo_pgpass)
    assert (
        cluster.odoo_pgpass.read_text()
        == f"127.0.0.1:*:*:{ODOO_ROLE}:{password}\nlocalhost:*:*:{ODOO_ROLE}:{password}\n"
    )
    assert SUPERUSER + ":" not in cluster.odoo_pgpass.read_text()
    assert cluster.odoo_pgpass.stat().st_mode & 0o777 == 0o600


def test_the_odoo_role_is_made_once_and_takes_a_new_password_when_its_file_was_lost(tmp_path, monkeypatch):
    cluster = PostgresCluster(tmp_path / "cache", bin_dir=pg_install(tmp_path / "pg", "16"))
    cluster.home.mkdir(parents=True)
    statements: list[str] = []
    monkeypatch.setattr(cluster, "sql", lambda statement, db="postgres": statements.append(statement) or [["1"]])
    cluster._ensure_odoo_role()  # the role exists: the file was lost, so a new password
    assert statements[-1].startswith(f"ALTER ROLE {ODOO_ROLE} ")
    statements.clear()
    cluster._ensure_odoo_role()
    assert all(not statement.startswith(("ALTER", "CREATE")) for statement in statements)
