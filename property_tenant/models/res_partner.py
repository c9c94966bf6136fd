# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_property_tenant = fields.Boolean(string="Is a Tenant", index=True)
    id_document_type = fields.Selection(
        [
            ("prc_resident_id", "PRC Resident ID"),
            ("passport", "Passport"),
            ("uscc", "Unified Social Credit Code"),
            ("other", "Other"),
        ],
        string="ID Document Type",
        groups="property_tenant.group_property_user",
    )
    id_number = fields.Char(
        string="ID Number", index=True, copy=False, groups="property_tenant.group_property_user"
    )
    property_lease_ids = fields.One2many(
        "property.lease",
        "partner_id",
        string="Leases",
        groups="property_tenant.group_property_user",
    )
    property_lease_count = fields.Integer(
        compute="_compute_property_lease_count",
        string="Lease Count",
        groups="property_tenant.group_property_user",
    )

    @api.depends("property_lease_ids")
    def _compute_property_lease_count(self):
        counts = {
            partner.id: count
            for partner, count in self.env["property.lease"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        }
        for partner in self:
            partner.property_lease_count = counts.get(partner.id, 0)

    def action_view_property_leases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_tenant.property_lease_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
