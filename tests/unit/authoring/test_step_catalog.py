"""docs/steps.md: generated from the step modules, up to date, and the modules follow its convention."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.authoring import catalog, step_registry
from odoo_uat.authoring.project import LintConfig

pytest_plugins = ["pytester"]

REPOSITORY = Path(__file__).resolve().parents[3]

STEPS = '''
    """Sales: quotations and orders."""
    from pytest_bdd import given, then, when

    from odoo_uat.authoring.params import phrase


    @when(phrase('I order {qty:Quantity} units of "{product:Name}" at {price:Amount} EUR'))
    def _(qty, product, price):
        """Order a product at a price.

        Example: When I order 3 units of "Desk" at 12.50 EUR
        """


    @given("the following products exist:")
    def _(datatable):
        """Create products in one call.

        Columns: Name, Type (Goods/Service)
        """


    @then(phrase("the order has {count:Count} {:Records}"))
    def _(count):
        """Check how many lines the order has."""


    @given(phrase('I am logged in as {:Article} "{role:Role}"'))
    def _(role):
        """Act as this role.

        Example: Given I am logged in as a "Salesman"
        """
'''


def render(root: Path) -> str:
    """docs/steps.md as the generator would write it for root."""
    return catalog.render(step_registry.load(root), LintConfig.load(root))


def test_steps_md_is_up_to_date() -> None:
    written = REPOSITORY / catalog.CATALOG
    assert written.is_file() and written.read_text(encoding="utf-8") == render(REPOSITORY), catalog.OUT_OF_DATE


def test_step_modules_follow_the_docstring_convention() -> None:
    problems = catalog.convention_problems(step_registry.load(REPOSITORY), REPOSITORY)
    assert not problems, "\n".join([*map(str, problems), catalog.CONVENTION])


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with one steps module."""
    pytester.makepyfile(**{"steps/__init__": "", "steps/sales": STEPS})
    return pytester


def test_catalog_lists_phrases_by_area_with_keyword_and_parameter_types(project) -> None:
    text = render(project.path)
    assert "## Sales: quotations and orders\n" in text
    assert (
        '- **When** `I order <qty> units of "<product>" at <price> EUR`: Order a product at a price.\n'
        "  - parameters: `<qty>` quantity, `<product>` name, `<price>` amount\n"
        '  - example: `When I order 3 units of "Desk" at 12.50 EUR`\n'
    ) in text


def test_catalog_describes_each_parameter_type_once(project) -> None:
    text = render(project.path)
    assert "## Parameters\n" in text
    assert "- **quantity**: a number of units, as you would type it: 12, 2.5, 1,000.50; e.g. `2.5`\n" in text
    assert "**wording**" not in text  # unit/units is shown in the phrase itself


def test_catalog_marks_table_steps_with_their_columns(project) -> None:
    assert (
        "- **Given** `the following products exist:`: Create products in one call.\n"
        "  - takes a table with the columns `Name`, `Type (Goods/Service)`\n"
        "  - example: `Given the following products exist:` followed by a table whose first row is "
        "`| Name | Type |`\n"
    ) in render(project.path)


def test_catalog_example_falls_back_to_the_phrase(project) -> None:
    assert (
        "- **Then** `the order has <count> record/records`: Check how many lines the order has.\n"
        "  - parameters: `<count>` count\n"
        "  - example: `Then the order has <count> record/records`\n"
    ) in render(project.path)


def test_catalog_shows_wordings_as_their_forms(project) -> None:
    assert (
        '- **Given** `I am logged in as a/an/the "<role>"`: Act as this role.\n  - parameters: `<role>` role\n'
    ) in render(project.path)


def test_phrases_outside_the_grammar_are_convention_problems(project, capsys) -> None:
    project.makepyfile(
        **{
            "steps/legacy": '''
        """Legacy: phrases written before the grammar."""
        from pytest_bdd import parsers, then


        @then(parsers.re(r"the order total is (?P<total>\\d+) EUR"))
        def _(total):
            """Check the order total."""


        @then(parsers.parse("the order has {lines:d} lines"))
        def _(lines):
            """Check the order lines."""
        '''
        }
    )
    assert catalog.main(["--root", str(project.path)]) == 1
    output = capsys.readouterr().out
    assert (
        '"the order total is (?P<total>\\d+) EUR": its phrase is a regular expression; write it with phrase' in output
    )
    assert '"the order has <lines> lines": {lines:d} has no type of the grammar' in output


def test_check_exits_1_when_the_catalog_is_out_of_date(project, capsys) -> None:
    assert catalog.main(["--root", str(project.path)]) == 0
    assert catalog.main(["--check", "--root", str(project.path)]) == 0
    (project.path / catalog.CATALOG).write_text("stale", encoding="utf-8")
    assert catalog.main(["--check", "--root", str(project.path)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "docs/steps.md is out of date: run make catalog"


def test_convention_problems_name_the_step_function(project, capsys) -> None:
    project.makepyfile(
        **{
            "steps/purchase": '''
        from pytest_bdd import when


        @when("I send the request for quotation")
        def send_rfq():
            pass


        @when("I confirm the purchase order")
        def _():
            """Confirm the PO.

            Example: When I approve the purchase order
            """
        '''
        }
    )
    assert catalog.main(["--root", str(project.path)]) == 1
    output = capsys.readouterr().out
    lines = (project.path / "steps/purchase.py").read_text(encoding="utf-8").splitlines()
    send, confirm = (
        next(number for number, line in enumerate(lines, 1) if phrase in line)
        for phrase in ("I send the request", "I confirm the purchase")
    )
    assert "steps/purchase.py:1: module docstring missing: its first line names the area" in output
    assert f"steps/purchase.py:{send}: step function send_rfq() should be named _" in output
    assert f'steps/purchase.py:{send}: step "I send the request for quotation" has no docstring' in output
    assert (
        f'steps/purchase.py:{confirm}: Example: "When I approve the purchase order" does not match the phrase '
        '"I confirm the purchase order"'
    ) in output
