"""Field labels as a person reads them on screen, and the fields they name (forms, one2many lists, metadata)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from playwright.sync_api import Locator

from odoo_uat.values import TRAILING_MARKS, WHITESPACE, normalise_label  # noqa: F401 - also read from here
from odoo_uat.web.session import FieldInfo

FIELD_WIDGET = ".o_field_widget"
FIELD_LABEL = ".o_form_label[for]"
# A form's own field labels: `<label class="o_form_label" for="partner_id_0">` whose `for` is the
# id of the input inside `.o_field_widget[name=partner_id]`. Labels inside a widget (radio
# options, checkbox labels) are the widget's, not the form's.
FORM_LABELS_JS = f"""root => {{
  const seen = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const labels = [];
  for (const label of root.querySelectorAll('{FIELD_LABEL}')) {{
    if (label.closest('{FIELD_WIDGET}') || !seen(label)) continue;
    const id = label.getAttribute('for');
    const target = root.querySelector('#' + CSS.escape(id));
    const widget = target && target.closest('{FIELD_WIDGET}[name]');
    labels.push([label.innerText, widget ? widget.getAttribute('name') : id.replace(/_\\d+$/, '')]);
  }}
  return labels;
}}"""
# Labels without a field of their own, shown next to a value in a table row: the totals of an
# order ("Untaxed Amount", "Total") are read this way (account.TaxTotalsField, 18.0 and 19.0).
DISPLAY_LABEL = ".o_form_label:not([for])"
DISPLAY_ROW = "tr"
DISPLAY_CELL = "td"
DISPLAY_LABELS_JS = f"""root => [...root.querySelectorAll('{DISPLAY_ROW} {DISPLAY_LABEL}')]
  .filter(el => el.offsetWidth || el.offsetHeight).map(el => el.innerText)"""
# Fields shown on the form, whatever their label.
FIELD_NAMES_JS = f"""root => [...new Set([...root.querySelectorAll('{FIELD_WIDGET}[name]')]
  .map(el => el.getAttribute('name')))]"""
# A list's column headers: `<th data-name="product_qty">Quantity</th>`.
COLUMN_LABELS_JS = """root => [...root.querySelectorAll('thead th[data-name]')]
  .map(th => [th.innerText, th.getAttribute('data-name')])"""


class UnknownLabel(LookupError):
    """No field has the label a scenario gave; the message lists the labels that exist."""


def label_pattern(label: str, whole: bool = True) -> re.Pattern[str]:
    """A case-insensitive pattern for a label as it may appear on screen (any spacing, a trailing ? or :)."""
    words = normalise_label(label).split(" ")
    body = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"^\s*{body}[\s?:*]*$" if whole else body, re.IGNORECASE)


def match_label(label: str, candidates: Iterable[tuple[str, str]]) -> str | None:
    """The name paired with the first candidate text that reads as `label`, or None."""
    wanted = normalise_label(label)
    return next((name for text, name in candidates if normalise_label(text) == wanted), None)


def label_list(texts: Iterable[str]) -> str:
    """Labels for an error message: as shown, without duplicates or blanks, in screen order."""
    shown: dict[str, str] = {}
    for text in texts:
        clean = TRAILING_MARKS.sub("", WHITESPACE.sub(" ", text).strip())
        if clean:
            shown.setdefault(clean.casefold(), clean)
    return ", ".join(f'"{text}"' for text in shown.values()) or "none"


def form_labels(root: Locator) -> list[tuple[str, str]]:
    """(label as shown, field name) of the visible field labels in a form."""
    return [(text, name) for text, name in root.evaluate(FORM_LABELS_JS)]


def widget_selector(name: str) -> str:
    """The selector of field `name`'s widget."""
    return f"{FIELD_WIDGET}[name='{name}']"


def display_labels(root: Locator) -> list[str]:
    """Labels shown next to a value without a field of their own (order totals)."""
    return list(root.evaluate(DISPLAY_LABELS_JS))


def display_value(root: Locator, label: str) -> Locator:
    """The value cell in the row of a display label."""
    row = root.locator(DISPLAY_ROW).filter(has=root.page.locator(DISPLAY_LABEL, has_text=label_pattern(label)))
    return row.locator(DISPLAY_CELL).last


def field_names(root: Locator) -> list[str]:
    """The names of the fields rendered in a form or row."""
    return list(root.evaluate(FIELD_NAMES_JS))


def column_labels(list_root: Locator) -> list[tuple[str, str]]:
    """(column header as shown, field name) of a list."""
    return [(text, name) for text, name in list_root.evaluate(COLUMN_LABELS_JS)]


def metadata_labels(fields: dict[str, FieldInfo], shown: Iterable[str]) -> list[tuple[str, str]]:
    """(field string, name) of the shown fields, for labels the form does not display itself."""
    return [(fields[name].string, name) for name in shown if name in fields]


def titled_labels(labels: Iterable[tuple[str, str]], fields: dict[str, FieldInfo]) -> list[tuple[str, str]]:
    """(shown label + field string, name): a title field labelled "Product" reads "Product Name" too."""
    pairs = []
    for text, name in labels:
        info = fields.get(name)
        if info and normalise_label(info.string) not in normalise_label(text):
            pairs.append((f"{normalise_label(text)} {info.string}", name))
    return pairs
