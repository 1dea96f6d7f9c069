"""odoo-uat: the framework's own logic (settings, embedded Odoo, lint, reports)."""
