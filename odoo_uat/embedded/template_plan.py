"""Which template a run needs (its name says what it holds), and how to get it from the templates there are."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

TEMPLATE_PREFIX = "uat_tpl_"
# Bump when templates are built differently, so old ones are not cloned. 3: owned by the Odoo role
# (postgres.ODOO_ROLE), no superuser, with the cluster's random administrator password. 4: every asset bundle of
# the installed modules generated, the web client's lazy ones too (databases.WARM_ASSETS).
TEMPLATE_FORMAT = 4
BASE_LANGUAGE = "en_US"  # the database's own language, as Odoo creates it
KEEP_TEMPLATES = 2  # templates of one base key kept for updating (the newest; superseded ones are dropped)


def template_name(
    series: str,
    where: str,
    modules: Iterable[str],
    addon_packages: Iterable[str] = (),
    languages: Iterable[str] = (),
    demo: bool = False,
) -> str:
    """The template's base name: a hash of the source tree, the modules, the addon packages, languages, demo data."""
    parts: list[object] = [TEMPLATE_FORMAT, series, where, sorted(set(modules)), sorted(set(addon_packages))]
    if languages:  # without languages (or demo data) the name stays what it was: existing templates are kept
        parts.append(list(loaded_languages(languages)))
    if demo:
        parts.append({"demo": True})
    key = json.dumps(parts)
    return TEMPLATE_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:12]


def custom_template_name(base: str, hashes: Mapping[str, str]) -> str:
    """The template of a base key with the customisation's modules at these contents (base itself when none)."""
    if not hashes:
        return base
    return f"{base}_{hashlib.sha256(json.dumps(sorted(hashes.items())).encode()).hexdigest()[:8]}"


def same_base(name: str, base: str) -> bool:
    """Whether the template name belongs to the base key (the base itself, or one with a customisation)."""
    return name == base or (name.startswith(base + "_") and "_" not in name[len(base) + 1 :])


@dataclass(frozen=True)
class TemplateSpec:
    """What a template holds: its base key, the modules, and the customisation's modules by content digest."""

    base: str
    modules: tuple[str, ...]
    custom: Mapping[str, str] = field(default_factory=dict)  # module -> digest of its files
    install: tuple[str, ...] = ()  # customisation modules asked for (the rest come as their dependencies)
    languages: tuple[str, ...] = ()  # Odoo language codes loaded at build time (--load-language): fr_FR
    demo: bool = False  # built with Odoo's demo data (settings.demo)

    @property
    def name(self) -> str:
        return custom_template_name(self.base, self.custom)


def loaded_languages(languages: Iterable[str]) -> tuple[str, ...]:
    """The languages a template loads: English first, then the others sorted; none when no role has one.

    Odoo makes the first language of --load-language the database's own (res.lang.install_lang: the default
    language of partners, the company's and the administrator's), so English stays first: only the roles
    that name a language see it, as on a database where an administrator installed one.
    """
    others = sorted(set(languages) - {BASE_LANGUAGE})
    return (BASE_LANGUAGE, *others) if others else ()


@dataclass(frozen=True)
class TemplatePlan:
    """How to get a template: it is there, update a clone of another one, or build it from nothing."""

    source: str | None = None  # the template to clone; None: build from nothing
    update: tuple[str, ...] = ()  # -u: modules whose files changed
    add: tuple[str, ...] = ()  # -i: modules the source lacks
    up_to_date: bool = False


def plan_template(
    spec: TemplateSpec, existing: Mapping[str, Mapping[str, str] | None], created: Mapping[str, float] | None = None
) -> TemplatePlan:
    """Choose the closest existing template of the same base key (most modules unchanged, then newest).

    existing maps each template to the customisation digests it was made with (None: unknown,
    so not reusable); a candidate must hold no module the customisation no longer installs.
    """
    if spec.name in existing:
        return TemplatePlan(up_to_date=True)
    created = created or {}
    candidates = []
    for name, digests in existing.items():
        if not same_base(name, spec.base):
            continue
        digests = {} if name == spec.base and digests is None else digests
        if digests is None or not set(digests) <= set(spec.custom):
            continue
        unchanged = sum(1 for module, digest in digests.items() if spec.custom[module] == digest)
        candidates.append((unchanged, created.get(name, 0.0), name, digests))
    if not candidates:
        return TemplatePlan()
    _, _, source, digests = max(candidates)
    update = tuple(module for module in spec.custom if module in digests and digests[module] != spec.custom[module])
    add = tuple(module for module in spec.custom if module not in digests)
    return TemplatePlan(source=source, update=update, add=add)


def superseded_templates(base: str, created: Mapping[str, float], keep: int = KEEP_TEMPLATES) -> list[str]:
    """Templates of the base key with a customisation, beyond the newest keep ones (never the base itself)."""
    custom = sorted(
        (name for name in created if same_base(name, base) and name != base),
        key=lambda name: created[name],
        reverse=True,
    )
    return custom[keep:]
