# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.property_tenant.models.property_lease import LEASE_FINANCE_GROUPS


class PropertyLeaseCharge(models.Model):
    """A recurring charge billed with the rent every period (management fee, parking...)."""

    _name = "property.lease.charge"
    _description = "Recurring Lease Charge"
    _order = "lease_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    lease_id = fields.Many2one("property.lease", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="lease_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="lease_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        default=lambda self: self.env.ref(
            "property_billing.product_management_fee", raise_if_not_found=False
        ),
    )
    name = fields.Char(string="Description")
    basis = fields.Selection(
        [("fixed", "Fixed per month"), ("m2", "Per m² per month")],
        default="fixed",
        required=True,
    )
    price = fields.Monetary(
        required=True, currency_field="currency_id", groups=LEASE_FINANCE_GROUPS
    )
    monthly_amount = fields.Monetary(
        compute="_compute_monthly_amount",
        currency_field="currency_id",
        store=True,
        groups=LEASE_FINANCE_GROUPS,
    )

    _sql_constraints = [
        ("price_positive", "CHECK(price >= 0)", "A recurring charge cannot be negative."),
    ]

    @api.depends("basis", "price", "lease_id.total_area")
    def _compute_monthly_amount(self):
        for charge in self:
            quantity = charge.lease_id.total_area if charge.basis == "m2" else 1.0
            charge.monthly_amount = charge.currency_id.round(charge.price * quantity)

    def _prepare_invoice_line_vals(self, months, period):
        """Invoice line of this charge for a billing period of `months` rent months.

        :param period: the period as printed on the line"""
        self.ensure_one()
        label = self.name or self.product_id.display_name
        return {
            "product_id": self.product_id.id,
            "name": f"{label}, {period}" if label else period,
            "quantity": 1.0,
            "price_unit": self.currency_id.round(self.monthly_amount * months),
        }
