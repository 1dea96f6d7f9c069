"""odoo-uat: the fixtures and steps every scenario can use."""

pytest_plugins = [
    # "fixtures.odoo_server",  DEV
    "fixtures.odoo_data",
    "fixtures.browser",
    "fixtures.evidence",
    "steps.data_steps",
    "steps.session_steps",
    "steps.sales_steps",
    "steps.inventory_steps",
    "steps.invoicing_steps",
]
