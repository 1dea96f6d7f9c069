"""Run metadata files, failure categories and the Allure 3 config."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from odoo_uat.report import properties
from odoo_uat.report.allure_config import allure_config
from odoo_uat.report.categories import (
    CATEGORIES,
    ENVIRONMENT_PROBLEMS,
    KNOWN_DEFECTS,
    PRODUCT_DEFECTS,
    TEST_PROBLEMS,
    allure2_categories,
    allure3_categories,
    classify,
)
from odoo_uat.report.metadata import (
    ci_executor,
    format_modules,
    git_commit,
    update_environment,
    write_environment,
)


def test_properties_survive_a_round_trip() -> None:
    values = {"Odoo URL": "https://odoo.example.com:8443/web", "Key: with = signs": "a\\b\nc", "Ünïcode": "ä"}
    assert properties.loads(properties.dumps(values)) == values


def test_the_environment_never_holds_credentials(tmp_path: Path) -> None:
    path = write_environment(
        tmp_path,
        {
            "version": "19.0",
            "edition": "enterprise",
            "url": "https://admin:s3cret@odoo.example.com/web?password=x",
            "database": "uat",
            "login": "admin",
            "password": "s3cret",
            "api_key": "k",
            "modules": {"stock": "19.0.1.1", "sale": "19.0.1.2"},
        },
    )
    text = path.read_text(encoding="utf-8")
    assert "s3cret" not in text and "admin" not in text and "api" not in text
    assert properties.read(path) == {
        "Odoo version": "19.0",
        "Odoo edition": "enterprise",
        "Odoo URL": "https://odoo.example.com/web",
        "Database": "uat",
        "Odoo modules": "sale 19.0.1.2, stock 19.0.1.1",
    }


def test_environment_writes_merge(tmp_path: Path) -> None:
    update_environment(tmp_path, {"Wave": "2"})
    write_environment(tmp_path, {"version": "18.0"})
    assert properties.read(tmp_path / "environment.properties") == {"Wave": "2", "Odoo version": "18.0"}


def test_modules_may_come_as_pairs() -> None:
    assert format_modules([("stock", "1.1"), ("account", None)]) == "account, stock 1.1"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        ({"CI": "false", "GITHUB_RUN_ID": "1"}, None),
        (
            {
                "CI": "true",
                "GITLAB_CI": "true",
                "CI_JOB_NAME": "uat",
                "CI_PIPELINE_IID": "12",
                "CI_JOB_URL": "https://gl/job/3",
            },
            {
                "name": "GitLab CI",
                "type": "gitlab",
                "buildOrder": 12,
                "buildName": "uat #12",
                "buildUrl": "https://gl/job/3",
            },
        ),
        ({"CI": "true", "CI_JOB_NAME": "uat"}, {"name": "CI", "type": "ci", "buildName": "uat"}),
    ],
)
def test_the_ci_executor_is_described_only_in_ci(env: dict[str, str], expected: dict | None) -> None:
    assert ci_executor(env) == expected


@pytest.mark.parametrize(
    ("status", "message", "labels", "category"),
    [
        ("failed", "AssertionError: Invoice total is 1150.00, expected 1200.00", {}, PRODUCT_DEFECTS),
        ("broken", "odoorpc.error.RPCError: odoo.exceptions.UserError: over credit limit", {}, PRODUCT_DEFECTS),
        ("broken", "Error: Invalid Operation\nYou cannot validate a transfer", {}, PRODUCT_DEFECTS),
        ("broken", "ConnectionRefusedError: [Errno 111] Connection refused", {}, ENVIRONMENT_PROBLEMS),
        ("broken", "URLError: <urlopen error [Errno 111] Connection refused>", {}, ENVIRONMENT_PROBLEMS),
        (
            "broken",
            "odoo_uat.web.browser.SessionEnded: Odoo answered the page with its login form",
            {},
            ENVIRONMENT_PROBLEMS,
        ),
        (
            "broken",
            "playwright._impl._errors.TimeoutError: Locator.click: Timeout 30000ms exceeded.",
            {},
            ENVIRONMENT_PROBLEMS,
        ),
        (
            "broken",
            "pytest_bdd.exceptions.StepDefinitionNotFoundError: Step definition is not found",
            {},
            TEST_PROBLEMS,
        ),
        ("broken", "fixture 'odoo' not found", {}, TEST_PROBLEMS),
        ("failed", "AssertionError: discount lost", {"defect": ("UAT-1",)}, KNOWN_DEFECTS),
        ("broken", "ConnectionRefusedError", {"defect": ("UAT-1",)}, KNOWN_DEFECTS),
        ("passed", "", {"defect": ("UAT-1",)}, None),
        ("skipped", "Skipped: module missing", {}, None),
    ],
)
def test_failures_are_classified(status: str, message: str, labels: dict, category: str | None) -> None:
    assert classify(status, message, labels) == category


def test_categories_json_matches_whole_messages_as_allure_2_does() -> None:
    entries = allure2_categories()
    assert KNOWN_DEFECTS not in {e["name"] for e in entries}  # Allure 2 cannot match labels
    [environment] = [e for e in entries if e["name"] == ENVIRONMENT_PROBLEMS]
    assert re.fullmatch(environment["messageRegex"], "Setup failed\nConnectionRefusedError: refused\nmore")


def test_category_patterns_use_no_inline_flags_javascript_would_reject() -> None:
    for category in CATEGORIES:
        assert category.message is None or not re.search(r"\(\?[aiLmsux]", category.message)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_category_patterns_compile_in_javascript() -> None:
    patterns = [m["message"] for rule in allure3_categories() for m in rule["matchers"] if "message" in m]
    script = "for (const p of JSON.parse(process.argv[1])) new RegExp(p);"
    subprocess.run(["node", "-e", script, json.dumps(patterns)], check=True)


def test_the_allure_config_keeps_history_and_groups_by_process_area(tmp_path: Path) -> None:
    config = allure_config(tmp_path / "allure-report", tmp_path / "history.jsonl")
    assert config["historyPath"] == str(tmp_path / "history.jsonl")
    awesome = config["plugins"]["awesome"]["options"]
    assert awesome["singleFile"] is True and awesome["groupBy"] == ["epic", "feature"]
    [known] = [rule for rule in config["categories"] if rule["name"] == KNOWN_DEFECTS]
    assert known["matchers"] == [{"statuses": ["failed", "broken"], "labels": {"defect": ".+"}}]
    assert [rule["name"] for rule in config["categories"]] == [
        KNOWN_DEFECTS,
        ENVIRONMENT_PROBLEMS,
        PRODUCT_DEFECTS,
        TEST_PROBLEMS,
    ]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_commit_is_marked_changed_unless_only_an_ignored_file_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """make speed-baseline writes the scenarios' baseline, then the bench records its commit: that is no change."""
    for variable in ("GITHUB_SHA", "CI_COMMIT_SHA"):
        monkeypatch.delenv(variable, raising=False)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(tmp_path)]
    baseline, code = tmp_path / "features" / ".speed-baseline.json", tmp_path / "steps.py"
    baseline.parent.mkdir()
    baseline.write_text("{}", encoding="utf-8")
    code.write_text("", encoding="utf-8")
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "x"], check=True)
    sha = git_commit(tmp_path)
    assert re.fullmatch(r"[0-9a-f]{12}", sha)
    baseline.write_text('{"19.0": {}}', encoding="utf-8")
    assert git_commit(tmp_path) == f"{sha} (with uncommitted changes)"
    assert git_commit(tmp_path, ignoring=[baseline]) == sha
    assert git_commit(tmp_path, ignoring=[tmp_path.parent / "elsewhere.json"]) == f"{sha} (with uncommitted changes)"
    code.write_text("changed = True\n", encoding="utf-8")
    assert git_commit(tmp_path, ignoring=[baseline]) == f"{sha} (with uncommitted changes)"
