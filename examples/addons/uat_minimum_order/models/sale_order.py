from odoo import models
from odoo.tools.misc import formatLang


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _confirmation_error_message(self):
        """Refuse the confirmation of an order below its customer's minimum order amount."""
        error = super()._confirmation_error_message()
        if error:
            return error
        customer = self.partner_id.commercial_partner_id
        currency = customer.minimum_order_currency_id or self.company_id.currency_id
        minimum = (
            currency._convert(
                customer.minimum_order_amount,
                self.currency_id,
                self.company_id,
                self.date_order,
            )
            if customer.minimum_order_amount
            else 0.0
        )
        if minimum and self.currency_id.compare_amounts(self.amount_untaxed, minimum) < 0:
            return self.env._(
                "%(order)s amounts to %(amount)s before tax, below the minimum order amount of %(minimum)s "
                "agreed with %(customer)s.",
                order=self.name,
                amount=formatLang(self.env, self.amount_untaxed, currency_obj=self.currency_id),
                minimum=formatLang(self.env, minimum, currency_obj=self.currency_id),
                customer=customer.display_name,
            )
        return False
