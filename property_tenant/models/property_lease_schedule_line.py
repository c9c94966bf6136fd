# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .property_lease import LEASE_FINANCE_GROUPS


class PropertyLeaseScheduleLine(models.Model):
    _name = "property.lease.schedule.line"
    _description = "Rent Schedule Line"
    _order = "lease_id, date_start"

    lease_id = fields.Many2one("property.lease", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="lease_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="lease_id.currency_id")
    sequence = fields.Integer()
    date_start = fields.Date(string="Period Start", required=True)
    date_end = fields.Date(string="Period End", required=True)
    due_date = fields.Date()
    monthly_rent = fields.Monetary(currency_field="currency_id", groups=LEASE_FINANCE_GROUPS)
    daily_rent = fields.Monetary(
        currency_field="currency_id",
        help="Rent of one day of the period, for a rent priced per m² per day.",
        groups=LEASE_FINANCE_GROUPS,
    )
    amount = fields.Monetary(
        currency_field="currency_id", aggregator="sum", groups=LEASE_FINANCE_GROUPS
    )
    free_days = fields.Integer(string="Rent-free Days")
