"""The records table's columns: the labels its screens show, its fields' labels, technical names, in the file's
language; a label the other Odoo version writes differently; the closest labels when none fits."""

from __future__ import annotations

from typing import Any

import pytest

from odoo_uat.authoring.tables import TableError
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Records
from tests.unit.fake_odoo import FakeOdoo
from tests.unit.fake_screens import ENGLISH, FRENCH, describe, screens_odoo

ORDERPOINT = "stock.warehouse.orderpoint"
ORDERPOINT_FIELDS = {
    "name": {"string": {ENGLISH: "Name", FRENCH: "Nom"}, "type": "char"},
    "product_id": {
        "string": {ENGLISH: "Product", FRENCH: "Produit"},
        "type": "many2one",
        "relation": "product.product",
    },
    "product_min_qty": {"string": {ENGLISH: "Min Quantity", FRENCH: "Quantité min"}, "type": "float"},
    "product_max_qty": {"string": {ENGLISH: "Max Quantity", FRENCH: "Quantité max"}, "type": "float"},
    "qty_forecast": {"string": {ENGLISH: "Forecast", FRENCH: "Prévision"}, "type": "float", "readonly": True},
    "supplier_id": {"string": {ENGLISH: "Supplier"}, "type": "many2one", "relation": "product.supplierinfo"},
}
ORDERPOINT_VIEWS = {
    "list": {
        ENGLISH: '<list><field name="product_id"/><field name="product_min_qty" string="Min"/>'
        '<field name="product_max_qty" string="Max"/></list>',
        FRENCH: '<list><field name="product_min_qty" string="Mini"/><field name="product_max_qty" string="Maxi"/></list>',
    }
}


class Seed:
    """The seeding service: what it was asked to create."""

    def __init__(self) -> None:
        self.created: list[tuple[str, list[dict[str, Any]]]] = []

    def records(self, model: str, values: list[dict[str, Any]]) -> list[int]:
        self.created.append((model, values))
        return list(range(100, 100 + len(values)))


def orderpoints() -> FakeOdoo:
    odoo = screens_odoo()
    odoo.rows["product.product"].append({"id": 7, "name": "Oak Pallet", "display_name": "Oak Pallet"})
    describe(odoo, ORDERPOINT, ORDERPOINT_FIELDS, ORDERPOINT_VIEWS)
    return odoo


def seed(odoo: FakeOdoo, model: str, table: list[list[str]], lang: str | None = None) -> list[dict[str, Any]]:
    from steps.records_steps import _ as records_exist

    names, created = ScenarioNames("r1"), Seed()
    records_exist(model, table, names, Records(odoo, names, {}), created, **({"phrase_language": lang} if lang else {}))
    return created.created[0][1]


def test_columns_are_the_labels_the_screen_shows() -> None:
    table = [["Product", "Min", "Max"], ["Oak Pallet", "5", "20"]]
    assert seed(orderpoints(), "Reordering Rules", table) == [
        {"product_id": 7, "product_min_qty": 5.0, "product_max_qty": 20.0}
    ]


def test_a_fields_label_and_its_technical_name_still_name_it() -> None:
    table = [["Min Quantity", "product_max_qty"], ["5", "20"]]
    assert seed(orderpoints(), ORDERPOINT, table) == [{"product_min_qty": 5.0, "product_max_qty": 20.0}]


def test_views_are_read_only_when_a_column_needs_them_and_once_per_run() -> None:
    odoo = orderpoints()
    seed(odoo, ORDERPOINT, [["Product", "Min Quantity"], ["Oak Pallet", "5"]])
    assert odoo.called(ORDERPOINT, "get_views") == []
    seed(odoo, ORDERPOINT, [["Min"], ["5"]])
    seed(odoo, ORDERPOINT, [["Max"], ["5"]])
    assert len(odoo.called(ORDERPOINT, "get_views")) == 1
    assert len(odoo.called(ORDERPOINT, "fields_get")) == 1


def test_a_french_file_reads_the_french_screen_and_english_labels_still_work() -> None:
    table = [["Produit", "Mini", "Max", "Quantité max"], ["Oak Pallet", "5", "", "20"]]
    assert seed(orderpoints(), "Règles de réapprovisionnement", table, FRENCH) == [
        {"product_id": 7, "product_min_qty": 5.0, "product_max_qty": 20.0}
    ]


def test_a_label_the_other_odoo_version_writes_differently_works_too() -> None:
    odoo = orderpoints()
    odoo.rows["product.supplierinfo"].append({"id": 3, "name": "Oak Supplies", "display_name": "Oak Supplies"})
    assert seed(odoo, ORDERPOINT, [["Vendor Pricelist"], ["Oak Supplies"]]) == [{"supplier_id": 3}]


def test_a_lines_label_in_its_owners_form_names_its_field() -> None:
    odoo = screens_odoo()
    describe(
        odoo,
        "account.move.line",
        {
            "move_id": {"string": "Journal Entry", "type": "many2one", "relation": "account.move", "required": True},
            "name": {"string": "Label", "type": "char"},
            "price_unit": {"string": "Unit Price", "type": "float"},
        },
    )
    describe(
        odoo,
        "account.move",
        {"invoice_line_ids": {"string": "Invoice lines", "type": "one2many", "relation": "account.move.line"}},
        {
            "form": '<form><field name="invoice_line_ids"><list><field name="price_unit" string="Price"/></list>'
            '<form><label for="name" string="Description"/><field name="name"/></form></field></form>'
        },
    )
    odoo.rows["ir.model.fields"].append(
        {
            "id": 1,
            "model": "account.move",
            "ttype": "one2many",
            "relation": "account.move.line",
            "relation_field": "move_id",
        }
    )
    assert seed(odoo, "Journal Items", [["Description", "Price"], ["Oak", "3"]]) == [
        {"name": "Oak r1", "price_unit": 3.0}
    ]


def test_a_label_prefers_the_fields_own_label_to_another_fields_column_title() -> None:
    odoo = orderpoints()
    odoo.archs[ORDERPOINT]["form"] = '<form><field name="supplier_id" string="Product"/></form>'  # type: ignore[attr-defined]
    assert seed(odoo, ORDERPOINT, [["Product"], ["Oak Pallet"]]) == [{"product_id": 7}]


def test_an_unknown_column_lists_the_closest_labels() -> None:
    with pytest.raises(TableError) as error:
        seed(orderpoints(), ORDERPOINT, [["Minn"], ["5"]])
    assert str(error.value) == (
        f'{ORDERPOINT} has no field "Minn". The closest labels: "Min". '
        "Write a column title as the screen shows it, the field's label or its technical name."
    )


def test_an_unknown_column_with_no_close_label_lists_the_fields_a_table_may_set() -> None:
    with pytest.raises(TableError, match=r'no field "Colour"\. Its fields: .*"Min Quantity"') as error:
        seed(orderpoints(), ORDERPOINT, [["Colour"], ["red"]])
    assert "Forecast" not in str(error.value)  # read-only: a table cannot set it
