"""Migration reconciliation: an extract read, compared with Odoo's records of its domain, every difference named."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.authoring.params import TYPES
from odoo_uat.compare_legacy.domains import DOMAINS
from odoo_uat.compare_legacy.extract import ExtractError, read_extract
from odoo_uat.compare_legacy.odoo_side import READERS, KeyMap, read_odoo
from odoo_uat.compare_legacy.reconcile import EXTRA, MISMATCH, MISSING, reconcile
from tests.unit.fake_odoo import FakeOdoo

FEATURES = Path(__file__).resolve().parents[3] / "features" / "migration" / "extracts"
CUSTOMERS = DOMAINS["customers"]
ODOO_CUSTOMERS = {
    ("C001",): {"Name": "Acme Retail", "Email": "orders@acme.example", "City": "London", "Country": "GB",
                "Payment terms": "30 Days"},
    ("C002",): {"Name": "Birch & Co", "Email": "buy@birch.example", "City": "Leeds", "Country": "GB",
                "Payment terms": ""},
    ("C003",): {"Name": "Cedar Stores", "Email": False, "City": "Lyon", "Country": "FR",
                "Payment terms": "Immediate Payment"},
}  # fmt: skip


def test_every_domain_of_the_phrases_has_its_columns_a_reader_and_a_mock_load() -> None:
    from odoo_uat.compare_legacy.mock_load import LOADERS

    phrased = set(TYPES["DataDomain"].convert(text) for text in ("customers", "item masters", "open payables"))
    assert phrased <= set(DOMAINS) == set(READERS) == set(LOADERS)


def test_odoo_holding_the_extract_passes() -> None:
    result = reconcile(read_extract(FEATURES / "customers.csv", CUSTOMERS), ODOO_CUSTOMERS)
    assert result.ok and result.matched == 3
    assert result.summary() == (
        "customers of customers.csv: 3 records, 3 the same, 0 with mismatches, 0 missing in Odoo, 0 extra in Odoo"
    )


def test_one_value_changed_in_the_extract_fails_listing_exactly_that_row() -> None:
    result = reconcile(read_extract(FEATURES / "customers-changed.csv", CUSTOMERS), ODOO_CUSTOMERS)
    assert not result.ok
    assert [row for row in result.rows if row[4] != "match"] == [("C002", "City", "Manchester", "Leeds", MISMATCH)]
    assert result.failure().splitlines() == [
        "Odoo does not hold the customers of customers-changed.csv: 3 records, 2 the same, 1 with mismatches, "
        "0 missing in Odoo, 0 extra in Odoo.",
        "  C002: City is 'Manchester' in the extract, 'Leeds' in Odoo",
    ]
    evidence = result.evidence_csv().splitlines()
    assert evidence[0] == "Key,Column,Legacy,Odoo,Result" and "C002,City,Manchester,Leeds,mismatch" in evidence
    assert len(evidence) == 1 + 3 * 5  # every compared value of every record


def test_missing_and_extra_records_are_counted_and_numbers_compare_within_the_tolerance(tmp_path: Path) -> None:
    extract = tmp_path / "stock.csv"
    extract.write_text("Item;Location;Quantity\nOAK-1;WH/Stock;10,5\nPIN-2;WH/Stock;4\n", encoding="utf-8-sig")
    odoo = {("OAK-1", "WH/Stock"): {"Quantity": 10.49}, ("BOX-3", "WH/Stock"): {"Quantity": 2.0}}
    result = reconcile(read_extract(extract, DOMAINS["stock on hand"]), odoo, tolerance=0.01)
    assert (result.missing, result.extra, result.mismatches) == (("PIN-2 / WH/Stock",), ("BOX-3 / WH/Stock",), ())
    assert ("PIN-2 / WH/Stock", "", "", "", MISSING) in result.rows and (
        "BOX-3 / WH/Stock",
        "",
        "",
        "",
        EXTRA,
    ) in result.rows
    strict = reconcile(read_extract(extract, DOMAINS["stock on hand"]), odoo, tolerance=0.001)
    assert [(m.key, m.column, m.legacy, m.odoo) for m in strict.mismatches] == [
        ("OAK-1 / WH/Stock", "Quantity", "10,5", "10.49")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Name,City\nAcme,London\n", "has no column Code"),
        ("Code,Name,Town\nC1,Acme,London\n", "column 'Town' that customers do not have"),
        ("Code,Name\nC1,Acme\nC1,Beta\n", "line 3: C1 is already on line 2"),
        ("Code,Name\n,Acme\n", "line 2: the key column"),
        ("", "is empty"),
    ],
)
def test_an_extract_that_cannot_be_read_names_the_file_line_and_fix(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "customers.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExtractError, match=message):
        read_extract(path, CUSTOMERS)
    with pytest.raises(ExtractError, match="relative to the feature file"):
        read_extract(tmp_path / "nowhere.csv", CUSTOMERS)


def test_a_translated_header_is_read_as_the_domains_column(tmp_path: Path) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("Code;Nom;Ville\nC1;Acme;Lyon\n", encoding="utf-8")
    extract = read_extract(path, CUSTOMERS, {"Nom": "Name", "Ville": "City"}.get)
    assert extract.rows == {("C1",): {"Code": "C1", "Name": "Acme", "City": "Lyon"}} and extract.compared == (
        "Name",
        "City",
    )


def test_after_a_mock_load_keys_are_the_scenarios_and_extras_are_looked_for_among_its_records() -> None:
    odoo = FakeOdoo(
        {
            "uom.uom": [{"id": 1, "name": "Units", "rounding": 0.01}, {"id": 2, "name": "kg", "rounding": 0.001}],
        }
    )
    keymap = KeyMap(lambda text: f"{text} t-1", lambda text: text.removesuffix(" t-1"), "t-1")
    assert keymap.scope("ref") == [("ref", "!=", False), ("ref", "ilike", "t-1")]
    assert KeyMap().scope("ref") == [("ref", "!=", False)]
    assert read_odoo(odoo, "units of measure", KeyMap(), [("Units",), ("kg",)]) == {
        ("Units",): {"Rounding": 0.01},
        ("kg",): {"Rounding": 0.001},
    }
    assert len(odoo.calls) == 1
