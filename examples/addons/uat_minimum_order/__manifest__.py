{
    "name": "Minimum Order Amount",
    "summary": "Refuse to confirm a customer's sales order below the minimum order amount agreed with them",
    "description": """
An example customisation for odoo-uat (examples/addons): a customer may carry a minimum
order amount (Sales & Purchase tab of the contact). Confirming a quotation whose untaxed
amount is below it raises an error that names both amounts. 0 means no minimum.
""",
    "version": "1.0",
    "category": "Sales/Sales",
    "author": "odoo-uat",
    "license": "LGPL-3",
    "depends": ["sale"],
    "data": ["views/res_partner_views.xml"],
    "installable": True,
}
