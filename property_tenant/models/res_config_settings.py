# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_expiry_notice_days = fields.Integer(
        related="company_id.property_expiry_notice_days", readonly=False
    )
    property_lease_approval_amount = fields.Monetary(
        related="company_id.property_lease_approval_amount",
        currency_field="property_currency_id",
        readonly=False,
    )
    property_currency_id = fields.Many2one(related="company_id.currency_id")
    property_signature_link_days = fields.Integer(
        related="company_id.property_signature_link_days", readonly=False
    )
