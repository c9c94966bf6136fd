# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    property_expiry_notice_days = fields.Integer(
        string="Lease Expiry Notice (days)",
        default=60,
        help="Active leases ending within this many days are flagged as expiring.",
    )
    property_lease_approval_amount = fields.Monetary(
        string="Lease Approval Threshold",
        currency_field="currency_id",
        default=0.0,
        help="A lease in vetting whose monthly rent is above this amount is approved by a "
        "Property Manager; at or below it a leasing officer may approve it. 0: every lease needs "
        "a Property Manager.",
    )
    property_signature_link_days = fields.Integer(
        string="Signing Link Validity (days)",
        default=14,
        help="A lease's online signing link expires this many days after approval (0: never).",
    )
