"""The recorder's mapping from what the user did in the web client (events) to documented phrases."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.recorder.events import Event
from odoo_uat.recorder.phrases import Phrasebook
from odoo_uat.recorder.scenario import Comment, Seed, Step, compose

ROOT = Path(__file__).resolve().parents[3]
MENUS = {"sale.sale_menu_root": "Sales", "sale.menu_sale_quotations": "Sales / Orders / Quotations"}
LABELS = {("sale.order", "partner_id"): "Customer", ("sale.order", "product_template_id"): "Product"}
RELATIONS = {
    ("sale.order", "partner_id"): "res.partner",
    ("sale.order", "product_template_id"): "product.template",
    ("purchase.order", "partner_id"): "res.partner",
    ("sale.order", "tax_ids"): None,
}
RECORDS = {
    ("res.partner", "Acme Retail"): ("customers", (("Name", "Acme Retail"),)),
    ("product.template", "[OAK] Oak Pallet"): ("products", (("Name", "Oak Pallet"), ("Type", "Goods"))),
}


class FakeOdoo:
    """What the Odoo under test would answer, for a sales database with one customer and one product."""

    def menu_path(self, xmlid: str) -> str | None:
        return MENUS.get(xmlid)

    def label(self, model: str | None, field: str, lines: str | None = None) -> str:
        return LABELS.get((model or "", field), field)

    def relation(self, model: str | None, field: str, lines: str | None = None) -> str | None:
        return RELATIONS.get((model or "", field))

    def seed(self, relation: str, value: str, model: str | None) -> Seed | None:
        found = RECORDS.get((relation, value))
        if found is None:
            return None
        kind, row = found
        kind = "vendors" if model == "purchase.order" and relation == "res.partner" else kind
        givens = (Step("given", f'"{row[0][1]}" has 10 units on hand in "WH/Stock"'),) if kind == "products" else ()
        return Seed(kind, row[0][1], row, givens)


def steps(*raw: dict, role: str = "Sales coordinator") -> list:
    return compose([Event.from_raw({"model": "sale.order", **event}) for event in raw], role, FakeOdoo())


def texts(lines: list) -> list[str]:
    return [line.text for line in lines if isinstance(line, Step)]


@pytest.fixture(scope="module")
def phrasebook() -> Phrasebook:
    return Phrasebook.of(ROOT)


def test_a_quotation_session_becomes_givens_for_the_picked_records_then_the_clicks_in_order():
    lines = steps(
        {"kind": "menu", "xmlid": "sale.sale_menu_root"},
        {"kind": "menu", "xmlid": "sale.sale_order_menu"},  # a folder: opens nothing
        {"kind": "menu", "xmlid": "sale.menu_sale_quotations"},
        {"kind": "button", "label": "New"},
        {"kind": "status", "label": "Quotation"},
        {"kind": "field", "where": "form", "field": "partner_id", "label": "Customer", "value": "Acme Retail"},
        {"kind": "add_line", "list": "order_line", "label": "Add a product"},
        {
            "kind": "field",
            "where": "line",
            "list": "order_line",
            "row": "r1",
            "field": "product_template_id",
            "label": "Product",
            "value": "[OAK] Oak Pallet",
        },
        {
            "kind": "field",
            "where": "line",
            "list": "order_line",
            "row": "r1",
            "field": "product_uom_qty",
            "label": "Quantity",
            "value": "2.00",
        },
        {"kind": "button", "label": "Confirm", "name": "action_confirm"},
        {"kind": "status", "label": "Sales Order"},
    )
    assert lines == [
        Step("given", "the following customers exist:", (("Name",), ("Acme Retail",))),
        Step("given", "the following products exist:", (("Name", "Type"), ("Oak Pallet", "Goods"))),
        Step("given", '"Oak Pallet" has 10 units on hand in "WH/Stock"'),
        Step("given", 'I am logged in as a "Sales coordinator"'),
        Step("when", 'I open "Sales / Orders / Quotations"'),
        Step("when", 'I click "New"'),
        Step("when", 'I set "Customer" to "Acme Retail"'),
        Step("when", "I add the lines:", (("Product", "Quantity"), ("Oak Pallet", "2.00"))),
        Step("when", 'I click "Confirm"'),
        Step("then", 'the status is "Sales Order"'),
    ]


def test_several_fields_set_one_after_the_other_become_a_fill_in_table_with_each_fields_last_value():
    lines = steps(
        {"kind": "field", "where": "form", "field": "client_order_ref", "label": "Customer Reference", "value": "PO-1"},
        {"kind": "field", "where": "form", "field": "note", "label": "Terms", "value": "Net 30"},
        {"kind": "field", "where": "form", "field": "client_order_ref", "label": "Customer Reference", "value": "PO-2"},
        {"kind": "save"},
    )
    assert lines[1:] == [
        Step("when", "I fill in:", (("Field", "Value"), ("Terms", "Net 30"), ("Customer Reference", "PO-2"))),
        Step("when", "I save"),
    ]


def test_a_field_without_a_label_on_screen_is_named_by_odoo_s_label_for_it():
    lines = steps({"kind": "field", "where": "form", "field": "partner_id", "value": "Someone new"})
    assert texts(lines)[-1] == 'I set "Customer" to "Someone new"'


def test_a_partner_picked_on_a_purchase_order_is_seeded_as_a_vendor():
    lines = compose(
        [
            Event.from_raw(
                {
                    "kind": "field",
                    "model": "purchase.order",
                    "where": "form",
                    "field": "partner_id",
                    "label": "Vendor",
                    "value": "Acme Retail",
                }
            )
        ],
        "Buyer",
        FakeOdoo(),
    )
    assert lines[0] == Step("given", "the following vendors exist:", (("Name",), ("Acme Retail",)))
    assert lines[1] == Step("given", 'I am logged in as a "Buyer"')


def test_a_value_naming_no_record_to_seed_is_written_as_typed_and_seeds_nothing():
    lines = steps(
        {
            "kind": "field",
            "where": "line",
            "list": "order_line",
            "row": "r1",
            "field": "tax_ids",
            "label": "Taxes",
            "value": "15%",
        }
    )
    assert lines == [
        Step("given", 'I am logged in as a "Sales coordinator"'),
        Step("when", "I add the lines:", (("Taxes",), ("15%",))),
    ]


def test_lines_of_several_rows_share_one_table_and_a_cell_left_empty_stays_empty():
    lines = steps(
        {"kind": "field", "where": "line", "list": "order_line", "row": "r1", "label": "Product", "value": "A"},
        {"kind": "field", "where": "line", "list": "order_line", "row": "r1", "label": "Quantity", "value": "3"},
        {"kind": "field", "where": "line", "list": "order_line", "row": "r2", "label": "Product", "value": "B"},
        {"kind": "field", "where": "line", "list": "order_line", "row": "r2", "label": "Discount %", "value": "5"},
    )
    assert lines[-1] == Step(
        "when", "I add the lines:", (("Product", "Quantity", "Discount %"), ("A", "3", ""), ("B", "", "5"))
    )


def test_the_status_becomes_a_then_only_when_it_changes_on_the_same_form():
    lines = steps(
        {"kind": "status", "label": "Quotation"},
        {"kind": "button", "label": "Send"},
        {"kind": "status", "label": "Quotation"},
        {"kind": "status", "label": None},  # left the form
        {"kind": "status", "label": "Draft"},
    )  # another record's form
    assert texts(lines) == ['I am logged in as a "Sales coordinator"', 'I click "Send"']


def test_what_no_phrase_expresses_becomes_a_comment_saying_what_happened():
    lines = steps(
        {"kind": "other", "what": 'clicked the stage "Locked" in the status bar'},
        {"kind": "button", "label": "", "name": "action_open_catalog"},
        {"kind": "field", "where": "dialog", "field": "amount", "label": "Amount", "value": "10.00"},
        {"kind": "add_line", "list": "order_line", "label": "Add a section"},
        {"kind": "unheard-of"},
    )
    comments = [line.text for line in lines if isinstance(line, Comment)]
    assert comments[0] == 'clicked the stage "Locked" in the status bar'
    assert "name=action_open_catalog" in comments[1]
    assert comments[2].startswith('set "Amount" to "10.00" in a dialog')
    assert comments[3].startswith('clicked "Add a section"')
    assert "'unheard-of'" in comments[4]


def test_an_app_then_one_of_its_menus_is_one_open_step_and_searches_and_records_follow():
    lines = steps(
        {"kind": "menu", "xmlid": "sale.sale_menu_root"},
        {"kind": "menu", "xmlid": "sale.menu_sale_quotations"},
        {"kind": "search", "text": "Acme"},
        {"kind": "open_record", "text": "S00012"},
    )
    assert texts(lines)[1:] == [
        'I open "Sales / Orders / Quotations"',
        'I search for "Acme"',
        'I open the record "S00012"',
    ]


def test_a_role_starting_with_a_vowel_is_an_role():
    assert steps(role="Accountant")[0].text == 'I am logged in as an "Accountant"'


def test_every_step_the_mapping_writes_is_a_documented_phrase(phrasebook):
    lines = steps(
        {"kind": "menu", "xmlid": "sale.menu_sale_quotations"},
        {"kind": "search", "text": "Acme"},
        {"kind": "open_record", "text": "S00012"},
        {"kind": "button", "label": "New"},
        {"kind": "field", "where": "form", "field": "partner_id", "value": "Acme Retail"},
        {"kind": "field", "where": "form", "field": "client_order_ref", "label": "Reference", "value": "X"},
        {"kind": "save"},
        {"kind": "field", "where": "form", "field": "partner_id", "value": "Acme Retail"},
        {
            "kind": "field",
            "where": "line",
            "list": "order_line",
            "row": "r",
            "field": "product_template_id",
            "value": "[OAK] Oak Pallet",
        },
        {"kind": "status", "label": "Quotation"},
        {"kind": "button", "label": "Confirm"},
        {"kind": "status", "label": "Sales Order"},
    )
    assert [line for line in lines if isinstance(line, Step) and phrasebook.problem(line)] == []
    assert phrasebook.checked(lines) == lines


def test_a_step_that_is_no_documented_phrase_is_written_as_a_comment_with_its_table(phrasebook):
    checked = phrasebook.checked(
        [
            Step("when", "I juggle the lines:", (("Product",), ("Oak",))),
            Step("given", "the following customers exist:", (("Name", "Shoe size"), ("A", "9"))),
        ]
    )
    assert [line.text for line in checked] == [
        "not written as a step, no documented phrase matches it: When I juggle the lines:",
        "  | Product |",
        "  | Oak |",
        (
            "not written as a step, its columns Shoe size are not among Name, Email, Credit limit, Payment terms, Pricelist: "
            "Given the following customers exist:"
        ),
        "  | Name | Shoe size |",
        "  | A | 9 |",
    ]
    assert all(isinstance(line, Comment) for line in checked)
