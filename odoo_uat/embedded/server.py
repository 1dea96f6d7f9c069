"""EmbeddedOdoo: a private PostgreSQL, Odoo's virtualenv, a cloned database, then Odoo on a free port."""

from __future__ import annotations

import atexit
import json
import subprocess
import threading
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from odoo_uat.embedded.credentials import ensure_odoo_config, read_or_create_secret
from odoo_uat.embedded.customisation import Customisation
from odoo_uat.embedded.databases import Databases
from odoo_uat.embedded.errors import EmbeddedError
from odoo_uat.embedded.folders import ensure_private_folder
from odoo_uat.embedded.odoo_command import OdooCommand
from odoo_uat.embedded.postgres import HOST, PostgresCluster, free_port
from odoo_uat.embedded.requirements import addon_modules
from odoo_uat.embedded.run_names import run_db_name
from odoo_uat.embedded.runtime import (
    OdooRuntime,
    OdooSource,
    Progress,
    spawn,
    tail,
    terminate,
)
from odoo_uat.embedded.template_plan import TemplateSpec, template_name
from odoo_uat.odoo.roles import Roles, RolesFileError
from odoo_uat.odoo.target import OdooTarget
from odoo_uat.settings import MISSING_ODOO, Settings

LOGIN = "admin"  # the administrator's login as Odoo makes it; its password is the cluster's own, random
ADMIN_PASSWORD_FILE = "admin-password"  # in the cluster's folder <cache>/pg/<major>, mode 0600
ODOO_CONFIG_FILE = "odoo.conf"  # likewise: the master password, the database manager off
CACHE_FIX = (
    "Point ODOO_UAT_CACHE (or --odoo-cache-dir) at a folder of your own, or remove this one "
    "(it is a cache: the next run makes it again)."
)
STARTUP_TIMEOUT = 180.0
POLL_INTERVAL = 0.25
PORT_ATTEMPTS = 3

# Readiness probes go straight to the loopback interface, never through an HTTP proxy.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def role_languages(roles_file: Path) -> tuple[str, ...]:
    """The Odoo languages the roles file gives its roles (language = "fr_FR"), each once; none without the file."""
    if not roles_file.is_file():  # the scenarios that need roles say so; the template does not need the file
        return ()
    try:
        roles = list(Roles(roles_file))
    except RolesFileError as error:  # its message names the file, the role and the fix
        raise EmbeddedError(str(error)) from None
    return tuple(sorted({role.language for role in roles if role.language}))


class PortTaken(EmbeddedError):
    """Odoo's HTTP port was taken between choosing and binding it."""


def json_rpc(url: str, params: dict[str, Any], timeout: float = 10.0) -> Any:
    """POST a JSON-RPC call and return its result; EmbeddedError for an Odoo error answer."""
    body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with _DIRECT.open(request, timeout=timeout) as response:
        answer = json.load(response)
    if "error" in answer:
        error = answer["error"]
        raise EmbeddedError(f"{url} answered with an error: {error.get('data', {}).get('message') or error}")
    return answer["result"]


def wait_until_ready(
    url: str,
    db: str,
    process: subprocess.Popen,
    log: Path,
    timeout: float = STARTUP_TIMEOUT,
    interval: float = POLL_INTERVAL,
    *,
    password: str,
    password_file: Path | None = None,
    check_login: bool = True,
) -> dict[str, Any]:
    """Poll Odoo until it serves db (and, with check_login, lets its administrator in with password); its
    version_info.

    Raises with the log's tail if it dies or stalls; never with the password (password_file says where it is).
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            # Served once db's registry is loaded (the database filter gives every request db).
            version = json_rpc(f"{url}/web/webclient/version_info", {})
            if not check_login:
                return version
            # Checks the credentials: the password hash takes Odoo about 0.7 s (600,000 rounds).
            uid = json_rpc(
                f"{url}/jsonrpc",
                {"service": "common", "method": "login", "args": [db, LOGIN, password]},
                timeout=max(1.0, deadline - time.monotonic()),
            )
            if not uid:
                kept = f" (the password in {password_file})" if password_file else ""
                raise EmbeddedError(
                    f"Odoo at {url} refused the login {LOGIN}{kept} on {db}: the template holds another "
                    f"administrator password. Rebuild it: python -m odoo_uat.embedded prepare --rebuild. Log: {log}"
                )
            return version
        except (OSError, ValueError, KeyError):  # not listening yet, or answering half-started
            pass
        if "Address already in use" in tail(log, 50):
            raise PortTaken(f"Odoo could not bind {url}.")
        if time.monotonic() >= deadline:
            raise EmbeddedError(
                f"Odoo did not answer at {url} within {timeout:.0f} s. Last lines of {log}:\n" + tail(log)
            )
        try:
            process.wait(timeout=interval)  # the polling interval, cut short when Odoo dies
        except subprocess.TimeoutExpired:
            continue
        raise EmbeddedError(
            f"Odoo exited with code {process.returncode} while starting. Last lines of {log}:\n" + tail(log)
        )


class EmbeddedOdoo:
    """Odoo served from a source tree for one run: `with EmbeddedOdoo(...) as target:`."""

    def __init__(
        self,
        source: OdooSource,
        cache_dir: Path,
        *,
        modules: Sequence[str] = (),
        addon_packages: Sequence[str] = (),
        addons_paths: Sequence[Path] = (),
        install: Sequence[str] = (),
        languages: Sequence[str] = (),
        demo: bool = False,
        keep_runs: int = 3,
        startup_timeout: float = STARTUP_TIMEOUT,
        progress: Progress = lambda message: None,
        pg_bin: Path | None = None,
    ) -> None:
        self._stopping = threading.Lock()  # stop() runs once at a time: see stop()
        self.source = source
        self.cache_dir = Path(cache_dir)
        self.addon_packages = tuple(addon_packages)
        # The customer's own modules: those of `install`, or every installable one in the folders.
        self.customisation = Customisation.from_folders(tuple(addons_paths), tuple(install))
        # A package is added for its module: install it without also listing it in `modules`.
        self.modules = tuple(
            dict.fromkeys([*modules, *addon_modules(self.addon_packages), *self.customisation.standard_modules()])
        )
        # The roles' languages, active in the template: no run installs one (issue 13).
        self.languages = tuple(sorted(set(languages)))
        self.demo = demo
        self.keep_runs = keep_runs
        self.startup_timeout = startup_timeout
        self.progress = progress
        self.pg_bin = pg_bin
        self.runtime = OdooRuntime(source, self.cache_dir, self.addon_packages, progress, self.customisation)
        self.cluster: PostgresCluster | None = None
        self.process: subprocess.Popen | None = None
        self.target: OdooTarget | None = None
        self.server_version: str | None = None
        self.admin_password: str | None = None  # the cluster's, read (or made) by prepare()
        self._spec: TemplateSpec | None = None
        self._databases: Databases | None = None  # set by start()

    @classmethod
    def from_settings(
        cls, settings: Settings, progress: Progress = lambda message: None, **options: Any
    ) -> EmbeddedOdoo:
        """The embedded Odoo the settings describe (ODOO_SRC, an `odoo` command on PATH, or a clone of Odoo)."""
        ensure_private_folder(settings.cache_dir, "The cache folder", CACHE_FIX)  # before a clone writes into it
        if settings.src is not None:
            source = OdooSource.from_path(settings.src)
        elif settings.odoo_command is not None:
            source = OdooSource.from_command(settings.odoo_command)
        elif settings.allow_clone:
            from odoo_uat.embedded.source_clone import (
                ensure_odoo_checkout,  # only when cloning: git and network
            )

            source = OdooSource.from_path(
                ensure_odoo_checkout(settings.clone_dir, settings.series, settings.odoo_repo, progress)
            )
        else:
            raise EmbeddedError(MISSING_ODOO)
        return cls(
            source,
            settings.cache_dir,
            modules=settings.modules,
            addon_packages=settings.addon_packages,
            addons_paths=settings.addons_paths,
            install=settings.install,
            languages=role_languages(settings.roles_file),
            demo=settings.demo,
            progress=progress,
            **options,
        )

    @property
    def series(self) -> str:
        """The Odoo series of the source tree: "19.0", "18.0"."""
        return self.source.series

    @property
    def template_spec(self) -> TemplateSpec:
        """What the template holds: source, modules, addon packages, languages, demo data, the customisation's files."""
        base = template_name(
            self.series, self.source.where, self.modules, self.addon_packages, self.languages, self.demo
        )
        custom_install = tuple(name for name in self.customisation.install if name in self.customisation.modules)
        return TemplateSpec(base, self.modules, self.customisation.hashes(), custom_install, self.languages, self.demo)

    @property
    def template(self) -> str:
        """The name of the template database for this source, these modules and addon packages and customisation."""
        return (self._spec or self.template_spec).name

    @property
    def data_dir(self) -> Path:
        return self.cache_dir / "data"

    @property
    def logs_dir(self) -> Path:
        return self.cache_dir / "logs"

    @property
    def config_file(self) -> Path:
        """Odoo's configuration file in the cluster's folder (never ~/.odoorc): the master password, no manager."""
        if self.cluster is None:
            raise EmbeddedError("The embedded Odoo's cluster is not started: call prepare() first.")
        return self.cluster.home / ODOO_CONFIG_FILE

    @property
    def admin_password_file(self) -> Path | None:
        """Where the cluster keeps the administrator's password (mode 0600); None before prepare()."""
        return None if self.cluster is None else self.cluster.home / ADMIN_PASSWORD_FILE

    # -- lifecycle ------------------------------------------------------------
    def prepare(self, rebuild: bool = False) -> Databases:
        """The virtualenv, the cluster (left running) and the template database; no server yet."""
        atexit.register(self.stop)  # backstop when the caller never reaches stop()
        # Odoo's logs, the filestores and the cluster's secrets live in it: only we may enter it.
        ensure_private_folder(self.cache_dir, "The cache folder", CACHE_FIX)
        self.runtime.ensure()
        self.cluster = PostgresCluster(self.cache_dir, self.pg_bin)
        port = self.cluster.start()
        self.progress(f"PostgreSQL {self.cluster.major} on {HOST}:{port} ({self.cluster.data})")
        ensure_odoo_config(self.config_file)
        self.admin_password, _made = read_or_create_secret(self.admin_password_file)
        databases = Databases(self.cluster, self.data_dir, self.cache_dir / "locks", self.cache_dir / "templates")
        # Read the customisation's files once per run: the template is the code as it is now.
        self._spec = self.template_spec
        if rebuild and databases.exists(self.template):
            databases.drop(self.template)
        databases.ensure_template(
            self._spec,
            self.runtime,
            self.config_file,
            self.logs_dir,
            self.progress,
            from_nothing=rebuild,
            admin_password=self.admin_password,
        )
        return databases

    def start(self) -> OdooTarget:
        """Clone a fresh database from the template and serve it; the target to test against."""
        if self.target is not None:
            return self.target
        try:
            databases = self._databases = self.prepare()
            self._prune_runs()  # what a run stopped before its end left; a run prunes as it stops
            db = run_db_name()
            if not databases.take_spare(self.template, db):  # the one the last run left, else a clone now
                databases.clone(self.template, db)
            databases.mark_neutralized(db)  # again on a spare: one an earlier version of the suite made lacks a flag
            for attempt in range(PORT_ATTEMPTS):
                try:
                    self.target = self._serve(db, databases)
                    break
                except PortTaken:
                    if attempt == PORT_ATTEMPTS - 1:
                        raise
        except BaseException:
            self.stop()
            raise
        return self.target

    def _serve(self, db: str, databases: Databases) -> OdooTarget:
        assert self.cluster is not None
        port = free_port()
        url = f"http://{HOST}:{port}"
        log = self.logs_dir / f"{db}.log"
        assert self.admin_password is not None
        argv = OdooCommand(self.cluster, self.runtime, self.data_dir, self.config_file).serve(db, port, log)
        self.process = spawn(argv, log, env=self.cluster.odoo_env)
        # The administrator's login is checked once per template and password, not at every start.
        proven = databases.admin_password_proven(self.template, self.admin_password)
        try:
            version = wait_until_ready(
                url,
                db,
                self.process,
                log,
                self.startup_timeout,
                password=self.admin_password,
                password_file=self.admin_password_file,
                check_login=not proven,
            )
        except BaseException:
            terminate(self.process)
            self.process = None
            raise
        if not proven:
            databases.prove_admin_password(self.template, self.admin_password)
        self.server_version = version.get("server_version")
        if version.get("server_serie") and version["server_serie"] != self.series:
            raise EmbeddedError(
                f"{url} runs Odoo {version['server_serie']}, not {self.series}: another server took the port?"
            )
        self.progress(f"Odoo {self.server_version} at {url}, database {db} (log: {log})")
        return OdooTarget(url=url, db=db, login=LOGIN, password=self.admin_password, embedded=True, log_path=log)

    def _prune_runs(self) -> None:
        """Drop the run databases (and their logs) beyond the newest keep_runs."""
        if self._databases is not None:
            for dropped in self._databases.prune_runs(self.keep_runs):
                (self.logs_dir / f"{dropped}.log").unlink(missing_ok=True)

    def stop(self) -> None:
        """Stop Odoo, drop the oldest run databases and clone the template for the next run (not at the next
        start: it would wait for that), then PostgreSQL unless another run still uses it; safe to call twice,
        and from two threads at once (the run's keeper thread and the atexit backstop, when a run ends early)."""
        with self._stopping:
            self._stop()

    def _stop(self) -> None:
        try:
            if self.process is not None:
                terminate(self.process)
                try:
                    self._prune_runs()
                    if self._databases is not None:  # the next run renames it instead of cloning (0.6 s)
                        self._databases.make_spare(self.template)
                except EmbeddedError as error:  # housekeeping: the next start prunes again, or clones
                    self.progress(f"old run databases left, or no spare clone made: {error}")
        finally:
            self.process = None
            self.target = None
            self._databases = None
            if self.cluster is not None:
                self.cluster.stop()
                self.cluster = None

    def wait(self) -> int:
        """Block until the Odoo process ends; its exit code."""
        if self.process is None:
            raise EmbeddedError("The embedded Odoo is not running.")
        return self.process.wait()

    def __enter__(self) -> OdooTarget:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
