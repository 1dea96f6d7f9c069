"""How the suite's commands talk and end: progress lines on stderr, exit 2 on a setup error (its message says the fix),
130 on Ctrl-C, 143 on SIGTERM; SIGTERM (a cancelled CI job, `timeout`, `kill`) unwinds as Ctrl-C does, so the same
clean-up runs (the embedded Odoo and its PostgreSQL stopped, child runs given time to end)."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from odoo_uat.embedded import EmbeddedError
from odoo_uat.settings import SettingsError

PREFIX = "odoo-uat"
EXIT_SETUP_ERROR = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_TERMINATED = 128 + signal.SIGTERM  # 143, as shells report a process ended by SIGTERM
CHILD_GRACE = 60.0  # seconds a child run gets to clean up once this command is interrupted (then SIGKILL)
SETUP_ERRORS: tuple[type[Exception], ...] = (
    SettingsError,
    EmbeddedError,
)  # their messages name the setting and the fix
TERMINATED = "SIGTERM received: stopping as for Ctrl-C, the clean-up runs"
STILL_STOPPING = (
    "SIGTERM received while already stopping: the clean-up goes on (SIGKILL would stop at once and leave "
    "the embedded Odoo and its PostgreSQL running)."
)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C raises KeyboardInterrupt, so that every `finally` and `with` runs as for Ctrl-C."""


def say(message: str, command: str = "") -> None:
    """A progress line on stderr: "odoo-uat[ command]: message"."""
    print(f"{PREFIX}{' ' + command if command else ''}: {message}", file=sys.stderr, flush=True)


class InterruptSignals:
    """SIGTERM handled like Ctrl-C while installed: the first one raises Terminated where the program is.

    Once the program is stopping (a SIGTERM or a Ctrl-C came), a later SIGTERM is ignored with a line on
    stderr, so the clean-up under way is not cut short: a CI runner or `timeout` often signals every
    process of the job, and a parent command forwards the signal to its child runs. A second Ctrl-C still
    stops at once, as it always did. Only the main thread can install signal handlers; elsewhere this is
    a no-op.
    """

    def __init__(self, warn: Callable[[str], None] = say) -> None:
        self.warn = warn
        self.stopping = False
        self._previous: dict[int, Any] = {}

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread() or self._previous:
            return
        self._previous = {signal.SIGTERM: signal.getsignal(signal.SIGTERM)}
        signal.signal(signal.SIGTERM, self._on_terminate)
        if (
            signal.getsignal(signal.SIGINT) is signal.default_int_handler
        ):  # not when Ctrl-C is ignored (a background job)
            self._previous[signal.SIGINT] = signal.default_int_handler
            signal.signal(signal.SIGINT, self._on_interrupt)

    def restore(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        self._previous = {}

    def _on_interrupt(self, signum: int, frame: object) -> None:
        self.stopping = True
        raise KeyboardInterrupt

    def _on_terminate(self, signum: int, frame: object) -> None:
        if self.stopping:
            self.warn(STILL_STOPPING)
            return
        self.stopping = True
        raise Terminated(TERMINATED)


@contextmanager
def sigterm_as_interrupt(warn: Callable[[str], None] = say) -> Iterator[InterruptSignals]:
    """While inside, SIGTERM is handled like Ctrl-C (InterruptSignals); the earlier handlers are restored after."""
    signals = InterruptSignals(warn)
    signals.install()
    try:
        yield signals
    finally:
        signals.restore()


def run_command(body: Callable[[], int], command: str = "", errors: tuple[type[Exception], ...] = SETUP_ERRORS) -> int:
    """Run a command's body; a setup error becomes one line and exit 2, Ctrl-C exit 130, SIGTERM exit 143."""
    try:
        with sigterm_as_interrupt(lambda message: say(message, command)):
            return body()
    except errors as error:
        say(f"error: {error}", command)
        return EXIT_SETUP_ERROR
    except Terminated:
        say("stopped by SIGTERM; cleaned up as for Ctrl-C", command)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def stop_children(children: Sequence[subprocess.Popen], grace: float = CHILD_GRACE) -> None:
    """Send SIGTERM to each child still running and give them `grace` seconds in all to clean up; SIGKILL after."""
    running = [child for child in children if child.poll() is None]
    for child in running:
        child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    try:
        for child in running:
            try:
                child.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
    finally:  # also when a second Ctrl-C cuts the wait short
        for child in running:
            if child.poll() is None:
                child.kill()
                child.wait()


def wait_for(children: Sequence[subprocess.Popen], grace: float = CHILD_GRACE) -> list[int]:
    """Each child's exit status; when this command is interrupted meanwhile, the children are stopped as it is
    (stop_children: SIGTERM, time to clean up), not killed at once as subprocess.run and call do."""
    try:
        return [child.wait() for child in children]
    except KeyboardInterrupt:
        stop_children(children, grace)
        raise


def run_child(command: Sequence[str], grace: float = CHILD_GRACE, **popen: Any) -> int:
    """Run a child command to its end (subprocess.Popen's keywords); its exit status. See wait_for."""
    return wait_for([subprocess.Popen(list(command), **popen)], grace)[0]
