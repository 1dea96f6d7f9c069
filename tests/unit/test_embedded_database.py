"""Embedded Odoo databases: template names, run names, and which old runs are dropped."""
from __future__ import annotations

from datetime import datetime

import pytest

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.database import RUN_NAME, quote, run_db_name, runs_to_drop, template_name

MODULES = ["sale_management", "sale_stock", "purchase_stock"]


def test_template_name_ignores_module_order_and_duplicates():
    assert template_name("19.0", "/src", MODULES) == template_name("19.0", "/src", [*reversed(MODULES), "sale_stock"])


@pytest.mark.parametrize(
    "changed",
    [
        ("18.0", "/src", MODULES, ()),
        ("19.0", "/other-src", MODULES, ()),
        ("19.0", "/src", [*MODULES, "stock_landed_costs"], ()),
        ("19.0", "/src", MODULES, ("odoo-addon-sale-financial-risk",)),
    ],
)
def test_template_name_changes_with_series_source_modules_and_addon_packages(changed):
    assert template_name(*changed) != template_name("19.0", "/src", MODULES, ())


def test_template_name_is_a_short_postgres_identifier():
    name = template_name("19.0", "/src", MODULES)
    assert name.startswith("uat_tpl_") and len(name) < 63 and quote(name) == f'"{name}"'


def test_run_names_sort_in_the_order_of_the_runs():
    first = run_db_name(datetime(2025, 1, 31, 23, 59, 59), "ffff")
    second = run_db_name(datetime(2025, 2, 1, 0, 0, 0), "0000")
    assert first == "uat_20250131_235959_ffff"
    assert sorted([second, first]) == [first, second]
    assert RUN_NAME.match(run_db_name())


def test_only_runs_beyond_the_newest_three_are_dropped():
    runs = [run_db_name(datetime(2025, 1, day), "abcd") for day in range(1, 6)]
    others = ["uat_tpl_0123456789ab", "uat_build_0123456789ab_beef", "postgres", "dev19"]
    assert runs_to_drop(others + runs, keep=3) == [runs[1], runs[0]]
    assert runs_to_drop(others + runs[:3], keep=3) == []


@pytest.mark.parametrize("name", ['x"; DROP DATABASE postgres; --', "Upper", "", "a" * 64])
def test_names_not_made_here_are_refused_in_sql(name):
    with pytest.raises(EmbeddedError):
        quote(name)
