"""No secret in what a run writes, on the embedded Odoo, in four endings: a scenario that fails after a role worked in
the web client, a role whose login Odoo refuses, and a run interrupted by SIGINT and by SIGTERM while a role's trace is
being recorded. Every file the run wrote (reports/, pytest's temporary folder, the temporary folder where traces are
staged, the Odoo log) and the terminal output are searched for the admin's and the roles' passwords and the session
cookies, and scanned by detect-secrets."""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from odoo_uat.report.scrub import MASK

pytestmark = pytest.mark.e2e

PROJECT = Path(__file__).resolve().parents[2]
ROLE = "Sales coordinator"
COOKIE_PREFIX = 24  # Odoo logs the first 42 characters of a session id: a prefix identifies it too
MIN_SECRET = 9  # shorter values (a default "admin") are no secret worth searching for: they are in logins and names
STAGING_GLOB = "odoo-uat-evidence-*"  # odoo_uat/plugins/evidence.py: where traces are recorded before they are masked
PLAYWRIGHT_TEMPORARY_GLOB = "playwright-pytest-*"  # pytest-playwright's own, where its contexts' traces start
ENDINGS = ("fails", "login refused", "SIGINT", "SIGTERM")
# detect-secrets' hex-entropy plugin flags content hashes too; these keys hold hashes of public content
# (Odoo's registry and translations, avatar caches; Allure's ids of a test), never a credential.
# An avatar's cache key (a hash of the image) is also the web client's avatarCacheKey and an image URL's ?unique=
# (/web/image/discuss.channel/1/avatar_128?unique=…), as Discuss loads it.
NON_SECRET_HASH_KEYS = frozenset(
    {"registry_hash", "hash", "avatar_cache_key", "avatarCacheKey", "unique", "historyId", "testCaseId"}
)
RUN_TIMEOUT_S = 900  # the embedded Odoo's start, one scenario, the exit report; a hang ends the test

FEATURE = f"""\
@order_to_cash
Feature: Secrets probe
  Scenario: A check fails after a role worked in the web client
    Given the following customers exist:
      | Name               |
      | Secrets Probe Acme |
    And the following products exist:
      | Name              | Type  | Sales price | Cost  |
      | Secrets Probe Box | Goods | 45.00       | 30.00 |
    And I am logged in as a "{ROLE}"
    When I create a quotation for "Secrets Probe Acme" with 2 units of "Secrets Probe Box"
    Then the status is "Locked"
"""
# The project's own plugins and steps, loaded from a copy's root (allure-pytest-bdd needs the feature
# under the rootdir), plus what the probe needs: every secret the run held written down for the search (the admin's
# and the roles' passwords, the cookies of every browser context, before it closes), the Odoo log's path; for "login
# refused" a role user whose password the suite gets wrong; for SIGINT and SIGTERM the signal sent to the run itself
# once a role acted in the web client (its trace being recorded).
CONFTEST = f"""\
import importlib.util, json, os, signal, sys
import pytest
sys.path.insert(0, {str(PROJECT)!r})
spec = importlib.util.spec_from_file_location("odoo_uat_project_conftest", {str(PROJECT / "conftest.py")!r})
project = importlib.util.module_from_spec(spec)
spec.loader.exec_module(project)
pytest_plugins = project.pytest_plugins
ENDING = os.environ["SECRETS_PROBE_ENDING"]
WRONG = os.environ["SECRETS_PROBE_WRONG_PASSWORD"]


def capture(acting, target):
    values = [secret.reveal() for secret in acting.known_secrets()] + [WRONG]
    record(values, str(target.log_path or ""))


def record(values, log=""):
    with open({{captured!r}}, "a") as handle:
        handle.write(json.dumps({{{{"values": values, "log": log}}}}) + "\\n")


@pytest.fixture(scope="session")
def role_users(role_users):
    if ENDING != "login refused":
        return role_users

    class Refused:
        def ensure(self, name):
            role, password = role_users.ensure(name)  # the user exists, with the run's password; the suite sends another
            record([password.reveal()])  # held by the run all the same: it must not leak either
            return role, WRONG

    return Refused()


@pytest.fixture(autouse=True)
def _capture_secrets(acting, odoo_target):
    yield
    capture(acting, odoo_target)


def pytest_bdd_after_step(request, feature, scenario, step, step_func, step_func_args):
    if ENDING in ("SIGINT", "SIGTERM") and step.keyword == "When":
        capture(request.getfixturevalue("acting"), request.getfixturevalue("odoo_target"))
        os.kill(os.getpid(), getattr(signal, ENDING))
"""
BINDING = """\
import pytest
from pytest_bdd import scenarios
pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("odoo_target")]
scenarios(".")
"""


@pytest.fixture(scope="module")
def settings(embedded_settings):
    return embedded_settings


@pytest.fixture(scope="module")
def detect_secrets():
    return pytest.importorskip(
        "detect_secrets",
        reason="detect-secrets is not installed: `.venv/bin/pip install detect-secrets` "
        "(until it is pinned in requirements.lock)",
    )


def failing_project(root: Path, captured: Path) -> None:
    """A copy of the project's settings and roles with one feature whose last check fails."""
    features = root / "features" / "order_to_cash"
    features.mkdir(parents=True)
    for name in ("pyproject.toml", "roles.toml", "features/requirements.csv"):
        shutil.copy(PROJECT / name, root / name)
    (features / "secrets_probe.feature").write_text(FEATURE)
    (root / "features" / "test_feature_files.py").write_text(BINDING)
    (root / "conftest.py").write_text(CONFTEST.format(captured=str(captured)))


def run(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> int:
    """Run a command, its terminal output (stdout and stderr) kept in `log` to be scanned too."""
    with log.open("wb") as output:
        return subprocess.run(
            command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT, timeout=RUN_TIMEOUT_S, check=False
        ).returncode


def written_files(*folders: Path) -> Iterator[tuple[str, bytes]]:
    """Every file under these folders, and every member of every zip among them, as (name, content)."""
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            yield str(path), data
            if zipfile.is_zipfile(io.BytesIO(data)):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    for member in archive.namelist():
                        yield f"{path}!{member}", archive.read(member)


def is_known_hash(secret_value: str, text: str) -> bool:
    """Whether a finding is the value of a JSON key, or of a URL's query parameter, that holds a hash of public
    content (the web client asks /web/webclient/translations?hash=… once its page is reused)."""
    value = re.escape(secret_value)
    forms = (
        rf'"(?!value")(\w+)"\s*:\s*"{value}"',  # {"hash": "<value>"}
        rf'"name"\s*:\s*"(\w+)"\s*,\s*"value"\s*:\s*"{value}"',  # a trace's query: {"name": "hash", "value": …}
        rf"[?&](\w+)={value}\b",
    )  # …?hash=<value>&…
    keys = [match.group(1) for form in forms for match in re.finditer(form, text)]
    return bool(keys) and all(key in NON_SECRET_HASH_KEYS for key in keys)


def detect_secrets_findings(detect_secrets, files: list[tuple[str, bytes]], scratch: Path) -> list[str]:
    """What detect-secrets (default plugins and filters) finds in the text files, but for the masks and known
    hashes, as 'file:line type'."""
    from detect_secrets import SecretsCollection
    from detect_secrets.settings import default_settings

    scratch.mkdir()
    names: dict[str, str] = {}
    for index, (name, data) in enumerate(files):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # images, videos: no text to leak through a scan
        copy = scratch / f"{index}.txt"
        copy.write_text(text)
        names[str(copy)] = name
    collection = SecretsCollection()
    with default_settings():
        for copy in names:
            collection.scan_file(copy)
    return [
        f"{names[file]}:{secret.line_number} {secret.type}"
        for file, secrets in collection.data.items()
        for secret in secrets
        if MASK not in (secret.secret_value or "")
        and not is_known_hash(secret.secret_value or "", Path(file).read_text())
    ]


def project_environment() -> dict[str, str]:
    """This environment, the project importable from the probe's folder: its settings load the project's plugins
    (`-p odoo_uat.plugins.odoo_server`) before its conftest can put the project on the path."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")]))}


def run_the_probe(settings, root: Path, ending: str, env_extra: dict[str, str]) -> int:
    """The probe's pytest run; a refused login with --showlocals and long tracebacks, so that any frame holding a
    password would show it."""
    env = {
        **project_environment(),
        "ODOO_SRC": str(settings.src),
        "PYTHONDONTWRITEBYTECODE": "1",
        "SECRETS_PROBE_ENDING": ending,
        **env_extra,
    }
    env.pop("ODOO_URL", None)
    tracing = ["--tracing", "on"] if ending in ("SIGINT", "SIGTERM") else []  # a trace is being recorded when it stops
    frames = ["--showlocals", "--tb=long"] if ending == "login refused" else []
    return run(
        [
            sys.executable,
            "-m",
            "pytest",
            "features",
            f"--basetemp={root / 'basetemp'}",
            "-p",
            "no:randomly",
            *frames,
            *tracing,
            "--trace-snapshots",  # the DOM at each action in the traces too: the most a trace holds
        ],
        root,
        env,
        root / "terminal-pytest.txt",
    )


def render_exit_report(root: Path, env: dict[str, str]) -> int:
    reports = root / "reports"
    return run(
        [
            sys.executable,
            "-m",
            "odoo_uat.report",
            "--results",
            str(reports / "allure-results"),
            "--output",
            str(reports),
            "--allure-report",
            str(reports / "allure-report"),
            "--pyproject",
            str(root / "pyproject.toml"),
            "--report-only",
        ],
        PROJECT,
        env,
        root / "terminal-exit-report.txt",
    )


@pytest.fixture
def short_temporary() -> Iterator[Path]:
    """The run's own TMPDIR, with a short path: Chromium's singleton socket there must fit a Unix socket path (108
    bytes), which pytest's tmp_path (/tmp/pytest-of-<user>/pytest-N/<test name>/…) does not leave room for."""
    folder = Path(tempfile.mkdtemp(prefix="uat-s-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("ending", ENDINGS)
def test_a_run_writes_no_password_or_session_anywhere(settings, detect_secrets, tmp_path, short_temporary, ending):
    root, captured, temporary = tmp_path / "project", tmp_path / "captured.ndjson", short_temporary
    root.mkdir()
    failing_project(root, captured)
    reports, basetemp = root / "reports", root / "basetemp"
    wrong = secrets.token_urlsafe(24)  # "login refused": the password the suite sends instead of the role's
    extra = {"SECRETS_PROBE_WRONG_PASSWORD": wrong, "TMPDIR": str(temporary)}
    status = run_the_probe(settings, root, ending, extra)
    terminal_text = (root / "terminal-pytest.txt").read_text()
    expected = pytest.ExitCode.INTERRUPTED if ending in ("SIGINT", "SIGTERM") else pytest.ExitCode.TESTS_FAILED
    assert status == expected, terminal_text[-4000:]
    if ending == "login refused":
        assert "Access Denied" in terminal_text and "password = Secret('******')" in terminal_text, terminal_text[
            -4000:
        ]
    if ending not in ("SIGINT", "SIGTERM"):
        env = {**project_environment(), "ODOO_SRC": str(settings.src)}
        assert render_exit_report(root, env) == 0, (root / "terminal-exit-report.txt").read_text()[-4000:]

    # What a leak would be: every secret the run held (the admin's and the roles' passwords, the password the suite
    # sent for "login refused", every cookie value the browser contexts held) and a session id's prefix, as Odoo logs.
    records = [json.loads(line) for line in captured.read_text().splitlines()]
    held = {value for record in records for value in record["values"] if len(value) >= MIN_SECRET}
    assert wrong in held and len(held) > 2, (
        "the run held no password or session cookie: nothing was proven; it held values of lengths "
        + ", ".join(f"{len(value)} ({value[:3]}…)" for record in records for value in record["values"])
    )
    known = {
        "secret": sorted(held),
        "session cookie prefix": sorted(value[:COOKIE_PREFIX] for value in held if len(value) > COOKIE_PREFIX),
    }

    logs = sorted({Path(record["log"]) for record in records if record["log"]})
    terminal = [(str(path), path.read_bytes()) for path in sorted(root.glob("terminal-*.txt"))]
    odoo_logs = [(str(path), path.read_bytes()) for path in logs if path.is_file()]
    scanned = [*written_files(reports, basetemp), *terminal]
    files = [*scanned, *odoo_logs]  # Odoo's log is searched for the values; its asset hashes would fool detect-secrets
    names = [name for name, _ in files]
    left = [*temporary.glob(STAGING_GLOB), *temporary.glob(PLAYWRIGHT_TEMPORARY_GLOB)]
    assert left == [], f"temporary folders of unmasked traces were left behind: {left}"
    if ending == "fails":  # the run kept what a committee reads: a trace, the Odoo log lines, JUnit, the exit report
        assert any(name.endswith("trace.zip!trace.network") for name in names), names
        assert any(name.endswith("-attachment.zip!trace.network") for name in names), names
        assert any(name.endswith("-attachment.txt") for name in names), names
        assert {"junit.xml", "environment.properties", "exit-report.json", "exit-report.md", "exit-report.html"} <= {
            Path(name).name for name in names
        }
    if ending in ("SIGINT", "SIGTERM"):  # the trace being recorded was never kept: it was not masked
        assert not any(name.endswith(".zip") for name in names), names

    leaks = [
        f"{what} in {name}"
        for name, data in files
        for what, values in known.items()
        for value in values
        if value.encode() in data
    ]
    assert leaks == [], "\n".join(leaks)

    if ending == "fails":  # the trace is still a valid trace, masked rather than emptied
        network = next(data for name, data in files if name.endswith("trace.zip!trace.network")).decode()
        events = [json.loads(line) for line in network.splitlines()]
        headers = [header for event in events for header in event["snapshot"]["request"]["headers"]]
        assert {"name": "Cookie", "value": MASK} in headers

    findings = detect_secrets_findings(detect_secrets, scanned, tmp_path / "scan")
    assert findings == [], "\n".join(findings)
