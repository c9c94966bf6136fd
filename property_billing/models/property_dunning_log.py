# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyDunningLog(models.Model):
    """Collection record (催收记录): levels fired on an invoice and call results."""

    _name = "property.dunning.log"
    _description = "Collection Log"
    _order = "date desc, id desc"

    move_id = fields.Many2one("account.move", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="move_id.partner_id", store=True, index=True)
    lease_id = fields.Many2one(related="move_id.property_lease_id", store=True, index=True)
    level_id = fields.Many2one("property.dunning.level", ondelete="restrict", index=True)
    kind = fields.Selection(
        [("reminder", "Reminder"), ("level", "Escalation"), ("call", "Call")],
        required=True,
        default="call",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    result = fields.Selection(
        [
            ("promise", "Promised to pay"),
            ("no_answer", "No answer"),
            ("dispute", "Disputes the amount"),
            ("refused", "Refuses to pay"),
        ],
        string="Call Result",
    )
    promise_date = fields.Date()
    note = fields.Text()

    _sql_constraints = [
        (
            "move_level_uniq",
            "unique(move_id, level_id)",
            "A collection level fires only once per invoice.",
        ),
    ]
