# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class PropertyTenantEmergencyContact(models.Model):
    _name = "property.tenant.emergency.contact"
    _description = "Tenant Emergency Contact"
    _order = "partner_id, sequence, id"

    partner_id = fields.Many2one(
        "res.partner", string="Tenant", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    relationship = fields.Selection(
        [
            ("spouse", "Spouse"),
            ("parent", "Parent"),
            ("child", "Child"),
            ("sibling", "Sibling"),
            ("relative", "Other Relative"),
            ("friend", "Friend"),
            ("colleague", "Colleague"),
            ("other", "Other"),
        ],
        required=True,
        default="relative",
    )
    phone = fields.Char(required=True)

    @api.constrains("phone", "partner_id")
    def _check_phone(self):
        for contact in self:
            country = contact.partner_id._property_country()
            label = (
                "mobile" if country.code == "CN" and contact.phone.strip()[:1] == "1" else "phone"
            )
            self.env["res.partner"]._property_check_phone(
                contact.phone, country, label, contact.name
            )
