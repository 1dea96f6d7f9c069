"""Where a `--changed` run's selection is written for the exit report to show (beside the Allure results)."""

from __future__ import annotations

SELECTION_FILE = "impact-selection.json"
