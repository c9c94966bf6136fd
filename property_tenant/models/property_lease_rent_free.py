# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyLeaseRentFree(models.Model):
    _name = "property.lease.rent.free"
    _inherit = ["property.lease.schedule.term"]
    _description = "Rent-free Period"
    _order = "lease_id, date_start"

    lease_id = fields.Many2one("property.lease", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="lease_id.company_id", store=True)
    date_start = fields.Date(required=True)
    date_end = fields.Date(required=True)
    reason = fields.Char()

    _sql_constraints = [
        (
            "dates_check",
            "CHECK(date_end >= date_start)",
            "A rent-free period must end on or after its start.",
        ),
    ]

    @api.constrains("date_start", "date_end", "lease_id")
    def _check_within_lease(self):
        for period in self:
            lease = period.lease_id
            if period.date_start < lease.date_start or period.date_end > lease.date_end:
                raise ValidationError(
                    self.env._(
                        "The rent-free period %(start)s - %(end)s lies outside lease %(lease)s.",
                        start=period.date_start,
                        end=period.date_end,
                        lease=lease.name,
                    )
                )
