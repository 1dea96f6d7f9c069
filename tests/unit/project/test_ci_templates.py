"""The ready-to-copy CI definitions in examples/ci/ are valid GitHub Actions and GitLab CI files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from odoo_uat.settings import SOURCES

CI = Path(__file__).resolve().parents[3] / "examples" / "ci"
TEMPLATES = {
    "github-actions.yml": "vendor.github-workflows",
    "gitlab-ci.yml": "vendor.gitlab-ci",
}
SETTING_VARIABLES = {variable for _, variable, _ in SOURCES.values() if variable} | {"ODOO_UAT_ADDON_PACKAGES"}


@pytest.mark.parametrize(("name", "schema"), TEMPLATES.items())
def test_the_template_matches_the_published_schema(name: str, schema: str) -> None:
    # check-jsonschema ships the schemas it validates against, so this needs no network.
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(CI / name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{CI / name} is not a valid {schema} file:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_template_shards_changes_and_merges_with_the_suites_make_targets(name: str) -> None:
    text = (CI / name).read_text(encoding="utf-8")
    assert re.search(r"make uat SHARD=.+/.+ CHANGED=", text)
    assert 'make report RESULTS="reports/shards/*/allure-results"' in text
    assert "examples/ci/merge_durations.py" in text and (CI / "merge_durations.py").is_file()


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_odoo_variable_the_template_sets_is_a_setting_of_the_suite(name: str) -> None:
    text = (CI / name).read_text(encoding="utf-8")
    set_there = set(re.findall(r"^\s+(ODOO_[A-Z_]+):", text, flags=re.MULTILINE))
    assert set_there and set_there <= SETTING_VARIABLES, f"unknown: {sorted(set_there - SETTING_VARIABLES)}"
