"""odoo_uat.impact with real git repositories made in the test: which files a revision range changed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from odoo_uat.impact import ImpactError, find_changes

IDENTITY = ["-c", "user.name=UAT", "-c", "user.email=uat@example.com", "-c", "commit.gpgsign=false"]


def git(repo: Path, *args: str) -> str:
    """Run git in repo; fail the test with git's words when it fails."""
    result = subprocess.run(["git", *IDENTITY, "-C", str(repo), *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "-m", message)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def new_repo(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q")
    return folder


def module(folder: Path, name: str, depends: list[str]) -> Path:
    write(folder / name / "__manifest__.py", repr({"name": name, "depends": depends}))
    return write(folder / name / "models.py", "# v1\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project repository with a customisation folder inside it, committed once."""
    repo = new_repo(tmp_path / "project")
    module(repo / "addons", "uat_minimum_order", ["sale"])
    write(repo / "features" / "order_to_cash" / "minimum_order.feature", "Feature: x\n")
    write(repo / "README.md", "v1\n")
    commit_all(repo, "first")
    return repo


def test_a_commit_touching_one_module_file_changes_that_module(project: Path) -> None:
    write(project / "addons" / "uat_minimum_order" / "models.py", "# v2\n")
    commit_all(project, "minimum order raised")

    changes = find_changes(project, "HEAD~1..HEAD", [project / "addons"])

    assert changes.modules == {"uat_minimum_order": ("addons/uat_minimum_order/models.py",)}
    assert not (changes.features or changes.suite_code or changes.other or changes.notes)


def test_feature_and_docs_changes_are_told_apart(project: Path) -> None:
    write(project / "features" / "order_to_cash" / "minimum_order.feature", "Feature: y\n")
    write(project / "README.md", "v2\n")
    commit_all(project, "wording")

    changes = find_changes(project, "HEAD~1..HEAD", [project / "addons"])

    assert changes.features == ((project / "features/order_to_cash/minimum_order.feature").resolve(),)
    assert changes.other == ("README.md",)


def test_a_customisation_folder_in_its_own_repository_is_diffed_there(project: Path, tmp_path: Path) -> None:
    customer = new_repo(tmp_path / "customer")
    module(customer, "customer_rules", ["sale"])
    commit_all(customer, "first")
    write(customer / "customer_rules" / "models.py", "# v2\n")
    commit_all(customer, "rule")
    write(project / "README.md", "v2\n")
    commit_all(project, "docs")
    plain = tmp_path / "plain-folder"
    plain.mkdir()

    changes = find_changes(project, "HEAD~1..HEAD", [customer, plain])

    assert changes.modules == {"customer_rules": (str((customer / "customer_rules" / "models.py").resolve()),)}
    assert changes.other == ("README.md",)
    assert changes.notes == (f"{plain} is in no git repository: its changes are not looked at",)


def test_an_unknown_range_says_which_range_and_where(project: Path) -> None:
    with pytest.raises(ImpactError, match=r"git cannot compare no-such-branch\.\.HEAD in .*project"):
        find_changes(project, "no-such-branch..HEAD", [])


def test_a_range_that_looks_like_an_option_is_refused(project: Path) -> None:
    with pytest.raises(ImpactError, match="is not a revision range"):
        find_changes(project, "--output=/tmp/x", [])


def test_a_project_outside_git_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ImpactError, match="is not a git repository"):
        find_changes(tmp_path, "HEAD~1..HEAD", [])


@pytest.fixture
def customer_with_suite_submodule(tmp_path: Path) -> Path:
    """The layout of examples/ci: the customer's repository with addons/ and this suite as uat/ (a submodule)."""
    suite = new_repo(tmp_path / "suite")
    write(suite / "steps" / "sales_steps.py", "# v1\n")
    commit_all(suite, "suite")
    customer = new_repo(tmp_path / "customer")
    module(customer / "addons", "customer_rules", ["sale"])
    git(customer, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(suite), "uat")
    commit_all(customer, "first")
    return customer


def test_the_customers_range_is_read_in_their_repository_when_the_suite_is_a_submodule(
    customer_with_suite_submodule: Path,
) -> None:
    customer = customer_with_suite_submodule
    write(customer / "addons" / "customer_rules" / "models.py", "# v2\n")
    commit_all(customer, "rule")
    range_ = git(customer, "rev-parse", "HEAD~1").strip() + "..." + git(customer, "rev-parse", "HEAD").strip()

    changes = find_changes(customer / "uat", range_, [customer / "addons"])

    assert changes.modules == {"customer_rules": (str((customer / "addons/customer_rules/models.py").resolve()),)}
    assert not changes.suite_code
    assert changes.notes == (
        f"{range_} is not in the history of {(customer / 'uat').resolve()}: its changes are not looked at",
    )


def test_moving_the_suite_submodule_counts_as_a_change_of_the_suites_code(customer_with_suite_submodule: Path) -> None:
    customer = customer_with_suite_submodule
    write(customer / "uat" / "steps" / "sales_steps.py", "# v2\n")
    commit_all(customer / "uat", "suite upgraded")
    commit_all(customer, "uat bumped")

    changes = find_changes(customer / "uat", "HEAD~1..HEAD", [customer / "addons"])

    assert changes.suite_code
