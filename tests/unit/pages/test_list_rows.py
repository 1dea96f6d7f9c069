"""The main list's rows: columns by their headers, a row's own buttons, selecting rows."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from odoo_uat.web.session import FieldInfo
from pages.components.list_rows import ListRows, column_field, shortened

COUNT_19 = [("Product", "product_id"), ("On Hand", "quantity"), ("Counted", "inventory_quantity")]
COUNT_18 = [("Product", "product_id"), ("On Hand Quantity", "quantity"), ("Counted Quantity", "inventory_quantity")]
FIELDS = {"inventory_quantity": FieldInfo("inventory_quantity", "Counted", "float", None, (), False)}


@pytest.mark.parametrize("columns", [COUNT_19, COUNT_18], ids=["19.0", "18.0"])
@pytest.mark.parametrize("label", ["Counted Quantity", "counted", "COUNTED QUANTITY:"])
def test_a_column_reads_the_same_on_both_versions_whatever_odoo_shortened(columns, label: str) -> None:
    assert column_field(label, columns, FIELDS) == "inventory_quantity"


def test_a_column_is_found_by_its_header_then_its_field_label_then_its_name() -> None:
    columns = [("Min", "product_min_qty"), ("To Order", "qty_to_order")]
    fields = {"product_min_qty": FieldInfo("product_min_qty", "Min Quantity", "float", None, (), False)}
    assert column_field("to order", columns, fields) == "qty_to_order"
    assert column_field("Min Quantity", columns, fields) == "product_min_qty"
    assert column_field("qty_to_order", columns, fields) == "qty_to_order"
    assert column_field("Vendor", columns, fields) is None


def test_a_shortened_label_fitting_several_columns_fits_none() -> None:
    columns = [("On Hand", "qty_on_hand"), ("On Hand Value", "value")]
    assert shortened("On", columns) is None
    assert shortened("On Hand Value", columns) is None  # fits "On Hand" too: the header itself is matched first
    assert column_field("On Hand Value", columns, {}) == "value"


# A list as Odoo 18.0/19.0 renders it: the control panel's own "Order" and a row's "Order" (the replenishment report).
LIST = """
<div class="o_action_manager"><div class="o_list_view">
  <div class="o_control_panel">
    <button name="action_replenish" onclick="this.dataset.clicked=1"><span>Order</span></button>
    <div class="o_selection_box" hidden><b>0</b> selected</div>
  </div>
  <table><thead><tr><th class="o_list_record_selector"><input type="checkbox" onchange="tickAll(this)"></th></tr></thead>
  <tbody>
    <tr class="o_data_row"><td class="o_list_record_selector"><input type="checkbox" onchange="ticked()"></td>
      <td class="o_data_cell" name="product_id">Alder Beam</td>
      <td class="o_data_cell o_list_button"><button name="action_replenish" onclick="this.dataset.clicked=1">
        <i class="fa fa-truck"></i><span>Order</span></button></td></tr>
    <tr class="o_data_row"><td class="o_list_record_selector"><input type="checkbox" onchange="ticked()"></td>
      <td class="o_data_cell" name="product_id">Birch Crate</td><td class="o_data_cell o_list_button"></td></tr>
    <tr class="o_data_row"><td class="o_list_record_selector"><input type="checkbox" onchange="ticked()"></td>
      <td class="o_data_cell" name="product_id">Alder Plank</td><td class="o_data_cell o_list_button"></td></tr>
  </tbody></table>
</div></div>
<script>
  function ticked() {
    const box = document.querySelector('.o_selection_box');
    box.hidden = !document.querySelector('tbody input:checked');
  }
  function tickAll(all) {
    document.querySelectorAll('tbody input').forEach(el => el.checked = all.checked);
    ticked();
  }
</script>
"""


@pytest.fixture
def list_page(blank_page: Page) -> Page:
    """A blank page showing LIST (no server needed)."""
    blank_page.set_content(LIST)
    return blank_page


def test_a_row_s_button_wins_over_the_control_panel_s_of_the_same_name(list_page: Page) -> None:
    ListRows(list_page).click("Alder Beam", "order")
    assert list_page.locator(".o_data_row button[data-clicked]").count() == 1
    assert list_page.locator(".o_control_panel button[data-clicked]").count() == 0


def test_a_row_without_the_button_names_the_buttons_it_has(list_page: Page) -> None:
    with pytest.raises(AssertionError, match=r'The row with "Birch Crate" has no button "Order". Its buttons: none'):
        ListRows(list_page).click("Birch Crate", "Order")


def test_selecting_rows_ticks_each_row_showing_the_text(list_page: Page) -> None:
    assert ListRows(list_page).select("Alder") == 2
    assert list_page.locator("tbody input:checked").count() == 2
    assert not list_page.locator("tbody tr", has_text="Birch Crate").locator("input").is_checked()


def test_selecting_rows_that_none_shows_lists_the_rows(list_page: Page) -> None:
    with pytest.raises(AssertionError, match=r'No row of the list shows "Oak". Its rows: "Alder Beam \| Order"'):
        ListRows(list_page).select("Oak")


def test_selecting_all_the_rows_ticks_every_row(list_page: Page) -> None:
    assert ListRows(list_page).select_all() == 3
    assert list_page.locator("tbody input:checked").count() == 3
