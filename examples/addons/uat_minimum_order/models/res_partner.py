from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    minimum_order_amount = fields.Monetary(
        string="Minimum Order Amount",
        currency_field="minimum_order_currency_id",
        help="Quotations of this customer below this untaxed amount cannot be confirmed (0: no minimum).",
    )
    minimum_order_currency_id = fields.Many2one(
        "res.currency",
        string="Minimum Order Currency",
        default=lambda self: self.env.company.currency_id,
    )
