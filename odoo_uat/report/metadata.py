"""Run metadata in the Allure results dir: environment.properties, executor.json, categories.json."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import subprocess
import tempfile
import tomllib
from collections.abc import Iterable, Mapping
from importlib import metadata as importlib_metadata
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from filelock import FileLock

from odoo_uat.report import properties
from odoo_uat.report.categories import allure2_categories

ENVIRONMENT_FILE = "environment.properties"
EXECUTOR_FILE = "executor.json"
CATEGORIES_FILE = "categories.json"

# Property names in environment.properties; the exit report reads them back.
ODOO_VERSION = "Odoo version"
ODOO_EDITION = "Odoo edition"
ODOO_URL = "Odoo URL"
DATABASE = "Database"
MODULES = "Odoo modules"
WAVE = "Wave"
FRAMEWORK_VERSION = "odoo-uat version"
GIT_COMMIT = "Git commit"
RUN_ID = "Run id"
PYTHON = "Python"

# Keys of the server dict -> property names.
SERVER_KEYS = {
    "version": ODOO_VERSION,
    "edition": ODOO_EDITION,
    "url": ODOO_URL,
    "database": DATABASE,
    "db": DATABASE,
    "modules": MODULES,
}
# One property per role a run acted as: "Role as run: <role>" -> JSON {"login", "default_access", "groups":
# {XML id: name as Odoo shows it}, "administrators": [XML ids]}. One key per role, so workers and shards merge.
ROLE_AS_RUN = "Role as run: "
SECRET_KEY = re.compile(r"pass(word|wd)?|secret|token|api[_ -]?key|credential|login|user(name)?$", re.I)
PROJECT_NAME = "odoo-uat"


def update_environment(results_dir: str | os.PathLike[str], values: Mapping[str, str]) -> Path:
    """Merge properties into environment.properties; safe when xdist workers write at once."""
    directory = Path(results_dir)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / ENVIRONMENT_FILE
    with _lock(path):
        merged = {**properties.read(path), **{k: str(v) for k, v in values.items()}}
        _write_atomically(path, properties.dumps(merged))
    return path


def write_environment(results_dir: str | os.PathLike[str], server: Mapping[str, object]) -> Path:
    """Record the Odoo under test: version, edition, url, database, modules {name: version}; never credentials."""
    values: dict[str, str] = {}
    for key, value in server.items():
        if SECRET_KEY.search(key) or value is None:
            continue  # credentials never reach a report that is shared
        name = SERVER_KEYS.get(key, key)
        if name == ODOO_URL:
            value = without_credentials(str(value))
        elif name == MODULES:
            value = format_modules(value)  # type: ignore[arg-type]
        values[name] = str(value)
    return update_environment(results_dir, values)


def write_role_as_run(
    results_dir: str | os.PathLike[str],
    role: str,
    login: str,
    groups: Iterable[tuple[str, str]],
    administrators: Iterable[str] = (),
    default_access: bool = False,
) -> Path:
    """Record the groups a role's user held in the run: (XML id, shown name) pairs, the administrator ones named."""
    value = {
        "login": login,
        "default_access": default_access,
        "groups": dict(groups),
        "administrators": sorted(administrators),
    }
    return update_environment(results_dir, {ROLE_AS_RUN + role: json.dumps(value, ensure_ascii=False)})


def write_run_metadata(
    results_dir: str | os.PathLike[str], root: Path, wave: str | None, run_id: str | None = None
) -> list[Path]:
    """Write what the framework knows itself: run id, versions, git commit, wave, categories, CI executor."""
    directory = Path(results_dir)
    values = {FRAMEWORK_VERSION: framework_version(), GIT_COMMIT: git_commit(root), PYTHON: platform.python_version()}
    if run_id:
        values[RUN_ID] = run_id
    if wave:
        values[WAVE] = wave
    written = [update_environment(directory, values), write_categories(directory)]
    if executor := ci_executor(os.environ):
        written.append(_write_json(directory / EXECUTOR_FILE, executor))
    return written


def write_categories(results_dir: str | os.PathLike[str]) -> Path:
    """Write categories.json (Allure 2 format) into the results dir."""
    return _write_json(Path(results_dir) / CATEGORIES_FILE, allure2_categories())


def ci_executor(env: Mapping[str, str]) -> dict[str, object] | None:
    """Describe the CI build for executor.json, or None outside CI (CI=true)."""
    if env.get("CI", "").lower() not in ("true", "1", "yes"):
        return None
    if env.get("GITHUB_ACTIONS") == "true" or "GITHUB_RUN_ID" in env:
        server, repo, run = (
            env.get("GITHUB_SERVER_URL", "https://github.com"),
            env.get("GITHUB_REPOSITORY", ""),
            env.get("GITHUB_RUN_ID", ""),
        )
        executor = {
            "name": "GitHub Actions",
            "type": "github",
            "url": server,
            "buildOrder": env.get("GITHUB_RUN_NUMBER"),
            "buildName": f"{env.get('GITHUB_WORKFLOW', 'workflow')} #{env.get('GITHUB_RUN_NUMBER', run)}",
            "buildUrl": f"{server}/{repo}/actions/runs/{run}" if repo and run else None,
        }
    elif env.get("GITLAB_CI") or "CI_PIPELINE_ID" in env:
        pipeline = env.get("CI_PIPELINE_IID") or env.get("CI_PIPELINE_ID", "")
        executor = {
            "name": "GitLab CI",
            "type": "gitlab",
            "url": env.get("CI_SERVER_URL"),
            "buildOrder": pipeline,
            "buildName": f"{env.get('CI_JOB_NAME', 'job')} #{pipeline}",
            "buildUrl": env.get("CI_JOB_URL") or env.get("CI_PIPELINE_URL"),
        }
    else:
        executor = {"name": "CI", "type": "ci", "buildName": env.get("CI_JOB_NAME") or platform.node()}
    if env.get("ALLURE_REPORT_URL"):
        executor["reportUrl"] = env["ALLURE_REPORT_URL"]
    if isinstance(order := executor.get("buildOrder"), str):
        executor["buildOrder"] = int(order) if order.isdigit() else None
    return {k: v for k, v in executor.items() if v not in (None, "")}


def without_credentials(url: str) -> str:
    """Drop user:password@ and the query string from a URL."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", "")) if parts.scheme else url


def format_modules(modules: Mapping[str, str] | Iterable[str] | Iterable[tuple[str, str]]) -> str:
    """Render installed modules as "name version, name version" sorted by name."""
    if isinstance(modules, Mapping):
        pairs = [(str(k), str(v or "")) for k, v in modules.items()]
    else:
        pairs = [(m, "") if isinstance(m, str) else (str(m[0]), str(m[1] or "")) for m in modules]
    return ", ".join(f"{name} {version}".strip() for name, version in sorted(pairs))


def framework_version() -> str:
    """The odoo-uat version: the installed distribution, else the pyproject.toml beside the package."""
    try:
        return importlib_metadata.version(PROJECT_NAME)
    except importlib_metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def git_commit(root: Path, ignoring: Iterable[Path] = ()) -> str:
    """The commit under test (CI variables first), marked when the work tree has changes other than the files
    `ignoring` names (a speed baseline that the same command has just written is no change to what it measures)."""
    for variable in ("GITHUB_SHA", "CI_COMMIT_SHA"):
        if sha := os.environ.get(variable):
            return sha[:12]
    sha = _git(root, "rev-parse", "--short=12", "HEAD")
    if not sha:
        return "unknown"
    top = root.resolve()
    inside = [path for path in map(Path.resolve, map(Path, ignoring)) if path.is_relative_to(top)]
    excluded = [f":(exclude){path.relative_to(top)}" for path in inside]
    changed = _git(root, "status", "--porcelain", "--untracked-files=no", "--", ".", *excluded)
    return f"{sha} (with uncommitted changes)" if changed else sha


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _lock(path: Path) -> FileLock:
    # Outside the results dir: Allure would read any file there as an attachment.
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:16]
    return FileLock(Path(tempfile.gettempdir()) / f"odoo-uat-{digest}.lock")


def _write_json(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
