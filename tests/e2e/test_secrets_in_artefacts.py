"""No secret in what a failing run writes: a scenario fails on the embedded Odoo after a role logged in, then
every file the run wrote is searched for the passwords and session cookies, and scanned by detect-secrets."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from odoo_uat.odoo.roles import Roles
from odoo_uat.report.scrub import MASK

pytestmark = pytest.mark.e2e

PROJECT = Path(__file__).resolve().parents[2]
ROLE = "Sales coordinator"
DB_PROPERTY = "Database"  # environment.properties: the database the run used (role passwords are keyed by it)
EMBEDDED_ADMIN_PASSWORD = "admin"  # odoo_uat/embedded/server.py: Odoo's default, on a loopback-only server
COOKIE_PREFIX = 24  # Odoo logs the first 42 characters of a session id: a prefix identifies it too
# detect-secrets' hex-entropy plugin flags content hashes too; these keys hold hashes of public content
# (Odoo's registry and translations, avatar caches; Allure's ids of a test), never a credential.
NON_SECRET_HASH_KEYS = frozenset({"registry_hash", "hash", "avatar_cache_key", "historyId", "testCaseId"})
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
# under the rootdir), plus a fixture that reads every browser context's cookies before it closes.
CONFTEST = f"""\
import importlib.util, json, sys
import pytest
sys.path.insert(0, {str(PROJECT)!r})
spec = importlib.util.spec_from_file_location("odoo_uat_project_conftest", {str(PROJECT / "conftest.py")!r})
project = importlib.util.module_from_spec(spec)
spec.loader.exec_module(project)
pytest_plugins = project.pytest_plugins

@pytest.fixture(autouse=True)
def _capture_cookies(acting):
    yield
    values = [cookie["value"] for page in acting.pages_by_role().values() if not page.is_closed()
              for cookie in page.context.cookies()]
    with open({{cookies!r}}, "a") as handle:
        handle.write(json.dumps(values) + "\\n")
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


def failing_project(root: Path, cookies: Path) -> None:
    """A copy of the project's settings and roles with one feature whose last check fails."""
    features = root / "features" / "order_to_cash"
    features.mkdir(parents=True)
    for name in ("pyproject.toml", "roles.toml", "features/requirements.csv"):
        shutil.copy(PROJECT / name, root / name)
    (features / "secrets_probe.feature").write_text(FEATURE)
    (root / "features" / "test_feature_files.py").write_text(BINDING)
    (root / "conftest.py").write_text(CONFTEST.format(cookies=str(cookies)))


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


def read_environment(results: Path) -> dict[str, str]:
    """environment.properties as a dict (keys unescaped)."""
    pairs = (
        line.split("=", 1) for line in (results / "environment.properties").read_text().splitlines() if "=" in line
    )
    return {key.replace("\\ ", " "): value for key, value in pairs}


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


def test_a_failing_run_writes_no_password_or_session_anywhere(settings, detect_secrets, tmp_path):
    root, cookies_file = tmp_path / "project", tmp_path / "cookies.ndjson"
    root.mkdir()
    failing_project(root, cookies_file)
    reports, basetemp = root / "reports", root / "basetemp"
    env = {**os.environ, "ODOO_SRC": str(settings.src), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("ODOO_URL", None)
    status = run(
        [sys.executable, "-m", "pytest", "features", f"--basetemp={basetemp}", "-p", "no:randomly"],
        root,
        env,
        root / "terminal-pytest.txt",
    )
    assert status == 1, (root / "terminal-pytest.txt").read_text()[-4000:]
    report_status = run(
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
    assert report_status == 0, (root / "terminal-exit-report.txt").read_text()[-4000:]

    # What a leak would be: the role's password (keyed by the admin's and the run's database) and every cookie
    # value the browser contexts held while the scenario ran. The embedded admin password itself is Odoo's
    # public default "admin", which appears in logins and names: searching for it would prove nothing.
    database = read_environment(reports / "allure-results")[DB_PROPERTY]
    role_password = Roles(PROJECT / "roles.toml")[ROLE].password(EMBEDDED_ADMIN_PASSWORD, database)
    cookies = {value for line in cookies_file.read_text().splitlines() for value in json.loads(line) if len(value) > 8}
    assert cookies, "the scenario's browser contexts held no session cookie: nothing was proven"
    known = {
        "role password": [role_password],
        "session cookie": sorted(cookies),
        "session cookie prefix": sorted(value[:COOKIE_PREFIX] for value in cookies),
    }

    terminal = [(str(path), path.read_bytes()) for path in sorted(root.glob("terminal-*.txt"))]
    files = [*written_files(reports, basetemp), *terminal]
    names = [name for name, _ in files]
    # The run kept what a committee reads: a trace, the Odoo log lines, JUnit, the exit report.
    assert any(name.endswith("trace.zip!trace.network") for name in names), names
    assert any(name.endswith("-attachment.zip!trace.network") for name in names), names
    assert any(name.endswith("-attachment.txt") for name in names), names
    assert {"junit.xml", "environment.properties", "exit-report.json", "exit-report.md", "exit-report.html"} <= {
        Path(name).name for name in names
    }

    leaks = [
        f"{what} in {name}"
        for name, data in files
        for what, values in known.items()
        for value in values
        if value.encode() in data
    ]
    assert leaks == [], "\n".join(leaks)

    # The trace is still a valid trace, masked rather than emptied.
    network = next(data for name, data in files if name.endswith("trace.zip!trace.network")).decode()
    events = [json.loads(line) for line in network.splitlines()]
    headers = [header for event in events for header in event["snapshot"]["request"]["headers"]]
    assert {"name": "Cookie", "value": MASK} in headers

    findings = detect_secrets_findings(detect_secrets, files, tmp_path / "scan")
    assert findings == [], "\n".join(findings)
