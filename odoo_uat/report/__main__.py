"""Run the exit report: python -m odoo_uat.report --help."""

from __future__ import annotations

import sys

from odoo_uat.report.cli import main

sys.exit(main())
