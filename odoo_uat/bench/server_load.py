"""How hard the pack's own traffic works the Odoo server: requests served and server-busy time per second,
read from the embedded Odoo's log (Odoo writes one werkzeug line per request with its SQL and Python time)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# ... werkzeug: 127.0.0.1 - - [28/Nov/2026 23:04:00] "POST /jsonrpc HTTP/1.1" 200 - 10 0.010 0.371
# (status, then Odoo's per-request counters: queries, SQL seconds, the rest of the request's seconds)
REQUEST_LINE = re.compile(r' werkzeug: .*" (\d{3}) - (\d+) ([\d.]+) ([\d.]+)\s*$')


@dataclass(frozen=True)
class ServerLoad:
    """The requests a server logged over a stretch of wall time."""

    requests: int
    busy_seconds: float  # SQL plus Python time of those requests, summed (more than the wall time = overlap)
    wall_seconds: float

    @property
    def requests_per_second(self) -> float:
        return round(self.requests / self.wall_seconds, 1) if self.wall_seconds else 0.0

    @property
    def busy_per_second(self) -> float:
        """Server seconds per wall second: near 1 and flat while workers are added, the server is the limit."""
        return round(self.busy_seconds / self.wall_seconds, 2) if self.wall_seconds else 0.0

    def as_json(self) -> dict[str, float]:
        return {
            "requests": self.requests,
            "requests_per_s": self.requests_per_second,
            "server_busy_s": round(self.busy_seconds, 1),
            "server_busy_per_s": self.busy_per_second,
        }


def read_load(lines: list[str], wall_seconds: float) -> ServerLoad:
    """The requests in these log lines and their summed server time."""
    requests, busy = 0, 0.0
    for line in lines:
        match = REQUEST_LINE.search(line)
        if match:
            requests += 1
            busy += float(match.group(3)) + float(match.group(4))
    return ServerLoad(requests, busy, wall_seconds)


class LogWindow:
    """The part of a server log written between `open()` and `close()` (None when there is no log to read)."""

    def __init__(self, log: Path | None) -> None:
        self.log = log if log is not None and log.is_file() else None
        self._offset = 0

    def open(self) -> None:
        if self.log is not None:
            self._offset = self.log.stat().st_size

    def close(self, wall_seconds: float) -> ServerLoad | None:
        if self.log is None:
            return None
        with self.log.open("r", encoding="utf-8", errors="replace") as handle:
            handle.seek(self._offset)
            return read_load(handle.readlines(), wall_seconds)
