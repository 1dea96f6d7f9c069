"""python -m odoo_uat.signoff --help."""

from __future__ import annotations

import sys

from odoo_uat.signoff.cli import main

sys.exit(main())
