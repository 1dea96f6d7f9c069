"""A private PostgreSQL cluster in the cache folder, listening on the loopback interface only."""

from __future__ import annotations

import fcntl
import hashlib
import os
import pwd
import secrets
import shlex
import shutil
import socket
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from filelock import FileLock

from odoo_uat.embedded.errors import EmbeddedError

PG_ROOT = Path("/usr/lib/postgresql")
HOST = "127.0.0.1"
SUPERUSER = "odoo_uat"  # Odoo refuses to connect as `postgres`
SYSTEM_USER = "postgres"  # PostgreSQL refuses to run as root
START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections
SQL_TIMEOUT = 600  # seconds for one statement (CREATE DATABASE copies the template)
LOCK_TIMEOUT = 300  # seconds to wait for another run starting or stopping the same cluster
SOCKET_PATH_MAX = 100  # sun_path holds 107 bytes, minus "/.s.PGSQL.65535"

# The cluster only ever holds throw-away test databases: trading crash safety
# against an OS crash for speed roughly halves a template build.
SERVER_SETTINGS = {
    "listen_addresses": HOST,
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}

MISSING_PG = (
    "No PostgreSQL server binaries were found under {root}/<version>/bin (initdb, pg_ctl, postgres). "
    "Run `make uat`, which installs them, or `apt-get install postgresql`."
)


def find_pg_bin(root: Path = PG_ROOT) -> Path:
    """The bin folder of the newest PostgreSQL installed under root (Debian's layout)."""
    found = []
    for bin_dir in root.glob("*/bin"):
        if not all((bin_dir / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres", "psql")):
            continue
        try:
            version = tuple(int(part) for part in bin_dir.parent.name.split("."))
        except ValueError:
            continue
        found.append((version, bin_dir))
    if not found:
        raise EmbeddedError(MISSING_PG.format(root=root))
    return max(found)[1]


@dataclass(frozen=True)
class Postmaster:
    """A running server as described by its postmaster.pid."""

    pid: int
    port: int


def live_postmaster(data: Path) -> Postmaster | None:
    """The server running on data, or None after removing a stale postmaster.pid."""
    pid_file = data / "postmaster.pid"
    try:
        lines = pid_file.read_text().splitlines()
    except FileNotFoundError:
        return None
    try:
        pid, port = int(lines[0]), int(lines[3])
    except (IndexError, ValueError):  # cut short by a crash while it was written
        pid = port = 0
    if pid > 0 and is_postmaster_of(pid, data):
        return Postmaster(pid, port)
    # A killed run leaves the file behind, and after a restart its PID may
    # belong to another process, which makes postgres refuse to start.
    pid_file.unlink(missing_ok=True)
    return None


def is_postmaster_of(pid: int, data: Path) -> bool:
    """Whether pid is a live postgres serving data (the postmaster works from its data folder)."""
    proc = Path("/proc") / str(pid)
    try:
        return (proc / "comm").read_text().strip() in {"postgres", "postmaster"} and Path(
            os.readlink(proc / "cwd")
        ) == data.resolve()
    except OSError:
        return False


def reachable_by(path: Path, uid: int, gids: Iterable[int]) -> bool:
    """Whether the user uid (in groups gids) may traverse every folder down to path."""
    gids = set(gids)
    for folder in [path, *path.parents]:
        info = folder.stat()
        if uid == 0:
            continue
        if info.st_uid == uid:
            bit = 0o100
        elif info.st_gid in gids:
            bit = 0o010
        else:
            bit = 0o001
        if not info.st_mode & bit:
            return False
    return True


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, from its first byte on."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an existing file keeps its mode through O_CREAT
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def client_env(pgpass: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a libpq client of this cluster: the user's PG* variables dropped."""
    # A PGPASSWORD or PGHOST exported for another cluster would win over ours.
    env = {key: value for key, value in (os.environ if base is None else base).items() if not key.startswith("PG")}
    env["PGPASSFILE"] = str(pgpass)
    return env


class PostgresCluster:
    """One cluster per PostgreSQL major version under cache_dir/pg; shared by concurrent runs."""

    def __init__(self, cache_dir: Path, bin_dir: Path | None = None) -> None:
        self.bin_dir = bin_dir or find_pg_bin()
        self.major = self.bin_dir.parent.name
        self.home = cache_dir / "pg" / self.major
        self.password_file = self.home / "password"
        self.pgpass = self.home / "pgpass"
        self.port: int | None = None
        self._owner = self._system_user() if os.geteuid() == 0 else None
        self._hold: IO[str] | None = None

    # -- layout -------------------------------------------------------------
    @property
    def root(self) -> Path:
        """The folder the server itself writes to: data/, run/ and server.log."""
        if self._owner is None or not self.home.exists() or reachable_by(self.home, *self._owner_ids()):
            return self.home / "cluster"
        # The cache usually lives in /root (mode 0700) which `postgres` cannot enter.
        digest = hashlib.sha256(str(self.home).encode()).hexdigest()[:8]
        return Path("/var/tmp") / f"odoo-uat-pg-{digest}" / self.major

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "run"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    @property
    def env(self) -> dict[str, str]:
        """The environment for clients (psql, Odoo): the password comes from a 0600 pgpass file."""
        return client_env(self.pgpass)

    # -- lifecycle ----------------------------------------------------------
    def start(self) -> int:
        """Start the cluster (or join the one another run started) and return its port."""
        self.home.mkdir(parents=True, exist_ok=True)
        with self._transition():
            self._initdb_once()
            self._write_pgpass()
            self._hold = (self.home / "users.lock").open("a")
            # Each run holds a shared lock while it uses the cluster; the last one stops it.
            fcntl.flock(self._hold, fcntl.LOCK_SH)
            running = live_postmaster(self.data)
            if running is not None and self._answers(running.port):
                self.port = running.port
                return self.port
            if running is not None:
                self._pg_ctl("stop", "-m", "immediate")
            self.port = self._start_server()
            return self.port

    def stop(self) -> None:
        """Stop the cluster unless another run still uses it."""
        if self._hold is None:
            return
        try:
            with self._transition():
                try:
                    fcntl.flock(self._hold, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return
                if live_postmaster(self.data) is not None:
                    self._pg_ctl("stop", "-m", "fast", "-w", "-t", str(START_TIMEOUT))
        finally:
            self._hold.close()
            self._hold = None
            self.port = None

    # -- SQL ----------------------------------------------------------------
    def sql(self, statement: str, db: str = "postgres") -> list[list[str]]:
        """Run one statement as the superuser with psql; rows as lists of strings."""
        if self.port is None:
            raise EmbeddedError("The PostgreSQL cluster is not started.")
        try:
            result = subprocess.run(
                [
                    str(self.bin_dir / "psql"),
                    "-X",
                    "-q",
                    "-A",
                    "-t",
                    "-F",
                    "\t",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-h",
                    HOST,
                    "-p",
                    str(self.port),
                    "-U",
                    SUPERUSER,
                    "-d",
                    db,
                    "-c",
                    statement,
                ],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=SQL_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            raise EmbeddedError(f"PostgreSQL did not finish `{statement}` on {db} within {SQL_TIMEOUT} s.") from None
        if result.returncode != 0:
            raise EmbeddedError(f"PostgreSQL refused `{statement}` on {db}: {result.stderr.strip()}")
        return [line.split("\t") for line in result.stdout.splitlines() if line]

    # -- internals ----------------------------------------------------------
    def _transition(self) -> FileLock:
        """Serialises initdb, start and stop between runs sharing the cache."""
        return FileLock(str(self.home / "transition.lock"), timeout=LOCK_TIMEOUT)

    def _system_user(self) -> pwd.struct_passwd:
        try:
            return pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            raise EmbeddedError(
                f"Running as root, PostgreSQL must run as the `{SYSTEM_USER}` system user, which does not exist. "
                "Run `make uat` or `apt-get install postgresql`, which create it."
            ) from None

    def _owner_ids(self) -> tuple[int, list[int]]:
        assert self._owner is not None
        return self._owner.pw_uid, os.getgrouplist(self._owner.pw_name, self._owner.pw_gid)

    def _own(self, path: Path) -> None:
        """Hand path to the system user when we run as root."""
        if self._owner is not None:
            os.chown(path, self._owner.pw_uid, self._owner.pw_gid)

    def _run(self, argv: list[str]) -> subprocess.CompletedProcess[str]:
        if self._owner is not None:
            argv = ["runuser", "-u", SYSTEM_USER, "--", *argv]
        try:
            # cwd: the system user may not be able to enter ours.
            return subprocess.run(
                argv, cwd=self.root, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=START_TIMEOUT * 3
            )
        except subprocess.TimeoutExpired:
            raise EmbeddedError(f"`{' '.join(argv)}` did not finish within {START_TIMEOUT * 3} s.") from None

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self._run([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), *args])

    def _initdb_once(self) -> None:
        if (self.data / "PG_VERSION").is_file():
            if not self.password_file.is_file():
                raise EmbeddedError(
                    f"The PostgreSQL cluster in {self.data} exists but its password file {self.password_file} "
                    f"is gone. Delete {self.root} (and {self.home}) to let the next run create a new cluster."
                )
            return
        root = self.root
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._own(root)
        password = secrets.token_urlsafe(24)
        staging = root / "data.initdb"  # initdb into a side folder: a half-made cluster is never used
        shutil.rmtree(staging, ignore_errors=True)
        pwfile = root / "initdb.pw"
        write_private(pwfile, password + "\n")
        self._own(pwfile)
        try:
            result = self._run(
                [
                    str(self.bin_dir / "initdb"),
                    "-D",
                    str(staging),
                    "-U",
                    SUPERUSER,
                    f"--pwfile={pwfile}",
                    "--auth=scram-sha-256",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--no-instructions",
                ]
            )
        finally:
            pwfile.unlink(missing_ok=True)
        if result.returncode != 0:
            raise EmbeddedError(f"initdb could not create a PostgreSQL cluster in {staging}:\n{result.stderr.strip()}")
        write_private(self.password_file, password)
        shutil.rmtree(self.data, ignore_errors=True)
        staging.rename(self.data)
        if root != self.home / "cluster":
            link = self.home / "cluster"
            link.unlink(missing_ok=True)
            link.symlink_to(root)  # so people find the data from the cache folder

    def _write_pgpass(self) -> None:
        password = self.password_file.read_text().strip()
        # libpq ignores a pgpass file that others can read.
        write_private(self.pgpass, f"{HOST}:*:*:{SUPERUSER}:{password}\nlocalhost:*:*:{SUPERUSER}:{password}\n")

    def _answers(self, port: int) -> bool:
        result = subprocess.run(
            [str(self.bin_dir / "pg_isready"), "-q", "-h", HOST, "-p", str(port), "-t", "5"],
            env=self.env,
            capture_output=True,
        )
        return result.returncode == 0

    def _server_options(self, port: int) -> str:
        options = ["-p", str(port)]
        socket_dir = str(self.socket_dir)
        # A socket path too long for sun_path would stop the server; TCP is what clients use anyway.
        options += ["-k", socket_dir if len(socket_dir) <= SOCKET_PATH_MAX else ""]
        for name, value in SERVER_SETTINGS.items():
            options += ["-c", f"{name}={value}"]
        return " ".join(shlex.quote(option) for option in options)

    def _start_server(self) -> int:
        self.socket_dir.mkdir(exist_ok=True, mode=0o700)
        self._own(self.socket_dir)
        for stale in self.socket_dir.glob(".s.PGSQL.*"):
            stale.unlink(missing_ok=True)  # left by a killed server; nothing runs on this cluster now
        last_error = ""
        for _attempt in range(3):  # the port may be taken between choosing and binding it
            port = free_port()
            offset = self.log_file.stat().st_size if self.log_file.exists() else 0
            result = self._pg_ctl(
                "start",
                "-w",
                "-t",
                str(START_TIMEOUT),
                "-s",
                "-l",
                str(self.log_file),
                "-o",
                self._server_options(port),
            )
            if result.returncode == 0:
                return port
            last_error = self._log_since(offset) or result.stderr.strip()
            if "could not bind" not in last_error and "in use" not in last_error:
                break
        raise EmbeddedError(
            f"PostgreSQL ({self.bin_dir}) did not start on {self.data} (log: {self.log_file}):\n{last_error}\n"
            f"If the cluster is damaged, delete {self.root} and {self.home} to start afresh."
        )

    def _log_since(self, offset: int) -> str:
        try:
            with self.log_file.open("rb") as log:
                log.seek(offset)
                return log.read().decode(errors="replace").strip()[-3000:]
        except OSError:
            return ""
