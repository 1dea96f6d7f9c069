"""Exit criteria settings and the requirements file."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from odoo_uat.report.config import ConfigError, ExitCriteria, load_criteria
from odoo_uat.report.requirements import (
    Requirement,
    RequirementsError,
    load_requirements,
)

ROOT = Path(__file__).resolve().parents[3]


def pyproject(tmp_path: Path, table: str) -> Path:
    """Write a pyproject.toml with an exit-criteria table."""
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.odoo-uat.exit-criteria]\n" + textwrap.dedent(table), encoding="utf-8")
    return path


def test_without_the_table_the_defaults_apply(tmp_path: Path) -> None:
    assert load_criteria(tmp_path / "pyproject.toml") == ExitCriteria()


def test_the_table_is_read_and_paths_resolve_next_to_pyproject(tmp_path: Path) -> None:
    criteria = load_criteria(
        pyproject(
            tmp_path,
            """
        must_pass_severities = ["blocker"]
        min_pass_rate = 90.5
        max_environment_problems = false
        process_areas = ["returns"]
        requirements = "features/requirements.csv"
        """,
        )
    )
    assert criteria == ExitCriteria(
        must_pass_severities=("blocker",),
        min_pass_rate=90.5,
        max_environment_problems=None,
        process_areas=("returns",),
        requirements=tmp_path / "features/requirements.csv",
    )


def test_max_flaky_is_off_by_default_and_read_as_a_count(tmp_path: Path) -> None:
    assert ExitCriteria().max_flaky is None
    assert load_criteria(pyproject(tmp_path, "max_flaky = 0")).max_flaky == 0
    assert load_criteria(pyproject(tmp_path, "max_flaky = false")).max_flaky is None


def test_a_named_file_holds_the_settings_and_the_table_overrides_it(tmp_path: Path) -> None:
    (tmp_path / "exit.toml").write_text("min_pass_rate = 80\nevery_requirement_passed = false\n", encoding="utf-8")
    criteria = load_criteria(pyproject(tmp_path, 'file = "exit.toml"\nmin_pass_rate = 85\n'))
    assert (criteria.min_pass_rate, criteria.every_requirement_passed) == (85.0, False)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("min_pass_rates = 95", "Unknown exit-criteria key(s): min_pass_rates"),
        ("min_pass_rate = 120", "min_pass_rate must be a number between 0 and 100"),
        ('must_pass_severities = ["showstopper"]', "showstopper is not one of"),
        ('every_requirement_passed = "yes"', "every_requirement_passed must be true or false"),
        ('process_areas = "returns"', "process_areas must be a list of strings"),
        ("max_flaky = -1", "max_flaky must be a number at least 0, or false to skip this criterion"),
        ("max_flaky = true", "max_flaky must be a number at least 0"),
    ],
)
def test_a_wrong_setting_is_refused_with_the_key_named(tmp_path: Path, table: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_criteria(pyproject(tmp_path, table))


def test_the_projects_own_settings_and_requirements_load() -> None:
    criteria = load_criteria(ROOT / "pyproject.toml")
    assert criteria.requirements is not None
    requirements = load_requirements(criteria.requirements)
    assert requirements and all(r.id and r.process_area for r in requirements)


def test_requirements_come_from_a_spreadsheet_csv(tmp_path: Path) -> None:
    path = tmp_path / "requirements.csv"
    path.write_text(
        '\ufeffID,Title,Process area,Wave\nO2C-1,Quote,order_to_cash,"1, 2"\n,,,\nRET-1,Return,returns,\n',
        encoding="utf-8",
    )
    assert load_requirements(path) == [
        Requirement("O2C-1", "Quote", "order_to_cash", ("1", "2")),
        Requirement("RET-1", "Return", "returns", ()),
    ]


def test_requirements_come_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "requirements.toml"
    path.write_text(
        '[[requirement]]\nid = "O2C-1"\ntitle = "Quote"\nprocess_area = "order_to_cash"\nwave = 1\n', encoding="utf-8"
    )
    assert load_requirements(path) == [Requirement("O2C-1", "Quote", "order_to_cash", ("1",))]


def test_a_requirement_listed_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "requirements.csv"
    path.write_text("id,title\nR-1,a\nR-1,b\n", encoding="utf-8")
    with pytest.raises(RequirementsError, match="R-1 is listed twice"):
        load_requirements(path)


def test_a_missing_requirements_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RequirementsError, match="Requirements file not found"):
        load_requirements(tmp_path / "nope.csv")


def test_a_requirement_without_waves_is_in_every_wave() -> None:
    assert Requirement("R-1").in_scope("3")
    assert not Requirement("R-2", waves=("1",)).in_scope("2")
