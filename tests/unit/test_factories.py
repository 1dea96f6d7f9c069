"""Factories as factory_boy intends: the connection a Meta option, one RPC call per batch, traits for variants."""
from __future__ import annotations

from typing import Any

import pytest

from odoo_uat.odoo import factories


class FakeModel:
    """Records each create call; ids count up from 100."""

    def __init__(self, calls: list[tuple[str, Any]], name: str) -> None:
        self.calls, self.name = calls, name

    def create(self, values: list[dict[str, Any]]) -> list[int]:
        self.calls.append((self.name, values))
        start = 100 + len(self.calls) * 10
        return list(range(start, start + len(values)))


class FakeOdoo:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.env = self

    def __getitem__(self, model: str) -> FakeModel:
        return FakeModel(self.calls, model)


def test_a_bound_factory_creates_through_its_meta_connection_and_marks_the_run() -> None:
    odoo = FakeOdoo()
    made = factories.bind(odoo, "run42")
    assert made.Customer._meta.connection is made.connection
    customer = made.Customer(name="Acme")
    assert [model for model, _values in odoo.calls] == ["res.partner", "ir.model.data"]
    assert odoo.calls[0][1] == [{"name": "Acme", "is_company": True, "customer_rank": 1}]
    assert customer == 110


def test_create_batch_and_rows_are_one_rpc_call() -> None:
    odoo = FakeOdoo()
    made = factories.bind(odoo)  # no run id: nothing marked
    ids = made.Product.create_batch(3, service=True)
    rows = made.ProductCategory.create_rows([{"name": "Chilled"}, {"name": "Dry Goods"}])
    assert [model for model, _values in odoo.calls] == ["product.product", "product.category"]
    assert len(ids) == 3 and all(values["type"] == "service" for values in odoo.calls[0][1])
    assert [values["name"] for values in odoo.calls[1][1]] == ["Chilled", "Dry Goods"] and len(rows) == 2


def test_traits_give_the_variants() -> None:
    assert factories.ProductFactory.build(consumable=True)["is_storable"] is False
    assert factories.ProductFactory.build(landed_cost=True)["landed_cost_ok"] is True
    bought = factories.ProductFactory.build(vendor_id=7, standard_price=4.0)
    assert bought["seller_ids"] == [(0, 0, {"partner_id": 7, "price": 4.0})]
    assert "seller_ids" not in factories.ProductFactory.build()
    assert factories.ProductCategoryFactory.build(automated=True)["property_valuation"] == "real_time"


def test_an_unbound_factory_says_which_fixture_binds_it() -> None:
    with pytest.raises(factories.UnboundFactory, match=r"the `factories` fixture \(fixtures/data.py\)"):
        factories.CustomerFactory(name="Acme")
