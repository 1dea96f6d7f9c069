"""Which part of a pytest-xdist run this process plays: the controller, or one of its workers."""

from __future__ import annotations

import pytest


def is_worker(config: pytest.Config) -> bool:
    """Whether this process is a pytest-xdist worker (it received `workerinput` from the controller)."""
    return hasattr(config, "workerinput")


def is_distributed(config: pytest.Config) -> bool:
    """Whether pytest-xdist sends the tests to workers (this being the controller)."""
    return config.getoption("dist", "no") != "no" and not config.getoption("collectonly")
