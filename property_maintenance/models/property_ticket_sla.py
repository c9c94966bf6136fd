# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

PRIORITIES = [("0", "Very Low"), ("1", "Low"), ("2", "Normal"), ("3", "High")]


class PropertyTicketSla(models.Model):
    _name = "property.ticket.sla"
    _description = "Service Ticket SLA Target"
    _order = "category_id, priority desc, id"

    category_id = fields.Many2one(
        "property.ticket.category", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="category_id.company_id", store=True)
    priority = fields.Selection(PRIORITIES, required=True, default="0")
    response_hours = fields.Float(
        string="Response (h)", help="Hours from the report until the technician responds."
    )
    resolution_hours = fields.Float(
        string="Resolution (h)", help="Hours from the report until the ticket is done."
    )

    _sql_constraints = [
        (
            "category_priority_uniq",
            "unique(category_id, priority)",
            "A category has one SLA target per priority.",
        ),
    ]

    @api.constrains("response_hours", "resolution_hours")
    def _check_hours(self):
        for sla in self:
            if sla.response_hours < 0 or sla.resolution_hours < 0:
                raise ValidationError(self.env._("SLA hours cannot be negative."))
            if sla.resolution_hours and sla.response_hours > sla.resolution_hours:
                raise ValidationError(
                    self.env._("The response target cannot be longer than the resolution target.")
                )
