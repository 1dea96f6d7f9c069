"""What a user calls a model: its menu, its screen's title, its description or technical name, in their language."""

from __future__ import annotations

import pytest

from odoo_uat.odoo.model_names import ModelNames, UnknownName, aliases, same_name, view_labels
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.odoo.records import Records
from tests.unit.fake_screens import FRENCH, screens_odoo


def model(text: str, lang: str | None = None) -> str:
    return ModelNames(screens_odoo()).model(text, lang)


@pytest.mark.parametrize(
    ("text", "technical"),
    [
        ("Reordering Rules", "stock.warehouse.orderpoint"),
        ("Customers", "res.partner"),
        ("Product Variants", "product.product"),
        ("Product", "product.template"),
        ("Product Category", "product.category"),
        ("product.category", "product.category"),
    ],
)
def test_a_model_is_named_by_its_menu_its_screen_its_description_or_technically(text: str, technical: str) -> None:
    assert model(text) == technical


@pytest.mark.parametrize("text", ["reordering rule", "REORDERING RULES", "  Reordering   Rules "])
def test_a_name_is_singular_or_plural_in_any_case(text: str) -> None:
    assert model(text) == "stock.warehouse.orderpoint"


def test_a_menu_wins_over_a_screen_of_the_same_name() -> None:
    assert model("Products") == "product.template"  # a "Products" screen lists variants too


def test_a_french_file_names_models_in_french_and_english_names_still_work() -> None:
    assert model("Règles de réapprovisionnement", FRENCH) == "stock.warehouse.orderpoint"
    assert model("règle de réapprovisionnement", FRENCH) == "stock.warehouse.orderpoint"
    assert model("Catégorie de produits", FRENCH) == "product.category"
    assert model("Clients", FRENCH) == "res.partner"
    assert model("Reordering Rules", FRENCH) == "stock.warehouse.orderpoint"


def test_a_report_or_a_wizard_screen_names_no_model() -> None:
    with pytest.raises(UnknownName, match='No model "Update Quantity"'):
        model("Update Quantity")
    assert model("Customers") == "res.partner"  # not the sales report's "Customers"


def test_a_name_of_several_models_lists_them_with_their_description_and_the_fix() -> None:
    with pytest.raises(UnknownName) as error:
        model("Messages")
    assert str(error.value) == (
        '"Messages" names several models: "Outgoing Mails" (mail.mail), "Message" (mail.message). '
        'Write the model\'s description or technical name instead, e.g. "Outgoing Mails" or "mail.mail".'
    )


def test_an_unknown_name_lists_the_closest_ones_in_the_files_language() -> None:
    with pytest.raises(UnknownName, match=r'No model "Reordring Rules"\. The closest names: "Reordering Rules" '):
        model("Reordring Rules")
    with pytest.raises(UnknownName) as error:
        model("Règles de réaprovisionnement", FRENCH)
    assert '(in fr_FR). The closest names: "Règles de réapprovisionnement" (stock.warehouse.orderpoint)' in str(
        error.value
    )
    assert "Reordering Rules" not in str(error.value)


def test_menus_screens_and_models_are_read_once_per_connection_and_language() -> None:
    odoo = screens_odoo()
    for _ in range(3):
        records = Records(odoo, ScenarioNames("t1"), {})
        assert records.model("Reordering Rules") == "stock.warehouse.orderpoint"
        assert records.model("Produits", FRENCH) == "product.template"
    for read in ("ir.model", "ir.ui.menu", "ir.actions.act_window"):
        assert len(odoo.called(read, "search_read")) == 2, read  # English and French, once each


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Lot/Serial Number", "Lots/Serial Numbers"),
        ("Product Category", "Product Categories"),
        ("Tax", "Taxes"),
        ("Regel", "Regeln"),
        ("Produkt", "Produkte"),
        ("Ubicación", "Ubicaciones"),
        ("Règle de réapprovisionnement", "Règles de réapprovisionnement"),
    ],
)
def test_singular_and_plural_are_the_same_name(one: str, other: str) -> None:
    assert same_name(one, other) and same_name(other, one)


@pytest.mark.parametrize(("one", "other"), [("Product", "Production"), ("Rule", "Rules Engine"), ("Lot", "List")])
def test_other_words_are_other_names(one: str, other: str) -> None:
    assert not same_name(one, other)


def test_a_views_labels_are_read_with_those_of_its_lines_own_views() -> None:
    arch = (
        '<form><field name="partner_id" string="Customer"/><label for="date" string="Date"/><field name="note"/>'
        '<field name="line_ids"><list><field name="price_unit" string="Price"/></list></field></form>'
    )
    relations = {"account.move": {"line_ids": {"relation": "account.move.line"}}}
    assert view_labels(arch, "account.move", relations) == {
        "account.move": [("Customer", "partner_id"), ("Date", "date")],
        "account.move.line": [("Price", "price_unit")],
    }


def test_a_label_the_other_version_writes_differently_names_the_same_field() -> None:
    assert aliases("product.supplierinfo", [("Price", "price"), ("Vendor", "partner_id")]) == [("Unit Price", "price")]
    assert aliases("product.supplierinfo", [("Unit Price", "price")]) == [("Price", "price")]
    assert aliases("sale.order.line", [("Unit Price", "price_unit")]) == []
    assert aliases("stock.move", [("Unit", "product_uom")]) == [("Unit of Measure", "product_uom")]
