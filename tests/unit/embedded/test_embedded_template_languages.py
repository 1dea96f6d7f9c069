"""The roles' languages are part of the embedded template: its name, and Odoo's --load-language when it is built."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.databases import Databases
from odoo_uat.embedded.odoo_command import language_args
from odoo_uat.embedded.runtime import OdooSource
from odoo_uat.embedded.server import EmbeddedOdoo, role_languages
from odoo_uat.embedded.template_plan import TEMPLATE_FORMAT, TEMPLATE_PREFIX, TemplateSpec, template_name

MODULES = ["sale_management", "stock"]
ROLES = """
["Commercial"]
groups = ["sales_team.group_sale_salesman"]
language = "fr_FR"

["Vendedor"]
groups = ["sales_team.group_sale_salesman"]
language = "es_ES"

["Magasinier"]
groups = ["stock.group_stock_user"]
language = "fr_FR"

["Buyer"]
groups = ["purchase.group_purchase_user"]
"""


def test_without_languages_the_template_keeps_the_name_it_had():
    key = json.dumps([TEMPLATE_FORMAT, "19.0", "/src", sorted(MODULES), []])
    assert template_name("19.0", "/src", MODULES) == TEMPLATE_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:12]


def test_a_new_language_gives_a_new_template_whatever_the_order():
    plain = template_name("19.0", "/src", MODULES)
    french = template_name("19.0", "/src", MODULES, (), ["fr_FR"])
    assert french != plain
    assert template_name("19.0", "/src", MODULES, (), ["fr_FR", "es_ES"]) not in (plain, french)
    assert template_name("19.0", "/src", MODULES, (), ["es_ES", "fr_FR", "es_ES"]) == template_name(
        "19.0", "/src", MODULES, (), ["fr_FR", "es_ES"]
    )


def test_the_roles_languages_are_read_once_each_and_sorted(tmp_path):
    roles = tmp_path / "roles.toml"
    roles.write_text(ROLES)
    assert role_languages(roles) == ("es_ES", "fr_FR")
    assert role_languages(tmp_path / "missing.toml") == ()


def test_the_template_spec_of_the_embedded_odoo_holds_the_languages(tmp_path):
    source = OdooSource(series="19.0", src=tmp_path / "odoo")
    odoo = EmbeddedOdoo(source, tmp_path / "cache", modules=MODULES, languages=["fr_FR", "es_ES", "fr_FR"])
    spec = odoo.template_spec
    assert spec.languages == ("es_ES", "fr_FR")
    assert spec.base == template_name("19.0", source.where, MODULES, (), ["fr_FR", "es_ES"])
    assert EmbeddedOdoo(source, tmp_path / "cache", modules=MODULES).template_spec.languages == ()


def test_odoo_loads_the_languages_with_one_option_english_first():
    # Odoo makes the first loaded language the database's own (partners', company's, administrator's).
    assert language_args(["fr_FR", "es_ES"]) == ["--load-language=en_US,es_ES,fr_FR"]
    assert language_args(["en_US", "fr_FR"]) == ["--load-language=en_US,fr_FR"]
    assert language_args([]) == language_args(["en_US"]) == []


def test_a_template_that_made_a_language_the_databases_own_is_not_reused():
    # The first build with fr_FR alone made French the administrator's language: its name must not come back.
    key = json.dumps([TEMPLATE_FORMAT, "19.0", "/src", sorted(MODULES), [], ["fr_FR"]])
    assert (
        template_name("19.0", "/src", MODULES, (), ["fr_FR"])
        != TEMPLATE_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:12]
    )


class Cluster:
    """The SQL a template build asks: the active languages."""

    def __init__(self, active: list[str]) -> None:
        self.active = active

    def sql(self, statement: str, db: str | None = None) -> list[tuple[str]]:
        assert "res_lang" in statement
        return [(code,) for code in self.active]


def building(tmp_path: Path, active: list[str], monkeypatch) -> tuple[Databases, list[list[str]]]:
    databases = Databases(Cluster(active), tmp_path / "data", tmp_path / "locks", tmp_path / "templates")
    calls: list[list[str]] = []
    monkeypatch.setattr(
        databases, "_run_odoo", lambda db, runtime, args, config, log, demo=False: calls.append(list(args)) or 0
    )
    monkeypatch.setattr(databases, "_missing_modules", lambda db, modules: [])
    return databases, calls


def test_the_template_is_built_with_the_languages_loaded(tmp_path, monkeypatch):
    databases, calls = building(tmp_path, ["en_US", "fr_FR"], monkeypatch)
    databases._build("uat_build_x", None, MODULES, tmp_path / "odoo.conf", tmp_path / "log", (), ("fr_FR",))
    assert calls == [["-i", "base,sale_management,stock", "--load-language=en_US,fr_FR"]]


def test_a_language_odoo_did_not_activate_stops_the_build_naming_it(tmp_path, monkeypatch):
    databases, _calls = building(tmp_path, ["en_US"], monkeypatch)
    with pytest.raises(EmbeddedError, match=r"xx_XX.*roles file.*fr_FR"):
        databases._build("uat_build_x", None, MODULES, tmp_path / "odoo.conf", tmp_path / "log", (), ("xx_XX",))


def test_the_spec_record_keeps_its_languages(tmp_path):
    databases = Databases(Cluster([]), tmp_path / "data", tmp_path / "locks", tmp_path / "templates")
    spec = TemplateSpec("uat_tpl_abc", tuple(MODULES), {"rules": "aaa"}, ("rules",), ("fr_FR",))
    databases.write_record(spec.name, spec)
    record = json.loads(databases.record_file(spec.name).read_text())
    assert record["languages"] == ["fr_FR"]
    assert databases.read_record(spec.name) == {"rules": "aaa"}
