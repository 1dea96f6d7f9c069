"""The feature lint: each test writes a tiny steps module and feature files, then lints them."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from odoo_uat.authoring import lint

pytest_plugins = ["pytester"]

REPOSITORY = Path(__file__).resolve().parents[3]

SALES_STEPS = '''
    """Sales: quotations and orders."""
    from pytest_bdd import given, parsers, step, then, when


    @given(parsers.parse('a customer named "{name}"'))
    def _(name):
        """Create a customer.

        Example: Given a customer named "Azure Interior"
        """


    @when(parsers.parse("I order {qty:d} units of {product}"))
    def _(qty, product):
        """Order a product."""


    @when("I confirm the quotation")
    def _():
        """Confirm the quotation."""


    @given("the following products exist:")
    def _(datatable):
        """Create products. Columns: Name, Type (Goods/Service), Price"""


    @then(parsers.re(r"the order total is (?P<total>\\d+) EUR"))
    def _(total):
        """Check the order total."""


    @step("I note the following")
    def _(docstring):
        """Keep a note."""
'''


@dataclass
class Run:
    """What one lint run printed and returned."""

    status: int
    lines: list[str]

    @property
    def problems(self) -> list[str]:
        """The output without the summary line."""
        return self.lines[:-1]


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with a steps package, a pyproject naming one extra process area and tag, and features/sales."""
    pytester.makepyfile(**{"steps/__init__": "", "steps/sales": SALES_STEPS})
    pytester.makefile(".toml", pyproject='[tool.odoo-uat]\nprocess_areas = ["procure_to_pay"]\ntags = ["smoke"]\n')
    (pytester.path / "features" / "sales").mkdir(parents=True)
    return pytester


@pytest.fixture
def run_lint(project: pytest.Pytester, capsys: pytest.CaptureFixture[str]):
    """Run the lint's command line in-process on the project; returns its status and output lines."""

    def run(*args: str) -> Run:
        status = lint.main([*args, "--root", str(project.path)])
        return Run(status, capsys.readouterr().out.splitlines())

    return run


def defined_at(project: pytest.Pytester, module: str, phrase: str) -> str:
    """path:line of the decorator holding phrase in steps/<module>.py, as the lint cites definitions."""
    path = f"steps/{module}.py"
    lines = (project.path / path).read_text(encoding="utf-8").splitlines()
    return f"{path}:{next(number for number, line in enumerate(lines, 1) if phrase in line)}"


def feature(project: pytest.Pytester, name: str, text: str) -> Path:
    """Write features/<name>.feature."""
    return project.makefile(".feature", **{f"features/{name}": text})


def test_clean_feature_passes_with_status_0_and_a_summary(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        @sales @wave-1 @critical
        Feature: Quotes
          Background:
            Given a customer named "Azure Interior"

          Scenario: Order desks
            When I order 3 units of desk
            And I confirm the quotation
            Then the order total is 10 EUR
        """,
    )
    run = run_lint()
    assert run.status == 0
    assert run.lines == ["1 feature file(s), 1 scenario(s), 6 step definition(s): no problems"]


def test_misspelled_step_reports_file_line_and_closest_phrase(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            Given a customer named "Azure Interior"
            When I confrim the quotation
        """,
    )
    run = run_lint()
    assert run.status == 1
    [problem] = run.problems
    location, closest = problem.split("; closest known phrases: ")
    assert location == 'features/sales/quote.feature:4: no step matches "I confrim the quotation"'
    assert closest.split(" | ")[0] == "When I confirm the quotation"
    assert len(closest.split(" | ")) == 3
    assert run.lines[-1].startswith("1 problem(s) in 1 file(s)")


def test_and_step_takes_the_type_of_the_step_above(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            When I order 3 units of desk
            And a customer named "Azure Interior"
        """,
    )
    assert run_lint().problems == [
        'features/sales/quote.feature:4: no step matches "a customer named "Azure Interior"" as a When step '
        '(And steps take the keyword of the step above them); it is defined as: Given a customer named "<name>"'
    ]


def test_parameter_of_the_wrong_type_does_not_match(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            When I order three units of desk
        """,
    )
    [problem] = run_lint().problems
    assert problem.startswith(
        'features/sales/quote.feature:3: no step matches "I order three units of desk"; '
        "closest known phrases: When I order <qty> units of <product>"
    )


def test_ambiguous_step_names_both_definitions(project, run_lint):
    project.makepyfile(
        **{
            "steps/common": '''
        """Common: steps of every area."""
        from pytest_bdd import given, parsers


        @given(parsers.parse("a customer named {name}"))
        def _(name):
            """Create a customer, quotes or not."""
        '''
        }
    )
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            Given a customer named "Azure Interior"
        """,
    )
    assert run_lint().problems == [
        'features/sales/quote.feature:3: step "a customer named "Azure Interior"" is ambiguous: it matches '
        f"Given a customer named <name> ({defined_at(project, 'common', 'a customer named')}) and "
        'Given a customer named "<name>" (' + defined_at(project, "sales", "a customer named") + ")"
    ]


def test_unknown_tag_is_reported_with_the_known_forms(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        @critcal
        Feature: Quotes
          Scenario: Order desks
            When I confirm the quotation
        """,
    )
    [problem] = run_lint().problems
    assert problem.startswith(
        "features/sales/quote.feature:1: unknown tag @critcal; did you mean @critical? "
        "known tags: @wave-<n>, @blocker, @critical, @normal, @minor, @trivial, "
        "@req:<id>, @defect:<ticket>, @requires_module:<name>, @procure_to_pay, @sales, @smoke"
    )


def test_known_tag_forms_are_accepted_on_every_element(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        @sales @procure_to_pay @wave-12 @blocker @smoke
        Feature: Quotes
          @requires_module:sale_stock
          Rule: Orders
            @req:SO-12 @defect:OPS-431 @trivial
            Scenario Outline: Order <product>
              When I order 3 units of <product>

              @minor
              Examples:
                | product |
                | desk    |
        """,
    )
    assert run_lint().status == 0


def test_duplicate_scenario_names_are_reported(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Confirm
            When I confirm the quotation

          Scenario: Confirm
            When I confirm the quotation
        """,
    )
    feature(
        project,
        "sales/order",
        """
        Feature: Orders
          Scenario: Confirm
            When I confirm the quotation
        """,
    )
    assert run_lint().problems == [
        'features/sales/order.feature:2: scenario name "Confirm" is also used at features/sales/quote.feature:2, '
        "features/sales/quote.feature:5: scenario names must be unique across feature files",
        'features/sales/quote.feature:2: scenario name "Confirm" is also used at features/sales/order.feature:2: '
        "scenario names must be unique across feature files",
        'features/sales/quote.feature:5: scenario name "Confirm" is already used at line 2 of this file: '
        "pytest-bdd would silently drop one of them",
        'features/sales/quote.feature:5: scenario name "Confirm" is also used at features/sales/order.feature:2: '
        "scenario names must be unique across feature files",
    ]


def test_duplicate_name_in_a_file_not_linted_is_reported_too(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Confirm
            When I confirm the quotation
        """,
    )
    feature(
        project,
        "sales/order",
        """
        Feature: Orders
          Scenario: Confirm
            When I confirm the quotation
        """,
    )
    assert run_lint("features/sales/order.feature").problems == [
        'features/sales/order.feature:2: scenario name "Confirm" is also used at features/sales/quote.feature:2: '
        "scenario names must be unique across feature files",
    ]


def test_outline_steps_match_with_examples(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario Outline: Order <qty> <product>
            When I order <qty> units of <product>
            Then the order total is <total> EUR

            Examples:
              | qty | product | total |
              | 1   | desk    | 10    |
              | 2   | chair   | 40    |
        """,
    )
    assert run_lint().status == 0


def test_outline_row_that_does_not_match_is_reported_with_its_row(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario Outline: Order <product>
            When I order <qty> units of <product>

            Examples:
              | qty | product |
              | 1   | desk    |
              | ten | chair   |
        """,
    )
    [problem] = run_lint().problems
    assert problem.startswith(
        'features/sales/quote.feature:3: no step matches "I order ten units of chair" '
        "(with the Examples row at line 8); closest known phrases:"
    )


def test_examples_columns_must_be_used_and_placeholders_must_be_columns(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario Outline: Order desks
            When I order <qty> units of <product>

            Examples:
              | qty | colour |
              | 1   | red    |
        """,
    )
    assert run_lint().problems == [
        "features/sales/quote.feature:3: <product> is not a column of the Examples at line 5 (columns: qty, colour)",
        'features/sales/quote.feature:6: Examples column "colour" is not used: no <colour> in the steps of '
        '"Order desks"',
    ]


def test_gherkin_syntax_error_reports_line(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            Given a customer named "Azure Interior"
            Wen I confirm the quotation
        """,
    )
    assert run_lint().problems == [
        "features/sales/quote.feature:4:5: unexpected line 'Wen I confirm the quotation': a step starts with Given, "
        "When, Then, And or But; other lines are keywords (Feature:, Rule:, Background:, Scenario:, Examples:), "
        "table rows, tags or # comments",
    ]


def test_misspelled_first_step_is_reported_though_gherkin_reads_it_as_a_description(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            Gven a customer named "Azure Interior"
            When I confirm the quotation
        """,
    )
    assert run_lint().problems == [
        'features/sales/quote.feature:3: "Gven a customer named "Azure Interior"" is read as a description, not a '
        "step: a step starts with Given, When, Then, And or But (capitalised, followed by a space)",
    ]


def test_first_step_with_and_is_reported(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            And I confirm the quotation
        """,
    )
    [problem] = run_lint().problems
    assert problem.startswith(
        "features/sales/quote.feature:3: First step in a scenario or background must start "
        "with 'Given', 'When' or 'Then', but got And"
    )


def test_one_feature_per_file(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
        Feature: Orders
          Scenario: Order desks
            When I confirm the quotation
        """,
    )
    assert run_lint().problems == [
        "features/sales/quote.feature:2: only one Feature per file: this second Feature would be read as "
        "description text; move it to its own .feature file",
    ]


def test_background_holds_only_given_steps(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Background:
            Given a customer named "Azure Interior"
            When I confirm the quotation

          Scenario: Order desks
            When I order 3 units of desk
        """,
    )
    assert run_lint().problems == [
        'features/sales/quote.feature:4: Background holds only Given steps: "When I confirm the quotation" is a '
        "When step; move it into the scenarios",
    ]


def test_step_taking_a_table_without_one_is_reported(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            Given the following products exist:
        """,
    )
    assert run_lint().problems == [
        'features/sales/quote.feature:3: step "the following products exist:" needs a table with the columns '
        f"Name, Type (Goods/Service), Price below it ({defined_at(project, 'sales', 'products exist')})",
    ]


def test_table_on_a_step_taking_none_is_reported(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            When I confirm the quotation
              | Name |
              | desk |
        """,
    )
    assert run_lint().problems == [
        'features/sales/quote.feature:3: step "I confirm the quotation" has a table but its definition '
        f"({defined_at(project, 'sales', 'I confirm the quotation')}) takes none: the table would be ignored",
    ]


def test_table_column_not_in_the_documented_columns_is_reported(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            Given the following products exist:
              | Name | Type  | Prize |
              | desk | Goods | 10    |
        """,
    )
    assert run_lint().problems == [
        'features/sales/quote.feature:4: unknown table column(s) Prize for "the following products exist:"; '
        "its columns: Name, Type (Goods/Service), Price",
    ]


def test_text_block_goes_with_a_step_taking_docstring(project, run_lint):
    feature(
        project,
        "sales/quote",
        '''
        Feature: Quotes
          Scenario: Order desks
            Given I note the following
            When I confirm the quotation
              """
              urgent
              """
        ''',
    )
    assert run_lint().problems == [
        'features/sales/quote.feature:3: step "I note the following" needs a text block between """ lines below '
        f"it ({defined_at(project, 'sales', 'I note the following')})",
        'features/sales/quote.feature:4: step "I confirm the quotation" has a text block but its definition '
        f"({defined_at(project, 'sales', 'I confirm the quotation')}) takes none: it would be ignored",
    ]


def test_problems_are_sorted_by_file_and_line(project, run_lint):
    feature(
        project,
        "sales/b",
        """
        Feature: B
          Scenario: B two
            When I confrim
          Scenario: B one
            When I confrim
        """,
    )
    feature(
        project,
        "sales/a",
        """
        @nope
        Feature: A
          Scenario: A one
            When I confrim
        """,
    )
    locations = [line.split(": ")[0] for line in run_lint().problems]
    assert locations == [
        "features/sales/a.feature:1",
        "features/sales/a.feature:4",
        "features/sales/b.feature:3",
        "features/sales/b.feature:5",
    ]


def test_json_format_lists_problems(project, run_lint):
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            When I confrim the quotation
        """,
    )
    run = run_lint("--format", "json")
    output = json.loads("\n".join(run.lines))
    assert run.status == 1
    assert output["ok"] is False
    assert [(problem["path"], problem["line"], problem["code"]) for problem in output["problems"]] == [
        ("features/sales/quote.feature", 3, "no-step"),
    ]


def test_step_module_that_fails_to_import_is_reported(project, run_lint):
    project.makepyfile(**{"steps/broken": '"""Broken: half written."""\nfrom nowhere import nothing\n'})
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            When I confirm the quotation
        """,
    )
    assert run_lint().problems == [
        "steps/broken.py:2: cannot import step module steps.broken: ModuleNotFoundError: No module named 'nowhere'",
    ]


def test_steps_listed_in_conftest_pytest_plugins_are_loaded(project, run_lint):
    project.makepyfile(
        **{
            "steps/extra/purchase": '''
        """Purchase: requests for quotation."""
        from pytest_bdd import when


        @when("I send the request for quotation")
        def _():
            """Send the RFQ."""
        '''
        }
    )
    project.makeconftest('pytest_plugins = ["steps.sales", "steps.extra.purchase"]')
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            When I send the request for quotation
        """,
    )
    assert run_lint().status == 0


def test_command_line_module_exits_1_on_problems(project, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(REPOSITORY))
    feature(
        project,
        "sales/quote",
        """
        Feature: Quotes
          Scenario: Order desks
            When I confrim the quotation
        """,
    )
    result = project.run(sys.executable, "-m", "odoo_uat.authoring.lint", "features")
    assert result.ret == 1
    result.stdout.fnmatch_lines(['features/sales/quote.feature:3: no step matches "I confrim the quotation"; *'])
