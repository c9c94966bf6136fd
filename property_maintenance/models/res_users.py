# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

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
