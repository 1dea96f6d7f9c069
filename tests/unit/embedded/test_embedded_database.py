"""Embedded Odoo databases: template names, run names, and which old runs are dropped."""

from __future__ import annotations

from datetime import datetime

import pytest

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.databases import quote
from odoo_uat.embedded.odoo_log import build_failure, failure_excerpt
from odoo_uat.embedded.run_names import RUN_NAME, run_db_name, runs_to_drop
from odoo_uat.embedded.template_plan import (
    TemplatePlan,
    TemplateSpec,
    custom_template_name,
    plan_template,
    superseded_templates,
    template_name,
)

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


# -- the template follows the customisation's code ----------------------------------------
BASE = template_name("19.0", "/src", MODULES)


def spec(**custom: str) -> TemplateSpec:
    return TemplateSpec(BASE, tuple(MODULES), custom, tuple(custom))


def test_without_a_customisation_the_template_keeps_its_base_name():
    assert spec().name == BASE


def test_the_customisations_contents_key_the_template_within_its_base():
    one, other = spec(rules="aaa").name, spec(rules="bbb").name
    assert one != other and one.startswith(BASE + "_") and other.startswith(BASE + "_")
    assert len(one) <= 63
    assert custom_template_name(BASE, {"a": "1", "b": "2"}) == custom_template_name(BASE, {"b": "2", "a": "1"})


def test_an_existing_template_for_the_same_code_is_up_to_date():
    wanted = spec(rules="aaa")
    assert plan_template(wanted, {wanted.name: {"rules": "aaa"}}) == TemplatePlan(up_to_date=True)


def test_a_changed_module_is_updated_on_a_clone_of_the_template_of_the_same_base():
    old = spec(rules="aaa", pricing="ppp")
    plan = plan_template(spec(rules="bbb", pricing="ppp"), {old.name: dict(old.custom), "uat_tpl_other": None})
    assert plan == TemplatePlan(source=old.name, update=("rules",), add=())


def test_a_new_module_is_installed_on_a_clone_and_the_plain_template_counts_as_one_without_any():
    plan = plan_template(spec(rules="aaa"), {BASE: None})
    assert plan == TemplatePlan(source=BASE, update=(), add=("rules",))


def test_the_closest_template_is_the_one_with_most_modules_unchanged_then_the_newest():
    close, far, newer_far = spec(a="1", b="2"), spec(a="1", b="0"), spec(a="0", b="0")
    existing = {t.name: dict(t.custom) for t in (close, far, newer_far)}
    created = {close.name: 1.0, far.name: 2.0, newer_far.name: 3.0}
    assert plan_template(spec(a="1", b="2", c="3"), existing, created).source == close.name
    assert plan_template(spec(a="9", b="9"), existing, created).source == newer_far.name


def test_a_template_holding_a_module_no_longer_installed_is_not_reused():
    old = spec(rules="aaa", dropped="ddd")
    assert plan_template(spec(rules="aaa"), {old.name: dict(old.custom)}) == TemplatePlan()


def test_a_template_of_another_base_or_without_a_record_is_built_from_nothing():
    other = TemplateSpec(template_name("18.0", "/src", MODULES), tuple(MODULES), {"rules": "aaa"})
    unknown = spec(rules="zzz").name
    assert plan_template(spec(rules="aaa"), {other.name: {"rules": "aaa"}, unknown: None}) == TemplatePlan()


def test_only_superseded_customised_templates_of_the_base_are_pruned():
    created = {BASE: 0.0, spec(r="1").name: 1.0, spec(r="2").name: 2.0, spec(r="3").name: 3.0, "uat_tpl_other_1": 0.5}
    assert superseded_templates(BASE, created, keep=2) == [spec(r="1").name]


# Odoo 19.0's log when a module of the customisation does not import (trimmed).
SYNTAX_ERROR_LOG = """\
2026-11-28 18:01:02,100 4242 INFO uat_build_x odoo.modules.loading: loading 60 modules...
2026-11-28 18:01:03,200 4242 CRITICAL uat_build_x odoo.modules.module: Couldn't load module uat_minimum_order
2026-11-28 18:01:03,201 4242 CRITICAL uat_build_x odoo.service.server: Failed to initialize database `uat_build_x`.
Traceback (most recent call last):
  File "/srv/odoo19/odoo/service/server.py", line 1313, in preload_registries
    registry = Registry.new(dbname, update_module=update_module, install_modules=config['init'])
  File "/srv/odoo19/odoo/modules/module.py", line 475, in load_openerp_module
    __import__(qualname)
  File "/tmp/addons/uat_minimum_order/__init__.py", line 1, in <module>
    from . import models
  File "/tmp/addons/uat_minimum_order/models/sale_order.py", line 8
    def _confirmation_error_message(self)
                                         ^
SyntaxError: expected ':'
2026-11-28 18:01:03,300 4242 INFO uat_build_x odoo.service.server: Initiating shutdown
"""


def test_the_failure_names_the_customisation_module_and_quotes_the_traceback():
    culprit, excerpt = failure_excerpt(
        SYNTAX_ERROR_LOG, ["sale_management", "uat_minimum_order"], ["uat_minimum_order"]
    )
    assert culprit == "uat_minimum_order"
    assert "Couldn't load module uat_minimum_order" in excerpt
    assert "Initiating shutdown" not in excerpt and "loading 60 modules" not in excerpt


def test_the_failure_quotes_the_traceback_of_the_first_error_record():
    lines = SYNTAX_ERROR_LOG.splitlines()
    log = "\n".join([*lines[:2], lines[2].replace("Couldn't load module uat_minimum_order", "oops"), *lines[3:]])
    _, excerpt = failure_excerpt(
        log.replace("CRITICAL uat_build_x odoo.modules", "INFO uat_build_x odoo.modules"), ["uat_minimum_order"]
    )
    assert excerpt.splitlines()[0].endswith("Failed to initialize database `uat_build_x`.")
    assert "SyntaxError: expected ':'" in excerpt and 'sale_order.py", line 8' in excerpt


def test_the_error_message_says_what_failed_where_and_quotes_odoo(tmp_path):
    log = tmp_path / "uat_build_x.log"
    log.write_text(SYNTAX_ERROR_LOG)
    message = str(build_failure(log, 255, ["uat_minimum_order"], "update", preferred=["uat_minimum_order"]))
    assert message.startswith(f"Odoo could not update the module uat_minimum_order (Odoo exited with 255). From {log}:")
    assert "    SyntaxError: expected ':'" in message


def test_a_log_without_an_error_record_quotes_its_end(tmp_path):
    log = tmp_path / "build.log"
    log.write_text("\n".join(f"line {n}" for n in range(100)))
    message = str(build_failure(log, 0, ["rules"], "install", missing=["rules"]))
    assert "the module(s) rules (Odoo exited without error; not installed: rules)" in message
    assert "line 99" in message and "line 10\n" not in message
