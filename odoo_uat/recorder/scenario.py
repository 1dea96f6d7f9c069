"""From recorded events to a scenario's steps: menus, fields by label, lines as a table, buttons, the status."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from odoo_uat.recorder.events import PASSWORD_PLACEHOLDER, Event

# The documented phrases the recorder writes (docs/steps.md); phrases.py checks each line against the registry.
OPEN = 'I open "{}"'
CLICK = 'I click "{}"'
SET = 'I set "{}" to "{}"'
FILL_IN = "I fill in:"
FILL_IN_HEADER = ("Field", "Value")
ADD_LINES = "I add the lines:"
SAVE = "I save"
SEARCH = 'I search for "{}"'
OPEN_RECORD = 'I open the record "{}"'
STATUS = 'the status is "{}"'
LOGGED_IN = 'I am logged in as {} "{}"'
STOCK_PHRASE = '"{}" has {} units on hand in "{}"'  # a product's stock, for the resolver's Given rows
SEED_PHRASES = {
    "customers": "the following customers exist:",
    "vendors": "the following vendors exist:",
    "products": "the following products exist:",
}


@dataclass(frozen=True)
class Step:
    """A step to write: its type (given, when, then), its text, and a table (header row first) or none."""

    type: str
    text: str
    table: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Comment:
    """A commented line saying what the user did that no documented phrase expresses."""

    text: str


Line = Step | Comment


@dataclass(frozen=True)
class Seed:
    """A record the user picked that the scenario must create first: a row of a Given table, and more Givens."""

    kind: str  # a key of SEED_PHRASES
    name: str  # the record's name, as the scenario writes it
    row: tuple[tuple[str, str], ...]  # (column, value) of its row in the Given table
    givens: tuple[Step, ...] = ()  # e.g. its stock on hand


class Resolver(Protocol):
    """What the Odoo under test knows and the events do not say: menu paths, field labels, picked records."""

    def menu_path(self, xmlid: str) -> str | None:
        """The menu's path as shown ("Sales / Orders / Quotations"), None for a menu that opens nothing."""

    def label(self, model: str | None, field: str, lines: str | None = None) -> str:
        """The field's label (of the lines' model when lines names the lines field)."""

    def relation(self, model: str | None, field: str, lines: str | None = None) -> str | None:
        """The model a many2one field points to, None for any other field."""

    def seed(self, relation: str, value: str, model: str | None) -> Seed | None:
        """The Given row that creates the record named value, None when the scenario need not create it."""


def article(role: str) -> str:
    """'an' before a vowel sound as written, else 'a'."""
    return "an" if role[:1].casefold() in "aeiou" else "a"


@dataclass
class Composer:
    """Folds events, in order, into the steps of one scenario."""

    resolver: Resolver
    lines: list[Line] = field(default_factory=list)
    seeds: dict[tuple[str, str], Seed] = field(default_factory=dict)
    _fields: dict[str, str] = field(default_factory=dict)  # label -> value, set one after the other
    _rows: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # lines field -> row -> label -> value
    _lines_labels: dict[str, str] = field(default_factory=dict)
    _status: str | None = None

    def add(self, event: Event) -> None:
        """Take one event into account."""
        handler = getattr(self, f"_on_{event.kind}")
        handler(event)

    def _on_menu(self, event: Event) -> None:
        path = self.resolver.menu_path(event.xmlid or "")
        if path is None:  # a menu that only unfolds others
            return
        self._flush()
        if self.lines and isinstance(self.lines[-1], Step) and self.lines[-1].text.startswith(OPEN.split('"')[0]):
            self.lines.pop()  # the app, then one of its menus: only the menu the user ended on counts
        self.lines.append(Step("when", OPEN.format(path)))

    def _on_field(self, event: Event) -> None:
        name = event.field or ""
        label = event.label or self.resolver.label(event.model, name, event.list if event.where == "line" else None)
        if event.secret:
            self._flush()
            self.lines.append(
                Comment(
                    f'set "{label}" to "{PASSWORD_PLACEHOLDER}": the recorder never writes what is typed into a '
                    "password field; a scenario holds no password (docs/secrets.md)"
                )
            )
            return
        value = self._value(event, name)
        if event.where == "line" and event.list:
            self._flush_fields()
            self._lines_labels.setdefault(event.list, label)
            self._rows.setdefault(event.list, {}).setdefault(event.row or "", {})[label] = value
        elif event.where == "dialog":
            self._flush()
            self.lines.append(
                Comment(
                    f'set "{label}" to "{value}" in a dialog: no documented phrase sets a '
                    "dialog's field; write the dialog's own step, or set it after opening it"
                )
            )
        else:
            self._flush_lines()
            self._fields.pop(label, None)
            self._fields[label] = value

    def _value(self, event: Event, name: str) -> str:
        """The value as the scenario writes it: a picked record by its name, noted for a Given table."""
        value = event.value or ""
        lines = event.list if event.where == "line" else None
        relation = self.resolver.relation(event.model, name, lines) if name else None
        seed = self.resolver.seed(relation, value, event.model) if relation and value else None
        if seed is None:
            return value
        self.seeds.setdefault((seed.kind, seed.name), seed)
        return seed.name

    def _on_add_line(self, event: Event) -> None:
        label = (event.label or "").casefold()
        if "section" in label or "note" in label:
            self._flush()
            self.lines.append(
                Comment(f'clicked "{event.label}": the lines table of "I add the lines:" adds products only')
            )

    def _on_button(self, event: Event) -> None:
        self._flush()
        if event.label:
            self.lines.append(Step("when", CLICK.format(event.label)))
        else:
            self.lines.append(
                Comment(
                    f"clicked a button that shows no text (name={event.name or '?'}): "
                    '"I click" needs the label a person reads'
                )
            )

    def _on_save(self, event: Event) -> None:
        self._flush()
        self.lines.append(Step("when", SAVE))

    def _on_status(self, event: Event) -> None:
        if event.label is None:  # left the form
            self._status = None
            return
        if self._status is not None and event.label != self._status:
            self._flush()
            self.lines.append(Step("then", STATUS.format(event.label)))
        self._status = event.label

    def _on_open_record(self, event: Event) -> None:
        self._flush()
        if event.text:
            self.lines.append(Step("when", OPEN_RECORD.format(event.text)))
        else:
            self.lines.append(Comment("opened a record that shows no text in the list"))

    def _on_search(self, event: Event) -> None:
        self._flush()
        self.lines.append(Step("when", SEARCH.format(event.text or "")))

    def _on_other(self, event: Event) -> None:
        self._flush()
        self.lines.append(Comment(event.what or "did something the recorder cannot name"))

    def _flush(self) -> None:
        self._flush_fields()
        self._flush_lines()

    def _flush_fields(self) -> None:
        if len(self._fields) == 1:
            [(label, value)] = self._fields.items()
            self.lines.append(Step("when", SET.format(label, value)))
        elif self._fields:
            self.lines.append(Step("when", FILL_IN, (FILL_IN_HEADER, *self._fields.items())))
        self._fields = {}

    def _flush_lines(self) -> None:
        for rows in self._rows.values():
            header = list(dict.fromkeys(label for row in rows.values() for label in row))
            body = [tuple(row.get(label, "") for label in header) for row in rows.values() if any(row.values())]
            if body:
                self.lines.append(Step("when", ADD_LINES, (tuple(header), *body)))
        self._rows = {}

    def finish(self, role: str) -> list[Line]:
        """The scenario: Given tables of the picked records, the login, then what the user did."""
        self._flush()
        givens: list[Line] = []
        for kind, phrase in SEED_PHRASES.items():
            seeds = [seed for seed in self.seeds.values() if seed.kind == kind]
            if seeds:
                header = list(dict.fromkeys(column for seed in seeds for column, _ in seed.row))
                rows = [tuple(dict(seed.row).get(column, "") for column in header) for seed in seeds]
                givens.append(Step("given", phrase, (tuple(header), *rows)))
        givens += [given for seed in self.seeds.values() for given in seed.givens]
        givens.append(Step("given", LOGGED_IN.format(article(role), role)))
        return [*givens, *self.lines]


def compose(events: Iterable[Event], role: str, resolver: Resolver) -> list[Line]:
    """The steps of the scenario the events tell, in order."""
    composer = Composer(resolver)
    for event in events:
        composer.add(event)
    return composer.finish(role)
