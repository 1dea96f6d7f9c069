"""The parameter grammar of every phrase: named types a step writes as `{quantity:Quantity}`, each documenting itself.

A step module writes its phrase with `phrase(...)` (pytest-bdd's `parsers.cfparse` with these
types as `extra_types`), so a quantity, an amount or a record's name is read the same way in
every step, arrives converted, and the catalog (docs/steps.md) describes it from the type:

    @then(phrase('"{product:Name}" has {quantity:Quantity} units on hand in "{location:Location}"'))

A wording type (`{:Units}`, `{:Article}`) has no name: it lets a phrase accept "unit" or
"units", "a", "an" or "the", and gives the step nothing.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import parse
from pytest_bdd import parsers

from odoo_uat.values import parse_number

# A field's text: the shortest the rest of the phrase allows, without a double quote. Every such field is written
# between quotes, so a value holding none keeps 'I click "Order" on the row "Oak"' from also reading as
# 'I click "{button}"' with the button 'Order" on the row "Oak' (two phrases matching one step line).
ANY_TEXT = r'[^"]+?'
# A number as a person types it: 12, 2.5, 2,5, 1,000.50, 1.000,50, .5 (parse_number reads the separators).
NUMBER = r"-?(?:\d[\d,.]*|\.\d+)"
CURRENCY_BEFORE = r"(?:[€$£¥]\s?|(?-i:[A-Z]{3})\s)?"  # a code in capitals, even in a case-blind phrase
CURRENCY_AFTER = r"(?:\s?[€$£¥]|\s(?-i:[A-Z]{3}))?"


@dataclass(frozen=True)
class ParamType:
    """One kind of value a phrase takes: how it is written in a phrase, what a value looks like, what it becomes."""

    name: str  # as written in a phrase: {quantity:Quantity}
    kind: str  # a word or two for the catalog's parameter lists: "quantity"
    looks_like: str  # what a feature writer types, in words
    example: str  # one value, as typed in a feature file
    pattern: str  # the regular expression a value matches (non-capturing groups only)
    convert: Callable[[str], object] = str
    shown: str | None = None  # a wording type: how the phrase shows it ("a/an/the")

    def converter(self) -> Callable[[str], object]:
        """The converter cfparse calls, carrying the pattern as parse's `with_pattern` wants."""

        def convert(text: str) -> object:
            return self.convert(text.strip())

        convert.__name__ = self.name
        convert.__doc__ = self.looks_like
        return parse.with_pattern(self.pattern)(convert)


def choice(
    name: str, kind: str, values: Mapping[str, object], looks_like: str | None = None, suffix: str = ""
) -> ParamType:
    """A type taking one of a few wordings (any case), converted to the value it stands for."""
    by_fold = {text.casefold(): value for text, value in values.items()}
    alternatives = "|".join(re.escape(text) for text in sorted(values, key=len, reverse=True))

    def convert(text: str) -> object:
        bare = re.sub(suffix, "", text, flags=re.IGNORECASE).strip() if suffix else text
        return by_fold[bare.casefold()]

    listed = ", ".join(f'"{text}"' for text in values)
    return ParamType(
        name,
        kind,
        looks_like or f"one of {listed}",
        next(iter(values)),
        f"(?:{alternatives}){f'(?:{suffix})?' if suffix else ''}",
        convert,
    )


def wording(name: str, *words: str) -> ParamType:
    """A type for a word that may take several forms in a phrase (unit/units), giving the step nothing."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    shown = "/".join(words)
    return ParamType(name, "wording", f"{shown}, whichever reads right", words[0], f"(?:{alternatives})", shown=shown)


def _text(name: str, kind: str, looks_like: str, example: str) -> ParamType:
    return ParamType(name, kind, looks_like, example, ANY_TEXT)


QUANTITY = ParamType(
    "Quantity", "quantity", "a number of units, as you would type it: 12, 2.5, 1,000.50", "2.5", NUMBER, parse_number
)
AMOUNT = ParamType(
    "Amount",
    "amount",
    "an amount of money, with or without thousands separators and currency: 1,250.00, 45, € 45.00, 45.00 EUR",
    "1,250.00",
    f"{CURRENCY_BEFORE}{NUMBER}{CURRENCY_AFTER}",
    parse_number,
)
COUNT = ParamType("Count", "count", "a whole number: 0, 2, 12", "2", r"\d+", int)
NAME = _text(
    "Name", "name", "a record's name as the scenario calls it (the unique name in Odoo is found for you)", "Oak Pallet"
)
LOCATION = _text(
    "Location",
    "location",
    "a location's full name (\"WH/Stock\"), or a scenario's warehouse and the "
    'path below it ("North Depot/Stock/Shelf A")',
    "WH/Stock",
)
LABEL = _text(
    "Label", "label", "a label as the screen shows it (any case; a trailing ? or : may be left out)", "Customer"
)
TEXT = _text("Text", "text", "any text, as written", "Order confirmed")
MENU_PATH = _text(
    "MenuPath", "menu path", 'menu names as shown, from the app down, joined by " / "', "Sales / Orders / Quotations"
)
ROLE = _text("Role", "role", "a role of the roles file (roles.toml)", "Sales coordinator")
MODEL = _text(
    "Model",
    "model",
    'a kind of record as a menu or a screen names it ("Reordering Rules", "Customers"), as Odoo describes it '
    '("Product Category") or technically ("product.category"); singular or plural',
    "Reordering Rules",
)

RECEPTION_STEPS = choice(
    "ReceptionSteps", "reception", {"one step": "one_step", "two steps": "two_steps", "three steps": "three_steps"}
)
COSTING_METHOD = choice(
    "CostingMethod",
    "costing method",
    {"average cost": "average", "AVCO": "average", "FIFO": "fifo", "first in, first out": "fifo"},
    looks_like='"average cost", "AVCO", "FIFO" or "first in, first out", optionally followed by " (AVCO)" or " (FIFO)"',
    suffix=r" \((?:AVCO|FIFO)\)",
)
# What a scenario says after "split" -> the split method's label on screen (the same on 18.0 and 19.0).
SPLIT_METHOD = choice(
    "SplitMethod",
    "split method",
    {
        "by quantity": "By Quantity",
        "by current cost": "By Current Cost",
        "by weight": "By Weight",
        "by volume": "By Volume",
        "equally": "Equal",
    },
)
# The data domain a legacy extract holds (steps/migration_steps.py) -> its key in odoo_uat/compare_legacy/domains.py.
DATA_DOMAIN = choice(
    "DataDomain",
    "data domain",
    {
        "customers": "customers",
        "vendors": "vendors",
        "products": "products",
        "item masters": "products",
        "units of measure": "units of measure",
        "prices": "prices",
        "locations": "locations",
        "stock on hand": "stock on hand",
        "open sales order lines": "open sales order lines",
        "open purchase order lines": "open purchase order lines",
        "open receivables": "open receivables",
        "open payables": "open payables",
        "product costs": "product costs",
    },
)

ARTICLE = wording("Article", "a", "an", "the")
UNITS = wording("Units", "unit", "units")
RECORDS = wording("Records", "record", "records")
WAS_WERE = wording("WasWere", "was", "were")
LOG_IN = wording("LogIn", "log in", "continue")
LOT = wording("Lot", "lot", "serial number")

TYPES: dict[str, ParamType] = {
    param.name: param
    for param in (
        QUANTITY,
        AMOUNT,
        COUNT,
        NAME,
        LOCATION,
        LABEL,
        TEXT,
        MENU_PATH,
        ROLE,
        MODEL,
        RECEPTION_STEPS,
        COSTING_METHOD,
        SPLIT_METHOD,
        DATA_DOMAIN,
        ARTICLE,
        UNITS,
        RECORDS,
        WAS_WERE,
        LOG_IN,
        LOT,
    )
}
EXTRA_TYPES: dict[str, Callable[[str], object]] = {name: param.converter() for name, param in TYPES.items()}


class PhraseError(ValueError):
    """A phrase names a parameter type the grammar does not have, or gives a parameter none."""


@dataclass(frozen=True)
class Field:
    """One `{name:Type}` of a phrase: its name ('' for a wording) and its type."""

    name: str
    type: ParamType | None
    spec: str = ""


def fields(text: str, types: Mapping[str, ParamType] | None = None) -> list[tuple[str, Field | None]]:
    """(literal text, the field after it or None) of a phrase, in order; types default to the grammar's."""
    known = TYPES if types is None else types
    parts = []
    for literal, name, spec, _conversion in string.Formatter().parse(text):
        if name is None:
            parts.append((literal, None))
        else:
            parts.append((literal, Field(name, known.get(spec or ""), spec or "")))
    return parts


def phrase(text: str) -> parsers.cfparse:
    """The step parser of a phrase whose every parameter has a type of this grammar."""
    for _literal, found in fields(text):
        if found is not None and found.type is None:
            raise PhraseError(
                f"In the phrase {text!r}, the parameter {{{found.name}{':' + found.spec if found.spec else ''}}} "
                + (f"has an unknown type {found.spec!r}" if found.spec else "has no type")
                + f": write one of {', '.join(TYPES)} (odoo_uat/authoring/params.py), e.g. "
                f"{{{found.name or 'quantity'}:Quantity}}."
            )
    return parsers.cfparse(text, extra_types=EXTRA_TYPES)
