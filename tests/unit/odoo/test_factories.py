"""Factories as factory_boy intends: the connection a Meta option, one RPC call per batch, traits for variants."""

from __future__ import annotations

import pytest

from odoo_uat.odoo import factories
from tests.unit.fake_odoo import FakeOdoo


def test_a_bound_factory_creates_through_its_meta_connection_and_marks_the_run(fake_odoo: FakeOdoo) -> None:
    made = factories.bind(fake_odoo, "run42")
    assert made.Customer._meta.connection is made.connection
    customer = made.Customer(name="Acme")
    assert [(call.model, call.method) for call in fake_odoo.calls] == [
        ("res.partner", "create"),
        ("ir.model.data", "create"),
    ]
    assert fake_odoo.calls[0].args == ([{"name": "Acme", "is_company": True, "customer_rank": 1}],)
    [partner], [marker] = fake_odoo.rows["res.partner"], fake_odoo.rows["ir.model.data"]
    assert customer == partner["id"] == marker["res_id"]


def test_create_batch_and_rows_are_one_rpc_call(fake_odoo: FakeOdoo) -> None:
    made = factories.bind(fake_odoo)  # no run id: nothing marked
    ids = made.Product.create_batch(3, service=True)
    rows = made.ProductCategory.create_rows([{"name": "Chilled"}, {"name": "Dry Goods"}])
    assert [call.model for call in fake_odoo.calls] == ["product.product", "product.category"]
    [(products,)] = fake_odoo.called("product.product", "create")
    [(categories,)] = fake_odoo.called("product.category", "create")
    assert len(ids) == 3 and all(values["type"] == "service" for values in products)
    assert [values["name"] for values in categories] == ["Chilled", "Dry Goods"] and len(rows) == 2


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
