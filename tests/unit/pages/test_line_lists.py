"""A form's lists of lines in a real browser (no Odoo): found by their columns on any tab, rows found by their text.

The markup is Odoo's as 18.0 and 19.0 render it: every x2many widget holds X2ManyField's `o_field_x2many_list`,
and the widget's own class is `o_field_<widget>` (19.0's stock_move_one2many has no `o_field_one2many`).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from odoo_uat.web.session import FieldInfo
from pages.components.form import FormView
from pages.components.labels import UnknownLabel
from pages.components.one2many import LINE_LIST, One2ManyLines
from pages.components.user_locale import UserLocale


def line_list(name: str, widget: str, headers: list[tuple[str, str]], rows: list[str], add: bool = True) -> str:
    heads = "".join(f'<th data-name="{field}">{text}</th>' for text, field in headers)
    body = "".join(rows)
    adder = (
        '<tr><td class="o_field_x2many_list_row_add"><a role="button" href="#">Add a line</a></td></tr>' if add else ""
    )
    return (
        f'<div name="{name}" class="o_field_widget o_field_{widget}">'
        '<div class="o_list_view o_field_x2many o_field_x2many_list"><table class="o_list_table">'
        f"<thead><tr>{heads}</tr></thead><tbody>{body}{adder}</tbody></table></div></div>"
    )


def row(*cells: tuple[str, str], edited: bool = False, button: str = "") -> str:
    tds = "".join(f'<td name="{field}" class="o_data_cell">{text}</td>' for field, text in cells)
    if edited:
        tds = "".join(
            f'<td name="{field}" class="o_data_cell"><div name="{field}" class="o_field_widget">'
            f'<input value="{text}"></div></td>'
            for field, text in cells
        )
    selected = " o_selected_row" if edited else ""
    return f'<tr class="o_data_row{selected}">{tds}<td class="o_list_button">{button}</td></tr>'


MOVES_19 = line_list(
    "move_ids",
    "stock_move_one2many",
    [("Product", "product_id"), ("Demand", "product_uom_qty")],
    [row(("product_id", "Hazel Beam"), ("product_uom_qty", "6.00"))],
)
MOVES_18 = MOVES_19.replace("o_field_stock_move_one2many", "o_field_stock_move_one2many o_field_one2many").replace(
    'name="move_ids"', 'name="move_ids_without_package"'
)
TAGS = '<div name="tag_ids" class="o_field_widget o_field_many2many_tags"><div class="o_field_tags"></div></div>'


@pytest.mark.parametrize("markup", [MOVES_19, MOVES_18], ids=["19.0 transfer", "18.0 transfer"])
def test_a_transfer_s_operations_are_a_list_of_lines_in_both_versions(blank_page: Page, markup: str) -> None:
    blank_page.set_content(f'<div class="o_form_view">{markup}{TAGS}</div>')
    assert blank_page.locator(LINE_LIST).count() == 1


ORDER_LINES = line_list(
    "order_line",
    "section_and_note_one2many",
    [("Product", "product_id"), ("Quantity", "product_uom_qty"), ("Disc.%", "discount")],
    [
        row(("product_id", "Oak Pallet"), ("product_uom_qty", "4.00"), ("discount", "0.00")),
        row(
            ("product_id", "Oak Crate"),
            ("product_uom_qty", "5.00"),
            ("discount", "0.00"),
            button="<button>Details</button>",
        ),
    ],
)
OPTIONS = line_list("sale_order_option_ids", "one2many", [("Product", "product_id"), ("Unit Price", "price_unit")], [])
# Two tabs, as Odoo's notebook: only the active page is rendered; a click on a tab shows its page.
NOTEBOOK = f"""<div class="o_action_manager"><div class="o_form_view"><div class="o_notebook">
<div class="o_notebook_headers"><a class="nav-link active" data-page="lines">Order Lines</a>
<a class="nav-link" data-page="options">Optional Products</a></div>
<div id="lines">{ORDER_LINES}</div><div id="options" style="display:none">{OPTIONS}</div></div></div></div>
<script>
document.querySelectorAll('.nav-link').forEach(tab => tab.addEventListener('click', () => {{
  document.querySelectorAll('.nav-link').forEach(other => other.classList.toggle('active', other === tab));
  for (const page of ['lines', 'options']) {{
    document.getElementById(page).style.display = page === tab.dataset.page ? '' : 'none';
  }}
}}));
</script>"""


class FakeSession:
    """The web session's metadata: a sale order and its two kinds of lines."""

    FIELDS = {
        "sale.order": {
            "order_line": FieldInfo("order_line", "Order Lines", "one2many", "sale.order.line"),
            "sale_order_option_ids": FieldInfo(
                "sale_order_option_ids", "Optional Products", "one2many", "sale.order.option"
            ),
        },
        "sale.order.line": {
            "product_id": FieldInfo("product_id", "Product", "many2one", "product.product"),
            "product_uom_qty": FieldInfo("product_uom_qty", "Quantity", "float"),
            "discount": FieldInfo("discount", "Discount (%)", "float"),
            "price_subtotal": FieldInfo("price_subtotal", "Subtotal", "monetary"),
        },
        "sale.order.option": {
            "product_id": FieldInfo("product_id", "Product", "many2one", "product.product"),
            "price_unit": FieldInfo("price_unit", "Unit Price", "float"),
        },
    }

    def fields(self, model: str) -> dict[str, FieldInfo]:
        return self.FIELDS[model]


def sale_form(page: Page) -> FormView:
    page.set_content(NOTEBOOK)
    form = FormView(page)
    form.session = FakeSession()  # type: ignore[assignment]
    form.__dict__.update(model="sale.order", fields=FakeSession.FIELDS["sale.order"], locale=UserLocale())
    return form


def test_a_list_is_found_by_the_labels_it_shows_or_its_fields_own(blank_page: Page) -> None:
    found = sale_form(blank_page).find_lines(["product", "Discount (%)"], adding=True)
    assert (found.field, found.columns) == ("order_line", {"product": "product_id", "Discount (%)": "discount"})


def test_a_label_of_a_column_not_shown_names_a_field_only_to_read_it(blank_page: Page) -> None:
    form = sale_form(blank_page)
    assert form.find_lines(["Product", "Subtotal"], every_field=True).columns["Subtotal"] == "price_subtotal"
    with pytest.raises(UnknownLabel, match='has the columns "Product", "Subtotal"'):
        form.find_lines(["Product", "Subtotal"])


def test_a_list_on_another_tab_is_found_and_its_tab_opened(blank_page: Page) -> None:
    found = sale_form(blank_page).find_lines(["Product", "Unit Price"], adding=True)
    assert found.field == "sale_order_option_ids"
    assert blank_page.locator(".nav-link.active").inner_text() == "Optional Products"


def test_columns_no_list_has_are_refused_with_every_list_s_columns(blank_page: Page) -> None:
    message = 'Its lists have: "Product", "Quantity", "Disc.%"; "Product", "Unit Price".'
    with pytest.raises(UnknownLabel, match=re.escape(message)):
        sale_form(blank_page).find_lines(["Product", "Weight"], adding=True)


def test_a_line_is_looked_for_in_the_list_that_shows_it(blank_page: Page) -> None:
    found = sale_form(blank_page).find_lines(["Product"], row="Oak Crate")
    assert found.field == "order_line"
    with pytest.raises(AssertionError, match='No line of this form shows "Birch". Its lines: "Oak Pallet | 4.00'):
        sale_form(blank_page).find_lines(["Product"], row="Birch")


def test_a_button_on_a_line_is_clicked_by_its_label(blank_page: Page) -> None:
    form = sale_form(blank_page)
    blank_page.evaluate("() => document.querySelector('button').onclick = () => window.clicked = true")
    form.click_on_line("Oak Crate", "details")
    assert blank_page.evaluate("() => window.clicked") is True


def test_a_button_a_line_does_not_have_is_refused_with_those_it_has(blank_page: Page) -> None:
    with pytest.raises(AssertionError, match='The line "Oak Crate" has no button "Split". Its buttons: "Details".'):
        sale_form(blank_page).click_on_line("Oak Crate", "Split")


def test_the_row_being_edited_is_found_by_what_its_inputs_hold(blank_page: Page) -> None:
    edited = row(("product_id", "Oak Pallet"), ("product_uom_qty", "5"), edited=True)
    other = row(("product_id", "Oak Crate"), ("product_uom_qty", "2.00"))
    blank_page.set_content(line_list("order_line", "one2many", [("Product", "product_id")], [edited, other]))
    lines = One2ManyLines(blank_page.locator(LINE_LIST))
    assert lines.one_row("Oak Pallet").get_attribute("class") == "o_data_row o_selected_row"
    assert lines.row_texts() == ["Oak Pallet | 5", "Oak Crate | 2.00"]


SAVE_BUTTON = '<div class="o_form_status_indicator"><button class="o_form_button_save">Save</button></div>'


@pytest.mark.parametrize(
    "url, indicator, unsaved",
    [
        ("http://odoo.test/odoo/sales/42", "", False),
        ("http://odoo.test/odoo/sales/42", SAVE_BUTTON, True),
        ("http://odoo.test/odoo/sales/new", "", True),
    ],
    ids=["saved", "changed", "new"],
)
def test_a_form_with_changes_or_never_saved_is_unsaved(
    blank_page: Page, url: str, indicator: str, unsaved: bool
) -> None:
    html = f'<div class="o_action_manager"><div class="o_form_view">{indicator}</div></div>'
    blank_page.route("http://odoo.test/**", lambda route: route.fulfill(body=html, content_type="text/html"))
    blank_page.goto(url)
    assert FormView(blank_page).unsaved() is unsaved
