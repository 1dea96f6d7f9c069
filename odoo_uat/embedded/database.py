"""Template databases built once per configuration, and a fresh clone of one for every run."""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import time
from datetime import datetime
from pathlib import Path
from typing import Iterable, Sequence

from filelock import FileLock

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.postgres import HOST, SUPERUSER, PostgresCluster
from odoo_uat.embedded.runtime import OdooRuntime, Progress, spawn, tail, terminate

TEMPLATE_PREFIX = "uat_tpl_"
TEMPLATE_FORMAT = 2  # bump when templates are built differently, so old ones are not cloned
BUILD_PREFIX = "uat_build_"
RUN_NAME = re.compile(r"^uat_\d{8}_\d{6}_[0-9a-f]{4}$")
SAFE_NAME = re.compile(r"^[a-z0-9_]{1,63}$")
TEMPLATE_LOCK_TIMEOUT = 3600
# Run by `odoo-bin shell` in the template: the bundles of the login page and the web client
# take 10-20 s to build on a run's first page otherwise, and clones inherit them.
WARM_ASSETS = """
for name in ("web.assets_frontend_minimal", "web.assets_frontend", "web.assets_frontend_lazy",
             "web.assets_web", "web.assets_web_print"):
    try:
        bundle = env["ir.qweb"]._get_asset_bundle(name)
        if bundle.stylesheets:
            bundle.css()
        if bundle.javascripts:
            bundle.js()
    except Exception as error:
        print("odoo-uat: assets not prepared:", name, repr(error))
env.cr.commit()
"""
BUILD_TIMEOUT = 3600


def template_name(series: str, where: str, modules: Iterable[str], addon_packages: Iterable[str] = ()) -> str:
    """The template's name: a hash of everything that decides its content."""
    key = json.dumps([TEMPLATE_FORMAT, series, where, sorted(set(modules)), sorted(set(addon_packages))])
    return TEMPLATE_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:12]


def run_db_name(now: datetime | None = None, token: str | None = None) -> str:
    """A new run database name, uat_<YYYYmmdd_HHMMSS>_<4 hex>: sorting the names sorts the runs."""
    now = now or datetime.now()
    return f"uat_{now:%Y%m%d_%H%M%S}_{token or secrets.token_hex(2)}"


def runs_to_drop(names: Iterable[str], keep: int) -> list[str]:
    """The run databases beyond the newest keep ones."""
    runs = sorted((name for name in names if RUN_NAME.match(name)), reverse=True)
    return runs[keep:]


def quote(name: str) -> str:
    """A database name as an SQL identifier; only the names made here are accepted."""
    if not SAFE_NAME.match(name):
        raise EmbeddedError(f"Refusing the database name {name!r}.")
    return f'"{name}"'


def odoo_args(cluster: PostgresCluster, runtime: OdooRuntime, data_dir: Path, config_file: Path) -> list[str]:
    """The options every Odoo process of the embedded default gets."""
    args = [
        f"--config={config_file}",  # never the user's ~/.odoorc
        f"--db_host={HOST}", f"--db_port={cluster.port}", f"--db_user={SUPERUSER}",
        f"--data-dir={data_dir}",
    ]
    addons = runtime.addons_paths()
    if addons:
        args.append("--addons-path=" + ",".join(str(path) for path in addons))
    return args


def check_modules_exist(modules: Sequence[str], runtime: OdooRuntime) -> None:
    """Fail fast, before a long template build, on a module no addons path holds."""
    src = runtime.source.src
    if src is None:  # an `odoo` command: only it knows its addons paths
        return
    paths = [src / "odoo" / "addons", *runtime.addons_paths()]
    unknown = [module for module in modules if not any((path / module / "__manifest__.py").is_file() for path in paths)]
    if unknown:
        raise EmbeddedError(
            f"No addons path holds the module(s) {', '.join(unknown)} (searched {', '.join(map(str, paths))}). "
            "Check `modules` in [tool.odoo-uat] of pyproject.toml, and `addon_packages` "
            "(ODOO_UAT_ADDON_PACKAGES) for modules that come from PyPI."
        )


class Databases:
    """The uat_* databases of a cluster and their filestores under data_dir."""

    def __init__(self, cluster: PostgresCluster, data_dir: Path, lock_dir: Path) -> None:
        self.cluster = cluster
        self.data_dir = data_dir
        self.lock_dir = lock_dir

    def filestore(self, name: str) -> Path:
        return self.data_dir / "filestore" / name

    def names(self) -> list[str]:
        rows = self.cluster.sql(r"SELECT datname FROM pg_database WHERE datname LIKE 'uat\_%'")
        return [row[0] for row in rows]

    def exists(self, name: str) -> bool:
        return name in self.names()

    def drop(self, name: str) -> bool:
        """Drop a database and its filestore; False when it is in use (another run's)."""
        if name.startswith(TEMPLATE_PREFIX):
            self.cluster.sql(f"ALTER DATABASE {quote(name)} IS_TEMPLATE false")
        try:
            self.cluster.sql(f"DROP DATABASE IF EXISTS {quote(name)}")
        except EmbeddedError as error:
            if "is being accessed by other users" in str(error):
                return False
            raise
        shutil.rmtree(self.filestore(name), ignore_errors=True)
        return True

    def prune_runs(self, keep: int) -> list[str]:
        """Drop the run databases beyond the newest keep ones; the names dropped."""
        return [name for name in runs_to_drop(self.names(), keep) if self.drop(name)]

    def clone(self, template: str, name: str) -> None:
        """A new database copied from template, with a copy of its filestore."""
        self.cluster.sql(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
        source = self.filestore(template)
        if source.is_dir():
            # Odoo never rewrites a filestore file in place (names are content hashes),
            # so hard links are a safe copy that costs no space or time.
            try:
                shutil.copytree(source, self.filestore(name), copy_function=os.link)
            except OSError:
                shutil.rmtree(self.filestore(name), ignore_errors=True)
                shutil.copytree(source, self.filestore(name))

    def ensure_template(self, name: str, runtime: OdooRuntime, modules: Sequence[str], config_file: Path,
                        logs_dir: Path, progress: Progress = lambda message: None) -> None:
        """Build the template name with modules installed unless it exists."""
        self.lock_dir.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.lock_dir / f"{name}.lock"), timeout=TEMPLATE_LOCK_TIMEOUT):
            if self.exists(name):
                return
            # Builds interrupted by a killed run; we hold the lock, so none is going on.
            for leftover in self.names():
                if leftover.startswith(BUILD_PREFIX + name[len(TEMPLATE_PREFIX):]):
                    self.drop(leftover)
            check_modules_exist(modules, runtime)
            build = f"{BUILD_PREFIX}{name[len(TEMPLATE_PREFIX):]}_{secrets.token_hex(2)}"
            started = time.monotonic()
            progress(f"building template database {name} with {', '.join(modules) or 'base'} (once; a minute or two)")
            log = logs_dir / f"{build}.log"
            try:
                self._build(build, runtime, modules, config_file, log)
                self._warm_assets(build, runtime, config_file, log, progress)
            except BaseException:
                if self.exists(build):  # keep the log, not a database nobody will use
                    self.drop(build)
                raise
            # Rename only once complete, so a half-built template is never cloned.
            self.cluster.sql(f"ALTER DATABASE {quote(build)} RENAME TO {quote(name)}")
            # No connections: CREATE DATABASE ... TEMPLATE fails while anyone is connected.
            self.cluster.sql(f"ALTER DATABASE {quote(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")
            if self.filestore(build).is_dir():
                shutil.rmtree(self.filestore(name), ignore_errors=True)
                self.filestore(build).rename(self.filestore(name))
            log.replace(logs_dir / f"{name}.log")
            progress(f"template ready in {time.monotonic() - started:.0f} s")

    def _build(self, db: str, runtime: OdooRuntime, modules: Sequence[str], config_file: Path, log: Path) -> None:
        argv = [
            *runtime.command(),
            *odoo_args(self.cluster, runtime, self.data_dir, config_file),
            "-d", db, "-i", ",".join(["base", *modules]), "--stop-after-init", "--no-http",
            "--max-cron-threads=0", f"--logfile={log}",
        ]
        if runtime.source.major < 19:
            argv.append("--without-demo=all")  # 19.0 loads no demo data unless --with-demo
        process = spawn(argv, log, env=self.cluster.env)
        try:
            returncode = process.wait(timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            terminate(process)
            raise EmbeddedError(f"Building the template database took over {BUILD_TIMEOUT} s; see {log}.") from None
        except BaseException:  # Ctrl-C: leave no Odoo behind
            terminate(process)
            raise
        missing = self._missing_modules(db, ["base", *modules])
        if returncode == 0 and not missing:
            return
        errors = [line for line in tail(log, 2000).splitlines()
                  if " ERROR " in line or " CRITICAL " in line or "invalid module names" in line]
        raise EmbeddedError(
            f"Building the template database failed (Odoo exited with {returncode}"
            + (f"; not installed: {', '.join(missing)}" if missing else "")
            + f"). Log: {log}\n"
            + "\n".join(errors[:5] or tail(log, 20).splitlines())
        )

    def _warm_assets(self, db: str, runtime: OdooRuntime, config_file: Path, log: Path, progress: Progress) -> None:
        """Generate the web client's asset bundles into the template, so no run's first page builds them."""
        script = log.with_suffix(".assets.py")
        script.write_text(WARM_ASSETS)
        argv = [*runtime.command(), "shell", *odoo_args(self.cluster, runtime, self.data_dir, config_file),
                "-d", db, "--no-http", f"--logfile={log}"]
        process = spawn(argv, log, env=self.cluster.env, stdin=script)
        try:
            returncode = process.wait(timeout=BUILD_TIMEOUT)
        except BaseException:
            terminate(process)
            raise
        finally:
            script.unlink(missing_ok=True)
        if returncode != 0 or "odoo-uat: assets not prepared" in tail(log, 50):
            # Only a speed-up: the first page of each run builds what is missing.
            progress(f"could not prepare the web assets in the template (see {log}); continuing without")

    def _missing_modules(self, db: str, modules: Sequence[str]) -> list[str]:
        if not self.exists(db):
            return list(modules)
        try:
            rows = self.cluster.sql("SELECT name FROM ir_module_module WHERE state = 'installed'", db=db)
        except EmbeddedError:
            return list(modules)
        installed = {row[0] for row in rows}
        return [module for module in modules if module not in installed]
