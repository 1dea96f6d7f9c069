"""ServerKeeper: the embedded Odoo started in a thread of its own, so that it boots while pytest imports and
collects; the caller waits for it where it first needs it.

The thread lives until stop(): Odoo's process is told to die with the thread that spawned it (PDEATHSIG,
odoo_uat/embedded/runtime.py), so it must be one that lasts as long as the run. What the server says while
starting (template checks, builds) is queued and said by the caller, from its own thread, as it waits.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable

from odoo_uat.embedded.runtime import KEEPS_CHILDREN
from odoo_uat.embedded.server import EmbeddedOdoo
from odoo_uat.odoo.target import OdooTarget

STOP_TIMEOUT = 120.0  # seconds for Odoo, the run databases' pruning and PostgreSQL to stop
_STARTED = object()  # the end of the queued messages


class ServerKeeper:
    """`ServerKeeper(make).start()`, later `.wait(say)` for the target, `.stop()` at the run's end."""

    def __init__(
        self,
        make: Callable[[Callable[[str], None]], EmbeddedOdoo],
        then: Callable[[OdooTarget], object] | None = None,
    ) -> None:
        self._make = make  # progress -> the server (EmbeddedOdoo.from_settings and its settings)
        self._then = then  # done in the thread once the server serves (the run's RPC login); None: nothing
        self.prepared: object = None  # what then returned; None when it failed (the run does it again)
        self._messages: queue.Queue[object] = queue.Queue()
        self._stopping = threading.Event()
        self._started = threading.Event()  # serving, or failed to
        self._thread = threading.Thread(target=self._run, name="odoo-uat: the embedded Odoo", daemon=True)
        setattr(self._thread, KEEPS_CHILDREN, True)
        self.server: EmbeddedOdoo | None = None
        self.target: OdooTarget | None = None
        self.error: BaseException | None = None
        self._waited = False
        self.started = 0.0  # when start() was called (epoch seconds)

    def start(self) -> ServerKeeper:
        self.started = time.time()
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            self.server = self._make(self._messages.put)
            self.target = self.server.start()
            if self._then is not None:
                self.prepared = self._prepare(self.target)
        except BaseException as error:  # handed to the waiting thread, which reports it
            self.error = error
        finally:
            self._started.set()
            self._messages.put(_STARTED)
        self._stopping.wait()
        if self.server is not None:
            self.server.stop()

    def _prepare(self, target: OdooTarget) -> object:
        assert self._then is not None
        try:
            return self._then(target)
        except Exception:  # the run does it again, where its error is reported as usual
            return None

    def wait(self, say: Callable[[str], None]) -> OdooTarget:
        """Say what the server said, as it says it, until it serves; its target, or its start error raised."""
        while not self._waited:
            message = self._messages.get()
            if message is _STARTED:
                self._waited = True
            else:
                say(str(message))
        if self.error is not None:
            raise self.error
        assert self.target is not None
        return self.target

    def stop(self) -> None:
        """Stop the server and end the thread. One still starting (a template build) is not waited for: it
        stops once started, or dies with this process, its children with it (PDEATHSIG)."""
        self._stopping.set()
        if self._started.is_set() and self._thread is not threading.current_thread():
            self._thread.join(STOP_TIMEOUT)
