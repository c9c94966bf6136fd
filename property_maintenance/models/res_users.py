# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.rating.models import rating_data


class ResUsers(models.Model):
    _inherit = "res.users"

    property_available = fields.Boolean(
        string="Available for Dispatch",
        default=True,
        help="Unavailable technicians (leave, sick, off shift) are skipped by ticket dispatch.",
    )
    property_rating_avg = fields.Float(
        string="Average Ticket Rating", compute="_compute_property_rating", compute_sudo=True
    )
    property_rating_count = fields.Integer(
        string="Ticket Ratings", compute="_compute_property_rating", compute_sudo=True
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["property_available"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["property_available"]

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._property_set_technician_home()
        return users

    def write(self, vals):
        res = super().write(vals)
        # groups arrive as groups_id or as the user form's reified group fields
        if any(key == "groups_id" or key.startswith(("in_group_", "sel_groups_")) for key in vals):
            self._property_set_technician_home()
        return res

    def _compute_property_rating(self):
        data = self.env["rating.rating"]._read_group(
            [
                ("res_model", "=", "maintenance.request"),
                ("rated_partner_id", "in", self.partner_id.ids),
                ("consumed", "=", True),
                ("rating", ">=", rating_data.RATING_LIMIT_MIN),
            ],
            ["rated_partner_id"],
            ["rating:avg", "__count"],
        )
        stats = {partner.id: (avg, count) for partner, avg, count in data}
        for user in self:
            avg, count = stats.get(user.partner_id.id, (0.0, 0))
            user.property_rating_avg = avg
            user.property_rating_count = count

    def _property_is_field_technician(self):
        """Technician without leasing rights: their day is their tickets."""
        self.ensure_one()
        return self.has_group("property_tenant.group_property_technician") and not self.has_group(
            "property_tenant.group_property_user"
        )

    def _property_home_action(self):
        if self._property_is_field_technician():
            return self.env["ir.actions.act_window"]._for_xml_id(
                "property_maintenance.maintenance_request_action_property_mine"
            )
        return super()._property_home_action()

    def _property_set_technician_home(self):
        """Field technicians without a home action land on the Property app, which
        opens their open tickets (the action asks ``_property_home_action``)."""
        home = self.env.ref("property_tenant.property_home_action", raise_if_not_found=False)
        technicians = self.filtered(
            lambda user: (
                not user.share and not user.action_id and user._property_is_field_technician()
            )
        )
        if home and technicians:
            technicians.sudo().write({"action_id": home.id})
