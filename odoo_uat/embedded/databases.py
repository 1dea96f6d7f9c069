"""The uat_* databases of the private cluster: clone and drop them, and build templates with Odoo."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import subprocess
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from filelock import FileLock

from odoo_uat.embedded.credentials import odoo_password_hash
from odoo_uat.embedded.errors import EmbeddedError
from odoo_uat.embedded.odoo_command import OdooCommand, language_args
from odoo_uat.embedded.odoo_log import build_failure
from odoo_uat.embedded.postgres import ODOO_ROLE, PostgresCluster
from odoo_uat.embedded.run_names import runs_to_drop
from odoo_uat.embedded.runtime import OdooRuntime, Progress, spawn, tail, terminate
from odoo_uat.embedded.template_plan import (
    TEMPLATE_PREFIX,
    TemplatePlan,
    TemplateSpec,
    loaded_languages,
    plan_template,
    superseded_templates,
)

BUILD_PREFIX = "uat_build_"
# A clone of a template made as a run stops, for the next run to take at once (a rename, not a copy).
SPARE_PREFIX = "uat_spare_"
SAFE_NAME = re.compile(r"^[a-z0-9_]{1,63}$")
TEMPLATE_LOCK_TIMEOUT = 3600
# Run by `odoo-bin shell` in the template: the bundles of the login page and the web client
# take 10-20 s to build on a run's first page otherwise, and clones inherit them.
# Every asset bundle of the installed modules, generated into the template: the web client's own, and the lazy
# ones it loads on demand (emoji, charts, the HTML editor, dark mode...), so no run's page compiles one. Bundles
# meant only for inclusion ("_" names) and test bundles are left out. Failing to generate the web client's own is
# worth a warning; a lazy one that does not build alone (e.g. a partial of variables) is only logged.
WARM_ASSETS = """
from odoo.modules.module import get_manifest
main = ("web.assets_frontend_minimal", "web.assets_frontend", "web.assets_frontend_lazy",
        "web.assets_web", "web.assets_web_print")
names = set()
for module in env["ir.module.module"].search([("state", "=", "installed")]).mapped("name"):
    names.update((get_manifest(module) or {}).get("assets", {}))
lazy = sorted(name for name in names - set(main) if not name.split(".", 1)[-1].startswith("_")
              and not any(word in name for word in ("test", "qunit", "tour")))
for name in (*main, *lazy):
    try:
        bundle = env["ir.qweb"]._get_asset_bundle(name)
        if bundle.stylesheets:
            bundle.css()
        if bundle.javascripts:
            bundle.js()
    except Exception as error:
        env.cr.rollback()
        print("odoo-uat: assets not prepared:" if name in main else "odoo-uat: lazy bundle left out:", name, repr(error))
    else:
        env.cr.commit()
"""
BUILD_TIMEOUT = 3600
RECORD_SUFFIX = ".json"
PROOF_SUFFIX = ".admin-proof"  # beside the record: Odoo let the administrator in on a clone of the template
# The template's administrator, whatever its login: Odoo's own record of base.user_admin.
ADMIN_USER = "(SELECT res_id FROM ir_model_data WHERE module = 'base' AND name = 'user_admin')"


def user_password_statements(admin_hash: str, others_hash: str) -> list[str]:
    """SQL giving the administrator the admin_hash and every other user who has a password others_hash.

    Odoo's demo data comes with demo/demo and portal/portal: these must not open the embedded
    server to anyone on the machine, so they get a password nobody knows.
    """
    return [
        f"UPDATE res_users SET password = '{admin_hash}' WHERE id = {ADMIN_USER} RETURNING id",
        f"UPDATE res_users SET password = '{others_hash}' "
        f"WHERE password IS NOT NULL AND password <> '' AND id <> {ADMIN_USER}",
    ]


def quote(name: str) -> str:
    """A database name as an SQL identifier; only the names made here are accepted."""
    return f'"{_checked(name)}"'


def literal(name: str) -> str:
    """A database name as an SQL string (compared with datname); only the names made here are accepted."""
    return f"'{_checked(name)}'"


def _checked(name: str) -> str:
    if not SAFE_NAME.match(name):
        raise EmbeddedError(f"Refusing the database name {name!r}.")
    return name


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

    def __init__(self, cluster: PostgresCluster, data_dir: Path, lock_dir: Path, records_dir: Path) -> None:
        self.cluster = cluster
        self.data_dir = data_dir
        self.lock_dir = lock_dir
        self.records_dir = records_dir

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

    def in_use(self) -> set[str]:
        """The uat_* databases someone is connected to (a run's Odoo serving them)."""
        rows = self.cluster.sql(r"SELECT DISTINCT datname FROM pg_stat_activity WHERE datname LIKE 'uat\_%'")
        return {row[0] for row in rows}

    def prune_runs(self, keep: int) -> list[str]:
        """Drop the run databases beyond the newest keep ones, but those in use; the names dropped.

        PostgreSQL waits up to 5 s for a database's sessions to end before refusing to drop it: another run's
        database in use would cost that wait at every start and stop.
        """
        busy = self.in_use()
        return [name for name in runs_to_drop(self.names(), keep) if name not in busy and self.drop(name)]

    def clone(self, template: str, name: str) -> None:
        """A new database copied from template, owned by Odoo's role (which Odoo lists it for), with its filestore."""
        self.cluster.sql(f"CREATE DATABASE {quote(name)} OWNER {ODOO_ROLE} TEMPLATE {quote(template)}")
        source = self.filestore(template)
        if source.is_dir():
            # Odoo never rewrites a filestore file in place (names are content hashes),
            # so hard links are a safe copy that costs no space or time.
            try:
                shutil.copytree(source, self.filestore(name), copy_function=os.link)
            except OSError:
                shutil.rmtree(self.filestore(name), ignore_errors=True)
                shutil.copytree(source, self.filestore(name))

    # -- a spare clone for the next run -------------------------------------------------
    def _spare_stem(self, template: str) -> str:
        return f"{SPARE_PREFIX}{template[len(TEMPLATE_PREFIX) :]}_"

    def spares(self, template: str | None = None) -> list[str]:
        """The spare clones of a template (of every template: None)."""
        stem = self._spare_stem(template) if template else SPARE_PREFIX
        return [name for name in self.names() if name.startswith(stem)]

    def make_spare(self, template: str) -> None:
        """A neutralised clone of template for the next run, unless one is there; spares of other templates go."""
        for stale in set(self.spares()) - set(self.spares(template)):
            self.drop(stale)
        if not self.spares(template):
            spare = f"{self._spare_stem(template)}{secrets.token_hex(2)}"
            self.clone(template, spare)
            self.mark_neutralized(spare)

    def take_spare(self, template: str, name: str) -> bool:
        """Rename a spare clone of template to name (with its filestore); False when there is none left."""
        for spare in self.spares(template):
            try:
                self.cluster.sql(f"ALTER DATABASE {quote(spare)} RENAME TO {quote(name)}")
            except EmbeddedError:  # another run took it first
                continue
            if self.filestore(spare).is_dir():
                self.filestore(spare).rename(self.filestore(name))
            return True
        return False

    def drop_spares(self) -> None:
        """Drop every spare clone (a template is being built or updated: they hold the old one)."""
        for spare in self.spares():
            self.drop(spare)

    def mark_neutralized(self, name: str) -> None:
        """Record in the database what it is by construction: a neutralised throwaway (no mail server, no cron),
        its web.base.url frozen.

        The flag is Odoo's own (`odoo-bin neutralize` sets it); the suite's guard against
        production databases reads it, so the embedded Odoo passes that guard as any staging copy does.
        The frozen web.base.url stays the template's (http://localhost:8069), which an administrator's session login
        would otherwise move to the server's address (odoo_uat.odoo.rpc.SessionODOO): wkhtmltopdf then loads no
        report styles, so Debian's wkhtmltopdf (unpatched Qt) writes a report's words as text, not as shapes.
        """
        self.cluster.sql(
            "INSERT INTO ir_config_parameter (key, value) VALUES "
            "('database.is_neutralized', 'true'), ('web.base.url.freeze', 'True') "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            db=name,
        )

    def ensure_template(
        self,
        spec: TemplateSpec,
        runtime: OdooRuntime,
        config_file: Path,
        logs_dir: Path,
        progress: Progress = lambda message: None,
        from_nothing: bool = False,
        *,
        admin_password: str,
    ) -> None:
        """Make the template spec.name unless it exists: update a clone of the closest one, or build it.

        Its administrator gets admin_password (the cluster's), its other users a password nobody knows.
        """
        name = spec.name
        self.lock_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with FileLock(str(self.lock_dir / f"{name}.lock"), timeout=TEMPLATE_LOCK_TIMEOUT):
            templates = self.templates()
            plan = plan_template(
                spec,
                {template: self.read_record(template) for template in templates},
                {template: self.created(template) for template in templates},
            )
            if from_nothing and not plan.up_to_date:
                plan = TemplatePlan()
            if plan.up_to_date:
                progress(f"template up to date ({name}, checked in {time.monotonic() - started:.1f} s)")
                return
            self.drop_spares()  # clones of what this build replaces
            # Builds interrupted by a killed run; we hold the lock, so none is going on.
            for leftover in self.names():
                if leftover.startswith(BUILD_PREFIX + name[len(TEMPLATE_PREFIX) :] + "_"):
                    self.drop(leftover)
            check_modules_exist([*spec.modules, *spec.custom], runtime)
            build = f"{BUILD_PREFIX}{name[len(TEMPLATE_PREFIX) :]}_{secrets.token_hex(2)}"
            log = logs_dir / f"{build}.log"
            try:
                if plan.source is None:
                    installing = [*spec.modules, *spec.install]
                    progress(
                        f"building template {name} from nothing with {', '.join(installing) or 'base'} "
                        "(once; a minute or two)"
                    )
                    if spec.languages:
                        progress(f"with the language(s) {', '.join(spec.languages)} of the roles file")
                    if spec.demo:
                        progress("with Odoo's demo data (ODOO_UAT_DEMO)")
                    self._build(
                        build, runtime, installing, config_file, log, list(spec.custom), spec.languages, spec.demo
                    )
                else:
                    changes = ", ".join(
                        [
                            *(f"updating {module}" for module in plan.update),
                            *(f"installing {module}" for module in plan.add),
                        ]
                    )
                    progress(f"{changes} on a clone of {plan.source} (into {name})")
                    self.clone(plan.source, build)
                    self._update(build, runtime, plan, config_file, log, spec.demo)
                self._warm_assets(build, runtime, config_file, log, progress)
                self.set_user_passwords(build, admin_password)
            except BaseException:
                if self.exists(build):  # keep the log, not a database nobody will use
                    self.drop(build)
                    shutil.rmtree(self.filestore(build), ignore_errors=True)
                raise
            # Rename only once complete, so a half-built template is never cloned.
            self.cluster.sql(f"ALTER DATABASE {quote(build)} RENAME TO {quote(name)}")
            # No connections: CREATE DATABASE ... TEMPLATE fails while anyone is connected.
            self.cluster.sql(f"ALTER DATABASE {quote(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")
            if self.filestore(build).is_dir():
                shutil.rmtree(self.filestore(name), ignore_errors=True)
                self.filestore(build).rename(self.filestore(name))
            log.replace(logs_dir / f"{name}.log")
            if spec.custom:
                self.write_record(name, spec)
            how = "built" if plan.source is None else "updated"
            progress(f"template {name} {how} in {time.monotonic() - started:.0f} s")
        self.prune_templates(spec.base, logs_dir, progress)

    # -- the record of what a template holds ----------------------------------------
    def templates(self) -> list[str]:
        """The names of the finished template databases."""
        return [name for name in self.names() if name.startswith(TEMPLATE_PREFIX)]

    def record_file(self, name: str) -> Path:
        """The JSON beside the cache that says which customisation a template holds."""
        return self.records_dir / f"{name}{RECORD_SUFFIX}"

    def read_record(self, name: str) -> dict[str, str] | None:
        """The customisation digests a template was made with; None when unknown."""
        try:
            record = json.loads(self.record_file(name).read_text())
            return {str(module): str(digest) for module, digest in record["custom"].items()}
        except (OSError, ValueError, KeyError, AttributeError):
            return None

    # -- the administrator's password, proven once per template ----------------------
    def _password_proof(self, template: str, password: str) -> str:
        """A digest of the template (the database itself: its oid changes when it is rebuilt) and the password."""
        rows = self.cluster.sql(f"SELECT oid FROM pg_database WHERE datname = {literal(template)}")
        oid = rows[0][0] if rows else ""
        return hashlib.sha256(f"{template}\0{oid}\0{password}".encode()).hexdigest()

    def _proof_file(self, template: str) -> Path:
        return self.records_dir / f"{template}{PROOF_SUFFIX}"

    def admin_password_proven(self, template: str, password: str) -> bool:
        """Whether Odoo already let the administrator in with password on a clone of this very template."""
        try:
            proof = self._proof_file(template).read_text(encoding="utf-8").strip()
        except OSError:
            return False
        return hmac.compare_digest(proof, self._password_proof(template, password))

    def prove_admin_password(self, template: str, password: str) -> None:
        """Record that Odoo let the administrator in with password on a clone of the template."""
        self.records_dir.mkdir(parents=True, exist_ok=True)
        self._proof_file(template).write_text(self._password_proof(template, password) + "\n", encoding="utf-8")

    def created(self, name: str) -> float:
        """When a template was made (its record's time; 0 when it has none)."""
        try:
            return self.record_file(name).stat().st_mtime
        except OSError:
            return 0.0

    def write_record(self, name: str, spec: TemplateSpec) -> None:
        self.records_dir.mkdir(parents=True, exist_ok=True)
        record = {
            "base": spec.base,
            "modules": list(spec.modules),
            "install": list(spec.install),
            "languages": list(spec.languages),
            "demo": spec.demo,
            "custom": dict(spec.custom),
            "created": datetime.now().isoformat(timespec="seconds"),
        }
        self.record_file(name).write_text(json.dumps(record, indent=1))

    def prune_templates(self, base: str, logs_dir: Path, progress: Progress) -> None:
        """Drop the templates of base superseded by newer ones, keeping the newest KEEP_TEMPLATES."""
        for name in superseded_templates(base, {template: self.created(template) for template in self.templates()}):
            with FileLock(str(self.lock_dir / f"{name}.lock"), timeout=TEMPLATE_LOCK_TIMEOUT):
                if self.exists(name) and self.drop(name):
                    self.record_file(name).unlink(missing_ok=True)
                    (logs_dir / f"{name}.log").unlink(missing_ok=True)
                    progress(f"dropped the superseded template {name}")

    def set_user_passwords(self, db: str, admin_password: str) -> None:
        """The administrator of db gets admin_password, every other user who has one a random one nobody knows."""
        admin, others = user_password_statements(
            odoo_password_hash(admin_password), odoo_password_hash(secrets.token_urlsafe(24))
        )
        if not self.cluster.sql(admin, db=db):
            raise EmbeddedError(f"The database {db} has no administrator (base.user_admin) to give a password to.")
        self.cluster.sql(others, db=db)

    # -- running Odoo on a database being built ----------------------------------------
    def _build(
        self,
        db: str,
        runtime: OdooRuntime,
        modules: Sequence[str],
        config_file: Path,
        log: Path,
        custom: Sequence[str] = (),
        languages: Sequence[str] = (),
        demo: bool = False,
    ) -> None:
        args = ["-i", ",".join(["base", *modules]), *language_args(languages)]
        returncode = self._run_odoo(db, runtime, args, config_file, log, demo)
        missing = self._missing_modules(db, ["base", *modules])
        if returncode != 0 or missing:
            raise build_failure(log, returncode, list(modules), "install", missing, custom)
        inactive = self._inactive_languages(db, loaded_languages(languages))
        if inactive:
            raise EmbeddedError(
                f"Odoo did not activate the language(s) {', '.join(inactive)} that the roles file "
                f"names (language = ...): write Odoo language codes such as fr_FR, es_ES. See {log}."
            )

    def _inactive_languages(self, db: str, languages: Sequence[str]) -> list[str]:
        """The languages of the list that are not active in db."""
        if not languages:
            return []
        rows = self.cluster.sql("SELECT code FROM res_lang WHERE active", db=db)
        active = {row[0] for row in rows}
        return [language for language in languages if language not in active]

    def _update(
        self, db: str, runtime: OdooRuntime, plan: TemplatePlan, config_file: Path, log: Path, demo: bool = False
    ) -> None:
        """-u the changed modules and -i the added ones on db, a clone of plan.source."""
        args = [
            *(["-u", ",".join(plan.update)] if plan.update else []),
            *(["-i", ",".join(plan.add)] if plan.add else []),
        ]
        returncode = self._run_odoo(db, runtime, args, config_file, log, demo)
        missing = self._missing_modules(db, [*plan.update, *plan.add])
        if returncode == 0 and not missing:
            return
        doing = (
            "update"
            if plan.update and not plan.add
            else "install"
            if plan.add and not plan.update
            else "install or update"
        )
        changing = [*plan.update, *plan.add]
        raise build_failure(log, returncode, changing, doing, missing, changing)

    def _run_odoo(
        self, db: str, runtime: OdooRuntime, args: Sequence[str], config_file: Path, log: Path, demo: bool = False
    ) -> int:
        """Run Odoo on db with args until it has initialised the database; its exit code."""
        argv = OdooCommand(self.cluster, runtime, self.data_dir, config_file).init(db, args, log, demo)
        process = spawn(argv, log, env=self.cluster.odoo_env)
        try:
            return process.wait(timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            terminate(process)
            raise EmbeddedError(f"Odoo took over {BUILD_TIMEOUT} s to initialise the template; see {log}.") from None
        except BaseException:  # Ctrl-C: leave no Odoo behind
            terminate(process)
            raise

    def _warm_assets(self, db: str, runtime: OdooRuntime, config_file: Path, log: Path, progress: Progress) -> None:
        """Generate the web client's asset bundles into the template, so no run's first page builds them."""
        script = log.with_suffix(".assets.py")
        script.write_text(WARM_ASSETS)
        argv = OdooCommand(self.cluster, runtime, self.data_dir, config_file).shell(db, log)
        process = spawn(argv, log, env=self.cluster.odoo_env, stdin=script)
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
