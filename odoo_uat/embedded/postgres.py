"""A private PostgreSQL cluster in the cache folder, listening on the loopback interface only.

Two roles: the superuser, for this module and the suite's own statements (create, clone, drop
databases), and ODOO_ROLE, which is no superuser, for Odoo's own connections: it may create
databases and owns the templates and the run databases, and nothing else.
"""

from __future__ import annotations

import fcntl
import os
import pwd
import secrets
import shlex
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from filelock import FileLock

from odoo_uat.embedded.credentials import SECRET_BYTES, read_or_create_secret, scram_sha256_verifier, write_private
from odoo_uat.embedded.errors import EmbeddedError
from odoo_uat.embedded.folders import ensure_private_folder

PG_ROOT = Path("/usr/lib/postgresql")
HOST = "127.0.0.1"
SUPERUSER = "odoo_uat"  # Odoo refuses to connect as `postgres`
ODOO_ROLE = "odoo_uat_odoo"  # Odoo's own connections: CREATEDB, owner of the uat_* databases, no superuser
SYSTEM_USER = "postgres"  # PostgreSQL refuses to run as root
# Run as root, the cluster lives where the `postgres` user can enter: a folder of a random name made
# here (mode 700, owned by `postgres`), recorded by the link <cache>/pg/<major>/cluster.
SHARED_TMP = Path("/var/tmp")
ODOO_ROLE_OPTIONS = "LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS"
START_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections
SQL_TIMEOUT = 600  # seconds for one statement (CREATE DATABASE copies the template)
LOCK_TIMEOUT = 300  # seconds to wait for another run starting or stopping the same cluster
BYTECODE_FOLDER = "pycache"  # under the cache folder: the bytecode of Odoo's processes (and make's, Makefile)
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


def recorded_root(link: Path, uid: int, shared_tmp: Path | None = None) -> Path | None:
    """The cluster folder a run as uid recorded in link (shared_tmp/odoo-uat-<uid>-<random>); None when none is.

    None too for a name made by earlier versions, which any user could know and make first
    (/var/tmp/odoo-uat-pg-<digest>), and for a folder gone since (a clean-up of /var/tmp).
    """
    shared_tmp = SHARED_TMP if shared_tmp is None else shared_tmp
    try:
        target = Path(os.readlink(link))
    except OSError:  # no link yet
        return None
    if target.parent != shared_tmp or not target.name.startswith(f"odoo-uat-{uid}-") or not os.path.lexists(target):
        return None
    return target


def pgpass_text(user: str, password: str) -> str:
    """A pgpass file's lines for user on this cluster (any port and database, both loopback names)."""
    return f"{HOST}:*:*:{user}:{password}\nlocalhost:*:*:{user}:{password}\n"


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def bytecode_cache_env(env: dict[str, str], folder: Path) -> dict[str, str]:
    """env with Python's bytecode cached under folder (PYTHONPYCACHEPREFIX, unless the user set one).

    PYTHONDONTWRITEBYTECODE is dropped: set (as many images set it), every Odoo start would compile Odoo's
    modules again (2-3 s of each start on 2 cores). The cache lies outside the source trees, which stay as
    they are, as that setting wants.
    """
    cached = {key: value for key, value in env.items() if key != "PYTHONDONTWRITEBYTECODE"}
    cached.setdefault("PYTHONPYCACHEPREFIX", str(folder))
    return cached


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
        self.cache_dir = cache_dir
        self.home = cache_dir / "pg" / self.major
        self.password_file = self.home / "password"
        self.pgpass = self.home / "pgpass"
        self.odoo_password_file = self.home / "odoo-password"
        self.odoo_pgpass = self.home / "odoo.pgpass"
        self.port: int | None = None
        self._owner = self._system_user() if os.geteuid() == 0 else None
        self._hold: IO[str] | None = None

    # -- layout -------------------------------------------------------------
    @property
    def link(self) -> Path:
        """home/cluster: the cluster's folder, or (run as root) the link to it."""
        return self.home / "cluster"

    @property
    def root(self) -> Path:
        """The folder the server itself writes to: data/, run/ and server.log."""
        if self._owner is None:
            return self.link
        # The cache lives in a folder only root may enter (mode 700), which `postgres` cannot.
        recorded = recorded_root(self.link, os.geteuid())
        return recorded if recorded is not None else self.link

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
        """The environment of the superuser's clients (psql): the password comes from a 0600 pgpass file."""
        return client_env(self.pgpass)

    @property
    def odoo_env(self) -> dict[str, str]:
        """The environment of Odoo's processes: a 0600 pgpass file holding only ODOO_ROLE's password, and
        a bytecode cache of their own."""
        return bytecode_cache_env(client_env(self.odoo_pgpass), self.cache_dir / BYTECODE_FOLDER)

    @property
    def folder_owner(self) -> int:
        """The user the cluster's own folder belongs to: us, or `postgres` when we run as root."""
        return os.geteuid() if self._owner is None else self._owner.pw_uid

    # -- lifecycle ----------------------------------------------------------
    def start(self) -> int:
        """Start the cluster (or join the one another run started) and return its port."""
        ensure_private_folder(
            self.home,
            "The PostgreSQL folder",
            f"Remove it (rm -rf {self.home}; the next run makes a new cluster), or point ODOO_UAT_CACHE elsewhere.",
        )
        with self._transition():
            self._prepare_root()
            self._initdb_once()
            self._write_pgpass()
            self._hold = (self.home / "users.lock").open("a")
            # Each run holds a shared lock while it uses the cluster; the last one stops it.
            fcntl.flock(self._hold, fcntl.LOCK_SH)
            running = live_postmaster(self.data)
            if running is not None and self._answers(running.port):
                self.port = running.port
            else:
                if running is not None:
                    self._pg_ctl("stop", "-m", "immediate")
                self.port = self._start_server()
            self._ensure_odoo_role()
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

    def _prepare_root(self) -> None:
        """The cluster's folder, made or checked: ours (or `postgres`'s as root), mode 700, no symbolic link.

        Run as root, it is a folder of a random name under SHARED_TMP, never a name known in
        advance that another user could have made first; a missing one is made anew.
        """
        if self._owner is not None and recorded_root(self.link, os.geteuid()) is None:
            if self.link.is_dir() and not self.link.is_symlink():
                raise EmbeddedError(
                    f"{self.link} is a PostgreSQL cluster made by a run that was not root, which `postgres` cannot "
                    f"enter now: remove it (rm -rf {self.link}), or run as the user who made it."
                )
            made = Path(tempfile.mkdtemp(prefix=f"odoo-uat-{os.geteuid()}-", dir=SHARED_TMP))
            os.chown(made, self._owner.pw_uid, self._owner.pw_gid)
            staged = self.home / f".cluster.{made.name}"
            staged.unlink(missing_ok=True)
            staged.symlink_to(made)
            staged.replace(self.link)  # so the next run (and people) find it from the cache folder
        also = f" and the link {self.link}" if self.root != self.link else ""
        fix = f"Remove it (rm -rf {self.root}){also}, and the next run makes a new cluster."
        ensure_private_folder(self.root, "The PostgreSQL cluster folder", fix, owner=self.folder_owner)

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
        password = secrets.token_urlsafe(SECRET_BYTES)
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

    def _write_pgpass(self) -> None:
        password = self.password_file.read_text().strip()
        # libpq ignores a pgpass file that others can read.
        write_private(self.pgpass, pgpass_text(SUPERUSER, password))

    def _ensure_odoo_role(self) -> None:
        """ODOO_ROLE with the password of its file, and Odoo's pgpass file holding it alone."""
        password, made = read_or_create_secret(self.odoo_password_file)
        exists = self.sql(f"SELECT 1 FROM pg_roles WHERE rolname = '{ODOO_ROLE}'")
        # The password reaches PostgreSQL only as a SCRAM verifier: never in its log nor in `ps`.
        verifier = scram_sha256_verifier(password)
        if not exists:
            self.sql(f"CREATE ROLE {ODOO_ROLE} {ODOO_ROLE_OPTIONS} PASSWORD '{verifier}'")
        elif made:  # its file was deleted: the role takes the new one
            self.sql(f"ALTER ROLE {ODOO_ROLE} {ODOO_ROLE_OPTIONS} PASSWORD '{verifier}'")
        write_private(self.odoo_pgpass, pgpass_text(ODOO_ROLE, password))

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
