from __future__ import annotations

from odoo_uat.bench.run import main

raise SystemExit(main())
