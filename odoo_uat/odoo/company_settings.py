"""Company settings a scenario needs turned on, found by the label the Settings screen shows, saved as its Save does.

Settings are shared by every scenario running against the database at the same time, so a scenario only ever
turns one on, and only when it is off (already on: nothing is written). Turning one on is what the Settings
screen's Save does: create a res.config.settings record holding the value, then call its execute().

execute() writes *every* setting, from the record's snapshot: the values Odoo gave the record when it was
created (res_config.py, set_values: each group_* field that differs from the database is applied or removed).
A save whose record was created before another worker's save therefore turns that worker's setting off again
(and a save with Pricelists off archives every price list: product's set_values). So every save of this machine's
workers goes through one lock file in the run's cache folder, per server and database; the record is created and
executed inside the lock, the current values are read inside it too, and the setting is read back as on after.

What the lock does not cover: another machine running against the same database, or a person saving the
Settings screen meanwhile. Their save can still fall between our create() and execute() (one RPC round trip);
the read-back then fails the scenario with what happened, rather than letting it run on a setting that is off.
"""

from __future__ import annotations

import difflib
import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock

from odoo_uat.values import normalise_label

SETTINGS_MODEL = "res.config.settings"
SETTINGS_VIEW = [[False, "form"]]
ENGLISH = "en_US"
MODULE_PREFIX = "module_"
ON_OFF_SELECTION = {"0", "1"}  # a group_*/module_* selection field Odoo reads as off/on (res_config.py)
FIELD_ATTRIBUTES = ["string", "type", "selection", "readonly"]
COMPANY = "company_id"  # related settings (company_id.<field>) are computed from it on the new record
CLOSEST = 6
LOCK_FOLDER = "locks"
MODULE_FIX = (
    'add "{module}" to `modules` in [tool.odoo-uat] of pyproject.toml (or install it on the server under test), '
    "and tag the scenario @requires_module:{module} so that it is skipped where the module is missing"
)


class SettingError(LookupError):
    """A setting a scenario names cannot be turned on: unknown label, not on/off, or it would install a module."""


@dataclass(frozen=True)
class Screen:
    """What the Settings screen shows in one language: each field's labels, and Odoo's description of the fields."""

    labels: Mapping[str, tuple[str, ...]]  # field -> the labels the screen shows for it, in screen order
    fields: Mapping[str, Mapping[str, Any]]  # field -> fields_get (string, type, selection)


@dataclass(frozen=True)
class SettingChange:
    """What turning one setting on did: the field, the label asked, and whether it was written (False: already on)."""

    label: str
    field: str
    written: bool
    with_it: tuple[str, ...] = ()  # other settings the screen turns on with it (its onchange)


def screen_labels(arch: str, strings: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """field -> labels of the Settings form's arch, as the web client shows them.

    A <setting>'s first field is labelled by its own string, else the setting's string, else the field's
    (web client's form_compiler compileSetting); a <label for=…> by its string, text or the field's; every other
    field by its string (fields_get), which is also always accepted.
    """
    found: dict[str, list[str]] = {}

    def add(field: str | None, *texts: str | None) -> None:
        text = next((text.strip() for text in texts if text and text.strip()), "")
        if field and text and text not in found.setdefault(field, []):
            found[field].append(text)

    root = ET.fromstring(arch)
    for setting in root.iter("setting"):
        children = list(setting)
        if children and children[0].tag == "field":
            name = children[0].get("name")
            add(name, children[0].get("string"), setting.get("string"), strings.get(name or ""))
    for label in root.iter("label"):
        name = label.get("for")
        add(name, label.get("string"), "".join(label.itertext()), strings.get(name or ""))
    for field in root.iter("field"):
        name = field.get("name")
        add(name, strings.get(name or ""))
    return {field: tuple(labels) for field, labels in found.items()}


def find_field(label: str, screens: Sequence[Screen]) -> str:
    """The field a label names, on the first screen (language) that has it; its technical name also works."""
    wanted = normalise_label(label)
    for screen in screens:
        if label.strip() in screen.fields and label.strip() in screen.labels:
            return label.strip()
        matches = [field for field, labels in screen.labels.items() if wanted in map(normalise_label, labels)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = ", ".join(f"{field} ({_own_string(screen, field)})" for field in matches)
            raise SettingError(
                f'"{label}" is the label of several settings: {listed}. Write the technical name of the one meant, '
                f'e.g. the setting "{matches[0]}" is on.'
            )
    by_fold: dict[str, str] = {}  # the file's language first, then English
    for screen in screens:
        for labels in screen.labels.values():
            for text in labels:
                by_fold.setdefault(normalise_label(text), text)
    containing = [text for text in by_fold if wanted in text]  # "Packagings": "Units of Measure & Packagings"
    close = list(dict.fromkeys(containing + difflib.get_close_matches(wanted, list(by_fold), n=CLOSEST, cutoff=0.5)))
    listed = ", ".join(f'"{by_fold[text]}"' for text in close[:CLOSEST]) or "none close"
    raise SettingError(
        f'The Settings screen has no setting "{label}". Closest labels: {listed}. '
        "Write the label as the Settings screen shows it (in the feature file's language or in English)."
    )


def _own_string(screen: Screen, field: str) -> str:
    """How an ambiguous field is told apart in an error: its own string."""
    return f'"{screen.fields.get(field, {}).get("string", field)}"'


def on_value(field: str, spec: Mapping[str, Any], label: str) -> bool | str:
    """The value that turns an on/off setting on; SettingError for any other kind of setting."""
    if spec.get("readonly"):
        raise SettingError(
            f'"{label}" ({field}) is read-only on the Settings screen: Odoo computes it, a scenario cannot turn it on.'
        )
    if spec.get("type") == "boolean":
        return True
    keys = {key for key, _ in spec.get("selection") or ()}
    if spec.get("type") == "selection" and keys == ON_OFF_SELECTION and field.startswith(("group_", MODULE_PREFIX)):
        return "1"
    raise SettingError(
        f'The setting "{label}" ({field}) is a {spec.get("type")} setting, not one that is turned on or off. '
        "A scenario only turns on settings that are on or off, since every scenario running at once shares them; "
        "a value that differs per company is set up once on the database under test, before the run."
    )


def is_on(value: Any) -> bool:
    """Whether a setting's value (True/False, or '1'/'0' for an on/off selection) means on."""
    return value is True or value == "1"


def module_of(field: str) -> str | None:
    """The Odoo module a module_* setting installs, else None."""
    return field[len(MODULE_PREFIX) :] if field.startswith(MODULE_PREFIX) else None


def module_refusal(label: str, module: str, cause: str | None = None) -> str:
    """Why a setting that installs a module is refused, and the fix."""
    via = f' (turning on "{cause}" turns it on)' if cause else ""
    return (
        f'The setting "{label}" installs the Odoo module {module}{via}, which is not installed. A scenario does not '
        f"install modules: it would restart Odoo's registry under every scenario running. Fix: "
        + MODULE_FIX.format(module=module)
        + "."
    )


def lock_path(cache_dir: Path, url: str, db: str) -> Path:
    """The lock file every worker of this machine takes to save the settings of one database."""
    key = hashlib.sha256(f"{url}|{db}".encode()).hexdigest()[:16]
    return cache_dir / LOCK_FOLDER / f"settings-{key}.lock"


def file_lock(path: Path) -> FileLock:
    """A lock file (its folder made); waits as long as the other worker's save takes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path))


class CompanySettings:
    """The Settings screen over RPC as the administrator: labels in a language, current values, Save."""

    def __init__(self, odoo, lock: AbstractContextManager) -> None:
        self.odoo = odoo
        self.lock = lock
        self._screens: dict[str, Screen] = {}

    def call(self, method: str, *args: Any, lang: str | None = None) -> Any:
        """One RPC call on res.config.settings, in a language when given."""
        context = {**self.odoo.env.context, **({"lang": lang} if lang else {})}
        return self.odoo.execute_kw(SETTINGS_MODEL, method, list(args), {"context": context})

    def screen(self, lang: str = ENGLISH) -> Screen:
        """The Settings screen's labels and fields in a language (read once)."""
        if lang not in self._screens:
            fields = self.odoo.execute_kw(
                SETTINGS_MODEL,
                "fields_get",
                [],
                {"attributes": FIELD_ATTRIBUTES, "context": {**self.odoo.env.context, "lang": lang}},
            )
            arch = self.call("get_views", SETTINGS_VIEW, lang=lang)["views"]["form"]["arch"]
            strings = {name: spec.get("string") or name for name, spec in fields.items()}
            self._screens[lang] = Screen(screen_labels(arch, strings), fields)
        return self._screens[lang]

    def field(self, label: str, lang: str | None = None) -> str:
        """The field of the setting this label names (in lang, else English, else its technical name)."""
        screens = [self.screen(lang)] if lang and lang != ENGLISH else []
        return find_field(label, [*screens, self.screen(ENGLISH)])

    def values(self, fields: Iterable[str]) -> dict[str, Any]:
        """The settings' current values, as the Settings screen opens with them (its first onchange)."""
        spec = {name: {} for name in [*fields, COMPANY]}
        return self.call("onchange", [], {}, [], spec)["value"]

    def turned_on_with(self, field: str, value: bool | str) -> dict[str, bool | str]:
        """Other on/off settings the screen ticks when this one is ticked (e.g. Multi-Step Routes: Storage
        Locations), from its onchange."""
        screen = self.screen()
        on_off = [name for name, spec in screen.fields.items() if _on_off(name, spec)]
        changed = self.call("onchange", [], {field: value}, [field], {name: {} for name in on_off}).get("value", {})
        return {name: new for name, new in changed.items() if name != field and name in on_off and is_on(new)}

    def turn_on(self, labels: Sequence[str], lang: str | None = None) -> list[SettingChange]:
        """Turn these settings on, in one save of the Settings screen, unless already on; read back that they are."""
        english = self.screen()
        asked = {label: self.field(label, lang) for label in labels}
        wanted = {field: on_value(field, english.fields[field], label) for label, field in asked.items()}
        if all(is_on(value) for value in self.values(wanted).values()):  # settings only go on: no lock to wait for
            return [SettingChange(label, field, False) for label, field in asked.items()]
        with self.lock:  # the current values, the record's snapshot and execute() all inside: no stale snapshot
            missing, extra = self._save(asked, wanted)
            after = self.values(wanted)
            if missing and not all(is_on(after.get(field)) for field in asked.values()):
                # Odoo clears its cache of groups in execute(), before its commit: a request of another user in
                # between fills it again with the groups as they were, and every reader sees the setting off until
                # the next clear. A second save clears it once the first is committed (seen once in a pack at -n 2).
                self._save(asked, wanted)
                after = self.values(wanted)
        off = [label for label, field in asked.items() if not is_on(after.get(field))]
        if off:
            raise SettingError(
                f"Saved the settings {', '.join(repr(label) for label in off)} as on, but Odoo reads them as off "
                "afterwards: something saved the Settings screen at the same time (another machine running against "
                "this database, or a person), or a module refuses the setting. Run the scenario again."
            )
        return [
            SettingChange(
                label, field, field in missing, tuple(other for other, cause in extra.items() if cause == field)
            )
            for label, field in asked.items()
        ]

    def _save(self, asked: Mapping[str, str], wanted: Mapping[str, bool | str]) -> tuple[set[str], dict[str, str]]:
        """Save the settings still off, with what the screen ticks along; (fields written, other field -> cause)."""
        current = self.values(wanted)
        missing = {field: value for field, value in wanted.items() if not is_on(current.get(field))}
        extra: dict[str, tuple[str, bool | str]] = {}
        for field, value in missing.items():
            for other, other_value in self.turned_on_with(field, value).items():
                extra.setdefault(other, (field, other_value))
        self._refuse_modules(asked, missing, extra)
        if missing:
            values = {**{other: value for other, (_, value) in extra.items()}, **missing}
            record = self.call("create", values)
            self.call("execute", [record] if isinstance(record, int) else record)
        return set(missing), {other: cause for other, (cause, _) in extra.items()}

    def installed(self, module: str) -> bool:
        """Whether an Odoo module is installed on the server under test."""
        return bool(
            self.odoo.execute_kw(
                "ir.module.module", "search_count", [[("name", "=", module), ("state", "=", "installed")]], {}
            )
        )

    def _refuse_modules(
        self, asked: Mapping[str, str], missing: Mapping[str, Any], extra: Mapping[str, tuple[str, Any]]
    ) -> None:
        """SettingError for a setting to turn on that would install a module (asked, or ticked with one asked)."""
        by_field = {field: label for label, field in asked.items()}
        for field in missing:
            if module := module_of(field):
                raise SettingError(module_refusal(by_field[field], module))
        for other, (cause, _) in extra.items():
            module = module_of(other)
            if module and not self.installed(module):
                label = self.screen().labels.get(other, (other,))[0]
                raise SettingError(module_refusal(label, module, by_field[cause]))


def _on_off(field: str, spec: Mapping[str, Any]) -> bool:
    """Whether a settings field is an on/off setting (a boolean, or a 0/1 group/module selection)."""
    try:
        on_value(field, spec, field)
    except SettingError:
        return False
    return True
