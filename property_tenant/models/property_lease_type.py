# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyLeaseType(models.Model):
    """Kind of lease (residential, office, shop, parking...). Each type carries the custom
    fields (``fields.Properties``) a manager defines for its leases, like a CRM team does for
    its leads."""

    _name = "property.lease.type"
    _description = "Lease Type"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short technical code, e.g. for reports and imports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the type between companies."
    )
    lease_properties_definition = fields.PropertiesDefinition(
        string="Lease Fields",
        help="Custom fields shown on the leases of this type.",
    )
    lease_count = fields.Integer(compute="_compute_lease_count", string="Leases")
    note = fields.Text(translate=True)

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The code of a lease type must be unique per company.",
        ),
    ]

    def _compute_lease_count(self):
        counts = dict(
            self.env["property.lease"]._read_group(
                [("lease_type_id", "in", self.ids)], ["lease_type_id"], ["__count"]
            )
        )
        for lease_type in self:
            lease_type.lease_count = counts.get(lease_type, 0)

    def action_view_leases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_tenant.property_lease_action"
        )
        action["domain"] = [("lease_type_id", "=", self.id)]
        action["context"] = {"default_lease_type_id": self.id}
        return action
