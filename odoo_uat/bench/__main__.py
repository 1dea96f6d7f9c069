from odoo_uat.bench.run import main

raise SystemExit(main())
