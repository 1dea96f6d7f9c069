"""How the suite's commands talk and end: progress lines on stderr, exit 2 on a setup error (its message says the fix), 130 on Ctrl-C."""

from __future__ import annotations

import sys
from collections.abc import Callable

from odoo_uat.embedded import EmbeddedError
from odoo_uat.settings import SettingsError

PREFIX = "odoo-uat"
EXIT_SETUP_ERROR = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
SETUP_ERRORS: tuple[type[Exception], ...] = (
    SettingsError,
    EmbeddedError,
)  # their messages name the setting and the fix


def say(message: str, command: str = "") -> None:
    """A progress line on stderr: "odoo-uat[ command]: message"."""
    print(f"{PREFIX}{' ' + command if command else ''}: {message}", file=sys.stderr, flush=True)


def run_command(body: Callable[[], int], command: str = "", errors: tuple[type[Exception], ...] = SETUP_ERRORS) -> int:
    """Run a command's body; a setup error becomes one line and exit 2, Ctrl-C exit 130."""
    try:
        return body()
    except errors as error:
        say(f"error: {error}", command)
        return EXIT_SETUP_ERROR
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
