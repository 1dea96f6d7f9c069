"""The repository's own feature files pass the lint: every step known, every tag known, names unique."""

from __future__ import annotations

from pathlib import Path

from odoo_uat.authoring.lint import lint
from odoo_uat.authoring.project import LintConfig

REPOSITORY = Path(__file__).resolve().parents[3]


def test_repository_features_lint_clean() -> None:
    config = LintConfig.load(REPOSITORY)
    report = lint([config.features_dir], REPOSITORY)
    assert report.ok, "\n".join([*map(str, report.problems), report.summary()])
