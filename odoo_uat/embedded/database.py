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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from filelock import FileLock

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.postgres import HOST, SUPERUSER, PostgresCluster
from odoo_uat.embedded.runtime import OdooRuntime, Progress, spawn, tail, terminate

TEMPLATE_PREFIX = "uat_tpl_"
TEMPLATE_FORMAT = 2  # bump when templates are built differently, so old ones are not cloned
BUILD_PREFIX = "uat_build_"
BASE_LANGUAGE = "en_US"  # the database's own language, as Odoo creates it
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
KEEP_TEMPLATES = 2  # templates of one base key kept for updating (the newest; superseded ones are dropped)
RECORD_SUFFIX = ".json"
# Where Odoo's log records start: "2026-11-28 17:50:11,123 4242 ERROR db logger: message".
LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) ")
FAILURE_LEVELS = ("ERROR", "CRITICAL")
QUOTED_LINES = 25  # of the failure's traceback, in the error message
MAX_RECORDS = 5  # log records quoted before the one with the traceback


def template_name(series: str, where: str, modules: Iterable[str], addon_packages: Iterable[str] = (),
                  languages: Iterable[str] = ()) -> str:
    """The template's base name: a hash of the source tree, the modules, the addon packages and the languages."""
    parts: list[object] = [TEMPLATE_FORMAT, series, where, sorted(set(modules)), sorted(set(addon_packages))]
    if languages:  # without languages the name stays what it was: existing templates are kept
        parts.append(list(loaded_languages(languages)))
    key = json.dumps(parts)
    return TEMPLATE_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:12]


def custom_template_name(base: str, hashes: Mapping[str, str]) -> str:
    """The template of a base key with the customisation's modules at these contents (base itself when none)."""
    if not hashes:
        return base
    return f"{base}_{hashlib.sha256(json.dumps(sorted(hashes.items())).encode()).hexdigest()[:8]}"


def same_base(name: str, base: str) -> bool:
    """Whether the template name belongs to the base key (the base itself, or one with a customisation)."""
    return name == base or (name.startswith(base + "_") and "_" not in name[len(base) + 1:])


@dataclass(frozen=True)
class TemplateSpec:
    """What a template holds: its base key, the modules, and the customisation's modules by content digest."""

    base: str
    modules: tuple[str, ...]
    custom: Mapping[str, str] = field(default_factory=dict)  # module -> digest of its files
    install: tuple[str, ...] = ()  # customisation modules asked for (the rest come as their dependencies)
    languages: tuple[str, ...] = ()  # Odoo language codes loaded at build time (--load-language): fr_FR

    @property
    def name(self) -> str:
        return custom_template_name(self.base, self.custom)


def loaded_languages(languages: Iterable[str]) -> tuple[str, ...]:
    """The languages a template loads: English first, then the others sorted; none when no role has one.

    Odoo makes the first language of --load-language the database's own (res.lang.install_lang: the default
    language of partners, the company's and the administrator's), so English stays first: only the roles
    that name a language see it, as on a database where an administrator installed one.
    """
    others = sorted(set(languages) - {BASE_LANGUAGE})
    return (BASE_LANGUAGE, *others) if others else ()


def language_args(languages: Sequence[str]) -> list[str]:
    """Odoo's option that activates languages and loads their translations while the database is created."""
    loaded = loaded_languages(languages)
    return [f"--load-language={','.join(loaded)}"] if loaded else []


@dataclass(frozen=True)
class TemplatePlan:
    """How to get a template: it is there, update a clone of another one, or build it from nothing."""

    source: str | None = None  # the template to clone; None: build from nothing
    update: tuple[str, ...] = ()  # -u: modules whose files changed
    add: tuple[str, ...] = ()  # -i: modules the source lacks
    up_to_date: bool = False


def plan_template(spec: TemplateSpec, existing: Mapping[str, Mapping[str, str] | None],
                  created: Mapping[str, float] | None = None) -> TemplatePlan:
    """Choose the closest existing template of the same base key (most modules unchanged, then newest).

    existing maps each template to the customisation digests it was made with (None: unknown,
    so not reusable); a candidate must hold no module the customisation no longer installs.
    """
    if spec.name in existing:
        return TemplatePlan(up_to_date=True)
    created = created or {}
    candidates = []
    for name, digests in existing.items():
        if not same_base(name, spec.base):
            continue
        digests = {} if name == spec.base and digests is None else digests
        if digests is None or not set(digests) <= set(spec.custom):
            continue
        unchanged = sum(1 for module, digest in digests.items() if spec.custom[module] == digest)
        candidates.append((unchanged, created.get(name, 0.0), name, digests))
    if not candidates:
        return TemplatePlan()
    _, _, source, digests = max(candidates)
    update = tuple(module for module in spec.custom if module in digests and digests[module] != spec.custom[module])
    add = tuple(module for module in spec.custom if module not in digests)
    return TemplatePlan(source=source, update=update, add=add)


def superseded_templates(base: str, created: Mapping[str, float], keep: int = KEEP_TEMPLATES) -> list[str]:
    """Templates of the base key with a customisation, beyond the newest keep ones (never the base itself)."""
    custom = sorted((name for name in created if same_base(name, base) and name != base),
                    key=lambda name: created[name], reverse=True)
    return custom[keep:]


def failure_excerpt(log_text: str, modules: Sequence[str], preferred: Sequence[str] = ()) -> tuple[str | None, str]:
    """The module a failed Odoo run names (None when it names none) and the failure's lines to quote.

    The failure is the first ERROR or CRITICAL record with its traceback; the module is the last
    of `preferred` (the customisation's), else of `modules`, that a path or a "module <name>" in it
    names: the deepest frame is the culprit.
    """
    lines = log_text.splitlines()
    start = next((number for number, line in enumerate(lines)
                  if (match := LOG_RECORD.match(line)) and match["level"] in FAILURE_LEVELS), None)
    if start is None:
        return None, "\n".join(lines[-QUOTED_LINES:])
    # From the first failure record up to the end of the first traceback (a record such as
    # "Couldn't load module x" comes before the record that carries the traceback).
    end = start
    for _ in range(MAX_RECORDS):
        record_end = next((number for number in range(end + 1, len(lines)) if LOG_RECORD.match(lines[number])),
                          len(lines))
        traceback_found, end = record_end - end > 1, record_end
        if traceback_found or end == len(lines):
            break
    block = lines[start:end]
    text = "\n".join(block)
    culprit = last_named(text, preferred) or last_named(text, modules)
    quoted = block if len(block) <= QUOTED_LINES else [block[0], "  ...", *block[-(QUOTED_LINES - 2):]]
    return culprit, "\n".join(quoted)


def last_named(text: str, modules: Iterable[str]) -> str | None:
    """The module of modules that text names last, in a path (/name/) or as "module name"."""
    named = [(match.start(), module) for module in modules
             for match in re.finditer(rf"[/\\]{re.escape(module)}[/\\]|\bmodule:? '?{re.escape(module)}\b", text)]
    return max(named)[1] if named else None


def build_failure(log: Path, returncode: int | None, modules: Sequence[str], doing: str,
                  missing: Sequence[str] = (), preferred: Sequence[str] = ()) -> EmbeddedError:
    """The error for a failed install or update: the module named, Odoo's traceback quoted."""
    try:
        text = log.read_text(errors="replace")
    except OSError:
        text = ""
    culprit, excerpt = failure_excerpt(text, [*preferred, *modules], preferred)
    what = f"the module {culprit}" if culprit else "the module(s) " + ", ".join(modules or ["base"])
    outcome = f"Odoo exited with {returncode}" if returncode else "Odoo exited without error"
    if missing:
        outcome += f"; not installed: {', '.join(missing)}"
    return EmbeddedError(f"Odoo could not {doing} {what} ({outcome}). From {log}:\n" + indent(excerpt))


def indent(text: str, prefix: str = "    ") -> str:
    """Quote text as an indented block."""
    return "\n".join(prefix + line for line in text.splitlines())


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

    def mark_neutralized(self, name: str) -> None:
        """Record in the database what it is by construction: a neutralised throwaway (no mail server, no cron).

        The flag is Odoo's own (`odoo-bin neutralize` sets it); the suite's guard against
        production databases reads it, so the embedded Odoo passes that guard as any staging copy does.
        """
        self.cluster.sql(
            "INSERT INTO ir_config_parameter (key, value) VALUES ('database.is_neutralized', 'true') "
            "ON CONFLICT (key) DO UPDATE SET value = 'true'", db=name)

    def ensure_template(self, spec: TemplateSpec, runtime: OdooRuntime, config_file: Path, logs_dir: Path,
                        progress: Progress = lambda message: None, from_nothing: bool = False) -> None:
        """Make the template spec.name unless it exists: update a clone of the closest one, or build it."""
        name = spec.name
        self.lock_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with FileLock(str(self.lock_dir / f"{name}.lock"), timeout=TEMPLATE_LOCK_TIMEOUT):
            templates = self.templates()
            plan = plan_template(spec, {template: self.read_record(template) for template in templates},
                                 {template: self.created(template) for template in templates})
            if from_nothing and not plan.up_to_date:
                plan = TemplatePlan()
            if plan.up_to_date:
                progress(f"template up to date ({name}, checked in {time.monotonic() - started:.1f} s)")
                return
            # Builds interrupted by a killed run; we hold the lock, so none is going on.
            for leftover in self.names():
                if leftover.startswith(BUILD_PREFIX + name[len(TEMPLATE_PREFIX):] + "_"):
                    self.drop(leftover)
            check_modules_exist([*spec.modules, *spec.custom], runtime)
            build = f"{BUILD_PREFIX}{name[len(TEMPLATE_PREFIX):]}_{secrets.token_hex(2)}"
            log = logs_dir / f"{build}.log"
            try:
                if plan.source is None:
                    installing = [*spec.modules, *spec.install]
                    progress(f"building template {name} from nothing with {', '.join(installing) or 'base'} "
                             "(once; a minute or two)")
                    if spec.languages:
                        progress(f"with the language(s) {', '.join(spec.languages)} of the roles file")
                    self._build(build, runtime, installing, config_file, log, list(spec.custom), spec.languages)
                else:
                    changes = ", ".join([*(f"updating {module}" for module in plan.update),
                                         *(f"installing {module}" for module in plan.add)])
                    progress(f"{changes} on a clone of {plan.source} (into {name})")
                    self.clone(plan.source, build)
                    self._update(build, runtime, plan, config_file, log)
                self._warm_assets(build, runtime, config_file, log, progress)
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

    def created(self, name: str) -> float:
        """When a template was made (its record's time; 0 when it has none)."""
        try:
            return self.record_file(name).stat().st_mtime
        except OSError:
            return 0.0

    def write_record(self, name: str, spec: TemplateSpec) -> None:
        self.records_dir.mkdir(parents=True, exist_ok=True)
        record = {"base": spec.base, "modules": list(spec.modules), "install": list(spec.install),
                  "languages": list(spec.languages), "custom": dict(spec.custom), "created": datetime.now().isoformat(timespec="seconds")}
        self.record_file(name).write_text(json.dumps(record, indent=1))

    def prune_templates(self, base: str, logs_dir: Path, progress: Progress) -> None:
        """Drop the templates of base superseded by newer ones, keeping the newest KEEP_TEMPLATES."""
        for name in superseded_templates(base, {template: self.created(template) for template in self.templates()}):
            with FileLock(str(self.lock_dir / f"{name}.lock"), timeout=TEMPLATE_LOCK_TIMEOUT):
                if self.exists(name) and self.drop(name):
                    self.record_file(name).unlink(missing_ok=True)
                    (logs_dir / f"{name}.log").unlink(missing_ok=True)
                    progress(f"dropped the superseded template {name}")

    # -- running Odoo on a database being built ----------------------------------------
    def _build(self, db: str, runtime: OdooRuntime, modules: Sequence[str], config_file: Path, log: Path,
               custom: Sequence[str] = (), languages: Sequence[str] = ()) -> None:
        args = ["-i", ",".join(["base", *modules]), *language_args(languages)]
        returncode = self._run_odoo(db, runtime, args, config_file, log)
        missing = self._missing_modules(db, ["base", *modules])
        if returncode != 0 or missing:
            raise build_failure(log, returncode, list(modules), "install", missing, custom)
        inactive = self._inactive_languages(db, loaded_languages(languages))
        if inactive:
            raise EmbeddedError(f"Odoo did not activate the language(s) {', '.join(inactive)} that the roles file "
                                f"names (language = ...): write Odoo language codes such as fr_FR, es_ES. See {log}.")

    def _inactive_languages(self, db: str, languages: Sequence[str]) -> list[str]:
        """The languages of the list that are not active in db."""
        if not languages:
            return []
        rows = self.cluster.sql("SELECT code FROM res_lang WHERE active", db=db)
        active = {row[0] for row in rows}
        return [language for language in languages if language not in active]

    def _update(self, db: str, runtime: OdooRuntime, plan: TemplatePlan, config_file: Path, log: Path) -> None:
        """-u the changed modules and -i the added ones on db, a clone of plan.source."""
        args = [*(["-u", ",".join(plan.update)] if plan.update else []),
                *(["-i", ",".join(plan.add)] if plan.add else [])]
        returncode = self._run_odoo(db, runtime, args, config_file, log)
        missing = self._missing_modules(db, [*plan.update, *plan.add])
        if returncode == 0 and not missing:
            return
        doing = "update" if plan.update and not plan.add else "install" if plan.add and not plan.update \
            else "install or update"
        changing = [*plan.update, *plan.add]
        raise build_failure(log, returncode, changing, doing, missing, changing)

    def _run_odoo(self, db: str, runtime: OdooRuntime, args: Sequence[str], config_file: Path, log: Path) -> int:
        """Run Odoo on db with args until it has initialised the database; its exit code."""
        argv = [
            *runtime.command(),
            *odoo_args(self.cluster, runtime, self.data_dir, config_file),
            "-d", db, *args, "--stop-after-init", "--no-http", "--max-cron-threads=0", f"--logfile={log}",
        ]
        if runtime.source.major < 19:
            argv.append("--without-demo=all")  # 19.0 loads no demo data unless --with-demo
        process = spawn(argv, log, env=self.cluster.env)
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
