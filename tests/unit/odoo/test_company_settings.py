"""Company settings: labels of the Settings screen, turning on only what is off, one save at a time."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

import pytest

from odoo_uat.odoo.company_settings import (
    CompanySettings,
    Screen,
    SettingError,
    file_lock,
    find_field,
    lock_path,
    on_value,
    screen_labels,
)

ARCH = """
<form>
  <app string="Inventory" name="stock">
    <block title="Traceability">
      <setting id="full_traceability"><field name="group_stock_production_lot"/></setting>
      <setting id="expiration" invisible="not group_stock_production_lot"><field name="module_product_expiry"/></setting>
    </block>
    <block title="Warehouse">
      <setting id="track_product_location"><field name="group_stock_multi_locations"/></setting>
      <setting id="use_own_routes"><field name="group_stock_adv_location"/></setting>
    </block>
  </app>
  <app string="Sales" name="sale_management">
    <setting id="pricelist_configuration"><field name="group_product_pricelist"/></setting>
    <setting id="discounts" string="Discounts"><field name="group_discount_per_so_line"/></setting>
    <setting string="Warnings"><field name="group_warning_sale"/></setting>
    <setting string="Warnings"><field name="group_warning_stock"/></setting>
    <setting string="Weight"><field name="product_weight_in_lbs"/></setting>
    <setting><field name="account_use_credit_limit"/><label for="account_default_credit_limit"/>
      <field name="account_default_credit_limit"/></setting>
  </app>
</form>
"""
STRINGS = {
    "en_US": {
        "group_stock_production_lot": "Lots & Serial Numbers",
        "module_product_expiry": "Expiration Dates",
        "group_stock_multi_locations": "Storage Locations",
        "group_stock_adv_location": "Multi-Step Routes",
        "group_product_pricelist": "Pricelists",
        "group_discount_per_so_line": "Discounts",
        "group_warning_sale": "Sale Warnings",
        "group_warning_stock": "Warnings for Stock",
        "product_weight_in_lbs": "Weight unit of measure",
        "account_use_credit_limit": "Sales Credit Limit",
        "account_default_credit_limit": "Default Credit Limit",
    },
    "fr_FR": {
        "group_stock_production_lot": "Lots & Numéros de série",
        "module_product_expiry": "Dates d'expiration",
        "group_stock_multi_locations": "Emplacements de stockage",
        "group_stock_adv_location": "Routes en plusieurs étapes",
        "group_product_pricelist": "Listes de prix",
        "group_discount_per_so_line": "Remises",
        "group_warning_sale": "Avertissements de vente",
        "group_warning_stock": "Avertissements de stock",
        "product_weight_in_lbs": "Unité de mesure du poids",
        "account_use_credit_limit": "Limite de crédit de vente",
        "account_default_credit_limit": "Limite de crédit par défaut",
    },
}
TYPES = {"product_weight_in_lbs": "selection", "account_default_credit_limit": "monetary"}
# The Settings screen's onchange: ticking Multi-Step Routes ticks Storage Locations (stock's res_config_settings).
ONCHANGES = {"group_stock_adv_location": {"group_stock_multi_locations": True}}


class FakeSettingsOdoo:
    """res.config.settings as Odoo runs it: create() snapshots every setting, execute() writes back each one that
    differs from the database, so a stale snapshot turns a setting off (res_config.py set_values)."""

    def __init__(self, on: set[str] = frozenset(), installed: set[str] = frozenset()) -> None:
        self.state = {field: field in on for field in STRINGS["en_US"] if TYPES.get(field) is None}
        self.installed = set(installed)
        self.state.update({f"module_{module}": True for module in installed if f"module_{module}" in self.state})
        self.records: dict[int, dict[str, Any]] = {}
        self.calls: list[tuple[str, tuple]] = []
        self.after_create: Any = None  # called after a create, outside the database's lock (another worker's turn)
        self.ignored: set[str] = set()  # settings execute() does not apply (a module refusing it)
        self.stale_saves = 0  # saves whose next read still sees the settings as they were (Odoo's cache of groups)
        self._stale: dict[str, bool] | None = None
        self.env = type("Env", (), {"context": {"lang": "en_US"}})()
        self._db = threading.Lock()  # one RPC call is one transaction

    def execute_kw(self, model: str, method: str, args: list, kwargs: dict) -> Any:
        with self._db:
            self.calls.append((method, tuple(args)))
            answer = getattr(self, f"_{method}")(*args, **kwargs)
        if method == "create" and self.after_create:
            self.after_create()
        return answer

    def _fields_get(self, context: dict, attributes: list) -> dict:
        lang = context.get("lang", "en_US")
        return {field: {"string": text, "type": TYPES.get(field, "boolean")} for field, text in STRINGS[lang].items()}

    def _get_views(self, views: list, context: dict) -> dict:
        return {"views": {"form": {"arch": ARCH}}}

    def _onchange(self, ids: list, values: dict, names: list, spec: dict, context: dict) -> dict:
        if not names:
            state = self._stale or self.state  # stale until the next execute() clears the cache
            return {"value": {field: state.get(field, False) for field in spec if field != "company_id"}}
        return {"value": dict(ONCHANGES.get(names[0], {}))}

    def _create(self, values: dict, context: dict) -> int:
        record = len(self.records) + 1
        self.records[record] = {**self.state, **values}
        return record

    def _execute(self, ids: list, context: dict) -> None:
        self._stale = dict(self.state) if self.stale_saves else None
        self.stale_saves = max(0, self.stale_saves - 1)
        snapshot = self.records[ids[0]]
        for field, value in snapshot.items():
            if field not in self.ignored and self.state[field] != value:
                self.state[field] = value

    def _search_count(self, domain: list) -> int:
        return int(domain[0][2] in self.installed)

    @property
    def saves(self) -> int:
        return sum(method == "execute" for method, _ in self.calls)


def settings(odoo: FakeSettingsOdoo, tmp_path: Path) -> CompanySettings:
    return CompanySettings(odoo, file_lock(tmp_path / "settings.lock"))


def english_screen() -> Screen:
    strings = STRINGS["en_US"]
    return Screen(screen_labels(ARCH, strings), {field: {"string": text} for field, text in strings.items()})


def test_labels_are_the_ones_the_screen_shows():
    labels = screen_labels(ARCH, STRINGS["en_US"])
    assert labels["group_product_pricelist"] == ("Pricelists",)
    assert labels["group_warning_sale"] == ("Warnings", "Sale Warnings")  # the setting's string, then the field's
    assert labels["account_default_credit_limit"] == ("Default Credit Limit",)  # a <label for=…>


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Pricelists", "group_product_pricelist"),
        ("  lots & serial numbers? ", "group_stock_production_lot"),
        ("Sale Warnings", "group_warning_sale"),
        ("group_discount_per_so_line", "group_discount_per_so_line"),  # the technical name
    ],
)
def test_a_label_finds_its_setting_in_any_case(label, field):
    assert find_field(label, [english_screen()]) == field


def test_a_label_in_the_file_s_language_or_in_english(tmp_path):
    company = settings(FakeSettingsOdoo(), tmp_path)
    assert company.field("Listes de prix", "fr_FR") == "group_product_pricelist"
    assert company.field("Pricelists", "fr_FR") == "group_product_pricelist"


def test_an_unknown_label_lists_the_closest_ones():
    with pytest.raises(SettingError) as error:
        find_field("Pricelist", [english_screen()])
    assert str(error.value).startswith('The Settings screen has no setting "Pricelist". Closest labels: "Pricelists"')


def test_a_label_of_several_settings_asks_for_the_technical_name():
    with pytest.raises(SettingError, match=r'"Warnings" is the label of several settings: group_warning_sale'):
        find_field("Warnings", [english_screen()])


def test_a_setting_that_is_not_on_or_off_is_refused(tmp_path):
    odoo = FakeSettingsOdoo()
    with pytest.raises(SettingError, match=r'"Weight" \(product_weight_in_lbs\) is a selection setting, not one'):
        settings(odoo, tmp_path).turn_on(["Weight"])
    assert odoo.saves == 0


def test_a_setting_that_installs_a_module_is_refused_with_the_fix(tmp_path):
    odoo = FakeSettingsOdoo()
    with pytest.raises(SettingError) as error:
        settings(odoo, tmp_path).turn_on(["Expiration Dates"])
    message = str(error.value)
    assert 'The setting "Expiration Dates" installs the Odoo module product_expiry' in message
    assert (
        '"product_expiry" to `modules` in [tool.odoo-uat]' in message and "@requires_module:product_expiry" in message
    )
    assert odoo.saves == 0


def test_a_module_setting_whose_module_is_installed_is_already_on(tmp_path):
    odoo = FakeSettingsOdoo(installed={"product_expiry"})
    [change] = settings(odoo, tmp_path).turn_on(["Expiration Dates"])
    assert not change.written and odoo.saves == 0


def test_a_setting_already_on_writes_nothing(tmp_path):
    odoo = FakeSettingsOdoo(on={"group_product_pricelist"})
    [change] = settings(odoo, tmp_path).turn_on(["Pricelists"])
    assert (change.field, change.written) == ("group_product_pricelist", False)
    assert [method for method, _ in odoo.calls if method in ("create", "execute")] == []


def test_a_setting_is_saved_as_the_screen_does_with_what_its_onchange_ticks(tmp_path):
    odoo = FakeSettingsOdoo()
    [change] = settings(odoo, tmp_path).turn_on(["Multi-Step Routes"])
    assert change.written and change.with_it == ("group_stock_multi_locations",)
    created = next(args for method, args in odoo.calls if method == "create")
    assert created == ({"group_stock_multi_locations": True, "group_stock_adv_location": True},)
    assert odoo.state["group_stock_adv_location"] and odoo.state["group_stock_multi_locations"]


def test_several_settings_are_one_save(tmp_path):
    odoo = FakeSettingsOdoo(on={"group_product_pricelist"})
    changes = settings(odoo, tmp_path).turn_on(["Pricelists", "Discounts", "Sales Credit Limit"])
    assert [(change.field, change.written) for change in changes] == [
        ("group_product_pricelist", False),
        ("group_discount_per_so_line", True),
        ("account_use_credit_limit", True),
    ]
    assert odoo.saves == 1


def test_a_save_read_back_through_a_stale_cache_of_groups_is_made_again(tmp_path):
    """Another user's request refilled Odoo's cache of groups between execute()'s clear and its commit."""
    odoo = FakeSettingsOdoo()
    odoo.stale_saves = 1
    [change] = settings(odoo, tmp_path).turn_on(["Pricelists"])
    assert change.written and odoo.state["group_product_pricelist"]
    assert odoo.saves == 2


def test_a_setting_read_back_as_off_fails_the_step(tmp_path):
    odoo = FakeSettingsOdoo()
    odoo.ignored.add("group_product_pricelist")
    with pytest.raises(SettingError, match="Odoo reads them as off afterwards"):
        settings(odoo, tmp_path).turn_on(["Pricelists"])


def two_workers(odoo: FakeSettingsOdoo, first: CompanySettings, second: CompanySettings) -> None:
    """The first worker saves Pricelists; right after its create(), the second starts saving Discounts."""
    created, done = threading.Event(), threading.Event()

    def second_worker() -> None:
        assert created.wait(5)
        second.turn_on(["Discounts"])
        done.set()

    def after_create() -> None:
        odoo.after_create = None
        created.set()
        done.wait(0.5)  # without a lock the second save lands here, between the first's create() and execute()

    odoo.after_create = after_create
    thread = threading.Thread(target=second_worker)
    thread.start()
    first.turn_on(["Pricelists"])
    thread.join(5)


def test_two_workers_saving_at_once_keep_both_settings_on(tmp_path):
    odoo = FakeSettingsOdoo()
    two_workers(odoo, settings(odoo, tmp_path), settings(odoo, tmp_path))
    assert odoo.state["group_product_pricelist"] and odoo.state["group_discount_per_so_line"]


def test_without_the_lock_a_stale_snapshot_turns_the_other_setting_off(tmp_path):
    """Why the lock: the fake does what Odoo's execute() does with a snapshot older than another save."""
    odoo = FakeSettingsOdoo()
    two_workers(odoo, CompanySettings(odoo, contextlib.nullcontext()), CompanySettings(odoo, contextlib.nullcontext()))
    assert odoo.state["group_product_pricelist"] and not odoo.state["group_discount_per_so_line"]


def test_the_lock_is_per_server_and_database_in_the_cache_folder(tmp_path):
    path = lock_path(tmp_path, "http://odoo:8069", "staging")
    assert path.parent == tmp_path / "locks" and path.name.startswith("settings-")
    assert path != lock_path(tmp_path, "http://odoo:8069", "other")


def test_labels_holding_the_words_asked_come_first_in_the_error():
    with pytest.raises(SettingError, match=r'Closest labels: "Lots & Serial Numbers"'):
        find_field("Serial", [english_screen()])


def test_a_read_only_setting_is_refused():
    with pytest.raises(SettingError, match="is read-only on the Settings screen"):
        on_value("is_installed_sale", {"type": "boolean", "readonly": True}, "Sales installed")
