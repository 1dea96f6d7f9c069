"""Steps that change a record, or attach new records to it, find it exactly: never a shared staging's "Acme Corp"
for a scenario's "Acme"."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Any

import pytest

from odoo_uat.authoring import step_registry
from odoo_uat.odoo import factories
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import RecordNotFound, Records
from odoo_uat.odoo.seeding import Seeding
from steps.records_steps import field_value
from tests.unit.fake_odoo import FakeOdoo

REPOSITORY = Path(__file__).resolve().parents[3]
STEPS = REPOSITORY / "steps"
# The look-ups of the record service; in a step that writes, each one says so.
LOOKUPS = ("id", "product", "partner", "warehouse", "category", "location", "by_display_name")
WRITING = "for_writing"
REAL = {
    "res.partner": [{"id": 1, "name": "Acme Corp (real customer)", "display_name": "Acme Corp (real customer)"}],
    "product.product": [{"id": 2, "name": "Oak Pallet Deluxe"}],
    "stock.location": [{"id": 3, "name": "Stock", "complete_name": "WH/Stock"}],
}
ONLY_PARTIAL = "matches only partially"


def test_every_look_up_of_the_record_service_has_a_mode_for_writing() -> None:
    missing = [name for name in LOOKUPS if WRITING not in inspect.signature(getattr(Records, name)).parameters]
    assert not missing, f"Records look-ups without a {WRITING} mode: {missing}"


def given_steps_and_their_helpers(tree: ast.Module) -> list[ast.FunctionDef]:
    """A step module's Given functions, and the module's functions they call (field_value), recursively."""
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name != "_"}
    found = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(decorator, ast.Call) and getattr(decorator.func, "id", None) == "given"
            for decorator in node.decorator_list
        )
    ]
    for function in found:  # grows while it is walked
        for call in ast.walk(function):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in functions:
                helper = functions.pop(call.func.id)
                found.append(helper)
    return found


def look_ups_not_for_writing(function: ast.FunctionDef) -> list[tuple[int, str]]:
    """(line, look-up) of each records.<look-up>(...) in a function that does not pass for_writing=True."""
    return [
        (call.lineno, call.func.attr)
        for call in ast.walk(function)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "records"
        and call.func.attr in LOOKUPS
        and not any(
            keyword.arg == WRITING and isinstance(keyword.value, ast.Constant) and keyword.value.value is True
            for keyword in call.keywords
        )
    ]


def test_every_given_step_finds_the_records_it_seeds_on_exactly() -> None:
    problems = [
        f"{path.relative_to(REPOSITORY)}:{line}: records.{look_up}(...)"
        for path in sorted(STEPS.rglob("*.py"))
        for function in given_steps_and_their_helpers(ast.parse(path.read_text(encoding="utf-8")))
        for line, look_up in look_ups_not_for_writing(function)
    ]
    assert not problems, (
        f"A Given step changes Odoo: each record it looks up needs {WRITING}=True (the scenario's own record, or "
        "the exact name):\n" + "\n".join(problems)
    )


@pytest.fixture(scope="module")
def registry() -> step_registry.Registry:
    return step_registry.load(REPOSITORY)


@pytest.fixture
def staging() -> FakeOdoo:
    """A shared staging holding real records whose names contain a scenario's words."""
    return FakeOdoo(REAL)


def given_step(registry: step_registry.Registry, text: str) -> Any:
    """The English Given step function of this step text."""
    [definition] = [
        definition
        for definition in registry.steps
        if definition.type == "given" and definition.translated is None and definition.matches(text)
    ]
    return definition.func


def service(odoo: FakeOdoo) -> Records:
    return Records(odoo, ScenarioNames("t1"), {})


@pytest.mark.parametrize(
    ("text", "arguments", "untouched"),
    [
        (
            '"Oak Pallet" has 10 units on hand in "WH/Stock"',
            {"product": "Oak Pallet", "quantity": 10.0, "location": "WH/Stock"},
            "stock.quant",
        ),
        (
            'the minimum order amount agreed with "Acme" is 500.00',
            {"customer": "Acme", "amount": 500.0},
            "res.partner",
        ),
        ('"Acme" owes 900.00 on a posted invoice', {"customer": "Acme", "amount": 900.0}, "account.move"),
        (
            'the financial risk of "Acme" counts its open invoices and sales orders',
            {"customer": "Acme"},
            "res.partner",
        ),
    ],
)
def test_a_seeding_step_refuses_a_record_whose_name_only_contains_the_scenarios(
    registry: step_registry.Registry, staging: FakeOdoo, text: str, arguments: dict[str, Any], untouched: str
) -> None:
    step = given_step(registry, text)
    with pytest.raises(RecordNotFound, match=ONLY_PARTIAL):
        step(**arguments, seed=Seeding(factories.bind(staging)), records=service(staging))
    assert [call for call in staging.calls if call.model == untouched and call.method in ("create", "write")] == []


def test_the_exact_location_and_the_scenarios_product_get_the_stock(
    registry: step_registry.Registry, staging: FakeOdoo
) -> None:
    records = service(staging)
    records.remember("product.product", "Oak Pallet", 9)
    step = given_step(registry, '"Oak Pallet" has 10 units on hand in "WH/Stock"')
    step(
        product="Oak Pallet", quantity=10.0, location="WH/Stock", seed=Seeding(factories.bind(staging)), records=records
    )
    [(values,)] = staging.called("stock.quant", "create")
    assert values == [{"product_id": 9, "location_id": 3, "inventory_quantity": 10.0}]


def test_a_record_named_in_a_table_of_any_model_is_found_exactly(staging: FakeOdoo) -> None:
    many2one = {"type": "many2one", "relation": "res.partner", "string": "Customer"}
    with pytest.raises(RecordNotFound, match=ONLY_PARTIAL):
        field_value(many2one, "Acme", service(staging))
    assert field_value(many2one, "Acme Corp (real customer)", service(staging)) == 1
