# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_expiry_notice_days = fields.Integer(
        related="company_id.property_expiry_notice_days", readonly=False
    )
    property_signature_link_days = fields.Integer(
        related="company_id.property_signature_link_days", readonly=False
    )
