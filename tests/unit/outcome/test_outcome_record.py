"""The outcome record: Odoo's values normalised for a compare, the documents read in few calls, the files."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from odoo_uat.odoo.compat import COMPATS
from odoo_uat.outcome import files
from odoo_uat.outcome.capture import FieldTypes, Reader, Roots
from odoo_uat.outcome.normalise import Normaliser, keyed, numbered, relative_day, replace_words
from odoo_uat.outcome.spec import kinds
from tests.unit.fake_odoo import FakeOdoo

DAY = date(2026, 12, 3)


def test_dates_become_days_from_the_run() -> None:
    assert relative_day("2026-12-03", DAY) == "D+0"
    assert relative_day("2027-01-02 10:11:12", DAY) == "D+30"
    assert relative_day("2026-12-02", DAY) == "D-1"


def test_a_document_number_is_replaced_as_a_whole_word_only() -> None:
    numbers = {"S00012": "Sales order 1", "WH/OUT/00005": "Delivery 1"}
    assert replace_words("S00012 - WH/OUT/00005", numbers) == "Sales order 1 - Delivery 1"
    assert replace_words("S000123", numbers) == "S000123"


def test_values_lose_ids_generated_names_and_float_noise() -> None:
    names = {"Acme Retail k3x9ab-1": "Acme Retail"}
    normaliser = Normaliser(DAY, lambda text: replace_words(text, names), "k3x9ab-1", {"INV/2026/00003": "Invoice 1"})
    assert normaliser.value([7, "Acme Retail k3x9ab-1"], "many2one") == "Acme Retail"
    assert normaliser.value("INV/2026/00003 for Oak k3x9ab-1") == "Invoice 1 for Oak"
    assert normaliser.value(0.1 + 0.2, "float") == 0.3
    assert normaliser.value(False, "char") is None and normaliser.value(False, "boolean") is False
    assert normaliser.value("", "char") is None  # 18.0's empty ref, 19.0's False
    assert normaliser.value("2026-12-04 08:00:00", "datetime") == "D+1"


def test_any_run_token_goes_when_the_scenario_token_is_unknown() -> None:
    assert Normaliser(DAY).text("Water Pump ab12cd-gw1-7") == "Water Pump"


def test_a_number_of_a_document_the_record_does_not_hold_keeps_only_its_prefix() -> None:
    """A replenishment rule's number in an order's origin is the database's, not the scenario's (18.0 OP/00007,
    19.0 OP/00006 for the same scenario)."""
    normaliser = Normaliser(DAY, placeholders={"P00012": "Purchase order 1"})
    assert normaliser.text("OP/00007") == "OP/#"
    assert normaliser.text("P00012, WH/IN/00003") == "Purchase order 1, WH/IN/#"
    assert normaliser.text("Oak Pallet 2 x 100") == "Oak Pallet 2 x 100"  # a number that is no sequence stays


def test_repeated_keys_are_numbered_and_records_by_creation_order() -> None:
    rows = [{"product": "Oak"}, {"product": "Oak"}, {"product": "Pine"}]
    assert list(keyed(rows, lambda row: row["product"])) == ["Oak", "Oak #2", "Pine"]
    assert numbered([(9, "Delivery"), (4, "Delivery"), (5, "Receipt")]) == {
        4: "Delivery 1",
        5: "Receipt 1",
        9: "Delivery 2",
    }


class Typed(FieldTypes):
    """Field types as Odoo's fields_get gives them, for the fake Odoo."""

    TYPES = {
        "sale.order": {
            "name": {"type": "char"},
            "state": {"type": "selection"},
            "partner_id": {"type": "many2one", "relation": "res.partner"},
            "amount_total": {"type": "monetary"},
            "date_order": {"type": "datetime"},
        },
        "sale.order.line": {
            "order_id": {"type": "many2one", "relation": "sale.order"},
            "product_id": {"type": "many2one", "relation": "product.product"},
            "product_uom_qty": {"type": "float"},
            "tax_ids": {"type": "many2many", "relation": "account.tax"},
        },
        "stock.picking": {
            "name": {"type": "char"},
            "origin": {"type": "char"},
            "state": {"type": "selection"},
            "picking_type_code": {"type": "selection"},
            "backorder_id": {"type": "many2one", "relation": "stock.picking"},
        },
        "stock.move": {
            "state": {"type": "selection"},
            "product_id": {"type": "many2one", "relation": "product.product"},
            "location_id": {"type": "many2one", "relation": "stock.location"},
            "location_dest_id": {"type": "many2one", "relation": "stock.location"},
            "picking_id": {"type": "many2one", "relation": "stock.picking"},
            "quantity": {"type": "float"},
            "value": {"type": "monetary"},
        },
    }

    def of(self, model: str) -> dict:
        return self.TYPES.get(model, {})


def test_a_scenarios_documents_are_read_in_few_calls_and_named_by_placeholders() -> None:
    odoo = FakeOdoo(
        {
            "sale.order": [
                {
                    "id": 12,
                    "name": "S00012",
                    "state": "sale",
                    "partner_id": [3, "Acme k-1"],
                    "amount_total": 103.5,
                    "date_order": "2026-12-03 09:00:00",
                },
            ],
            "sale.order.line": [
                {
                    "id": 1,
                    "order_id": 12,
                    "product_id": [5, "Oak k-1"],
                    "product_uom_qty": 2.0,
                    "tax_ids": [8],
                },
            ],
            "account.tax": [{"id": 8, "display_name": "15%"}],
            "stock.location": [
                {"id": 8, "complete_name": "WH/Stock", "name": "Stock", "usage": "internal"},
                {"id": 9, "complete_name": "Partners/Customers", "name": "Customers", "usage": "customer"},
            ],
            "stock.picking": [
                {
                    "id": 40,
                    "name": "WH/OUT/00040",
                    "origin": "S00012",
                    "state": "done",
                    "picking_type_code": "outgoing",
                    "backorder_id": False,
                },
                {
                    "id": 41,
                    "name": "WH/OUT/00041",
                    "origin": "S00012",
                    "state": "assigned",
                    "picking_type_code": "outgoing",
                    "backorder_id": [40, "WH/OUT/00040"],
                },
            ],
            "stock.move": [
                {
                    "id": 70,
                    "state": "done",
                    "product_id": [5, "Oak k-1"],
                    "location_id": [8, "WH/Stock"],
                    "location_dest_id": [9, "Customers"],
                    "picking_id": 40,
                    "quantity": 2.0,
                    "value": 60.0,
                },
            ],
        }
    )
    reader = Reader(odoo, COMPATS[19], Typed(odoo))
    roots = Roots.of({("sale.order", "the order"): 12, ("stock.picking", "a"): 40, ("stock.picking", "b"): 41})
    outcome = reader.read(roots, Normaliser(DAY, token="k-1"))

    order = outcome["documents"]["Sales order 1"]
    assert order == {
        "state": "sale",
        "partner_id": "Acme",
        "amount_total": 103.5,
        "date_order": "D+0",
        "lines": {"Oak": {"product_id": "Oak", "product_uom_qty": 2.0, "tax_ids": ["15%"]}},
    }
    assert outcome["documents"]["Delivery 2"]["backorder_id"] == "Delivery 1"
    assert outcome["documents"]["Delivery 1"]["origin"] == "Sales order 1"
    move = outcome["stock moves"]["Oak · Delivery 1"]
    assert (move["location_id"], move["location_dest_id"], move["value"]) == ("WH/Stock", "Customers", 60.0)
    # the orders, their lines, the transfers, their moves, the moves' values, the taxes' and locations' names
    assert reader.calls == len(odoo.calls) == 7


def test_a_journal_entry_is_known_by_what_it_records_and_18s_outgoing_values_are_positive() -> None:
    kind = next(kind for kind in kinds(COMPATS[19]) if kind.model == "account.move")
    rows = [
        {"id": 3, "move_type": "entry", "ref": "WH/IN/00003 - Water Pump", "name": "STJ/1"},
        {"id": 4, "move_type": "entry", "ref": "LC/0001", "name": "STJ/2"},
        {"id": 5, "move_type": "out_invoice", "ref": False, "name": "INV/1"},
    ]
    normaliser = Normaliser(DAY, placeholders={"WH/IN/00003": "Receipt 1", "LC/0001": "Landed cost 1"})
    assert Reader._about({"account.move": (kind, {}, rows)}, normaliser) == {
        ("account.move", 3): "Journal entry for Receipt 1 - Water Pump",
        ("account.move", 4): "Journal entry for Landed cost 1",
    }
    layers = SimpleNamespace(search_read=lambda domain, fields: [{"stock_move_id": [70, "x"], "value": -60.0}])
    assert COMPATS[18].move_values(SimpleNamespace(env={"stock.valuation.layer": layers}), [70, 71]) == {
        70: 60.0,
        71: 0.0,
    }


def test_a_record_is_written_under_its_scenarios_id_next_to_the_allure_results(tmp_path: Path) -> None:
    (tmp_path / "reports" / "allure-results").mkdir(parents=True)
    folder = files.outcomes_root(tmp_path / "reports" / "allure-results")
    assert folder == tmp_path / "reports" / "outcomes"
    identifier = files.scenario_id("order_to_cash/quote_to_ship.feature", "Ship a confirmed order in full")
    path = files.write(folder, {"scenario": {"id": identifier}, "status": "passed"})
    assert path.name.startswith("order-to-cash-quote-to-ship-feature-ship-a-confirmed-order-in-full-")
    assert json.loads(path.read_text())["format"] == files.FORMAT
    for given in (tmp_path / "reports", tmp_path / "reports" / "allure-results", folder, tmp_path):
        assert [found for _, found in files.records(given)] == [json.loads(path.read_text())]
    files.clean(folder)
    assert list(files.records(tmp_path)) == []
