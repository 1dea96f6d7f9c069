"""A scripted session for `--script`: a function taking the Playwright page, named module:function or file.py:function."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

from odoo_uat.recorder.session import Drive


class ScriptError(Exception):
    """The --script value names no callable; the message says what form it takes."""


FORM = "give --script as package.module:function or path/to/file.py:function (a function taking the page)"


def load_script(spec: str) -> Drive:
    """The function a --script value names."""
    where, _, name = spec.rpartition(":")
    if not where or not name:
        raise ScriptError(f"--script {spec!r}: {FORM}.")
    if where.endswith(".py"):
        path = Path(where)
        if not path.is_file():
            raise ScriptError(f"--script {spec!r}: no file {path}; {FORM}.")
        module_spec = importlib.util.spec_from_file_location(f"odoo_uat_recorder_script_{path.stem}", path)
        assert module_spec is not None and module_spec.loader is not None
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
    else:
        try:
            module = importlib.import_module(where)
        except ImportError as error:
            raise ScriptError(f"--script {spec!r}: cannot import {where} ({error}); {FORM}.") from None
    function = getattr(module, name, None)
    if not callable(function):
        raise ScriptError(f"--script {spec!r}: {where} has no function {name!r}; {FORM}.")
    return function
