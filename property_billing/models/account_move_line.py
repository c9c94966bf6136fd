# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    property_charge_id = fields.Many2one(
        "property.charge", string="Tenant Charge", copy=False, index="btree_not_null"
    )
    property_reading_id = fields.Many2one(
        "property.meter.reading", string="Meter Reading", copy=False, index="btree_not_null"
    )
    # copied to the credit note of the invoice: the advance it reverses is netted
    property_cost_pool_id = fields.Many2one(
        "property.cost.pool",
        string="Cost Pool",
        index="btree_not_null",
        help="Advance or true-up of this shared-cost pool.",
    )
