"""`python -m odoo_uat.compare`: see cli.py."""

from __future__ import annotations

import sys

from odoo_uat.compare.cli import main

sys.exit(main())
