# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    property_expiry_notice_days = fields.Integer(
        string="Lease Expiry Notice (days)",
        default=60,
        help="Active leases ending within this many days are flagged as expiring.",
    )
    property_signature_link_days = fields.Integer(
        string="Signing Link Validity (days)",
        default=14,
        help="A lease's online signing link expires this many days after approval (0: never).",
    )
