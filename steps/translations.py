"""Translations: the phrases in French, Spanish, German and Dutch (steps/i18n/<language>.toml), on the English phrases' step functions."""

from __future__ import annotations

from pathlib import Path

from odoo_uat.authoring.step_registry import STEPS_PACKAGE, register_translations, step_module_names

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE_FOLDER = Path(__file__).resolve().parent / "i18n"

# Every other step module first (whatever the order pytest loads them in), then one more parser per translation.
LANGUAGES = register_translations(
    LANGUAGE_FOLDER, [name for name in step_module_names(ROOT) if name not in (STEPS_PACKAGE, __name__)], globals()
)
