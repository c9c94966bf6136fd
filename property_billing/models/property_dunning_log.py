# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools.misc import format_date


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

    @api.depends("move_id.name", "kind", "level_id.name", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for log in self:
            log.display_name = self.env._(
                "%(invoice)s: %(what)s, %(date)s",
                invoice=log.move_id.name or "",
                what=log.level_id.name or kinds.get(log.kind, ""),
                date=format_date(self.env, log.date),
            )

    @api.model_create_multi
    def create(self, vals_list):
        logs = super().create(vals_list)
        logs.filtered(lambda log: log.kind == "call" and log.result)._close_call_activities()
        return logs

    def _get_call_activity_types(self):
        """Activity types a logged call answers: the "call the tenant" to-dos of collection
        levels."""
        return self.env.ref("mail.mail_activity_data_call")

    def _close_call_activities(self):
        """A logged call answers the open "call the tenant" activities of its invoice, and
        leaves its result in the invoice's history (the tenant's communication)."""
        activity_types = self._get_call_activity_types()
        results = dict(self._fields["result"]._description_selection(self.env))
        for log in self:
            feedback = results.get(log.result, "")
            if log.note:
                feedback = f"{feedback}: {log.note}"
            activities = log.move_id.activity_ids.filtered(
                lambda activity: activity.activity_type_id in activity_types
            )
            if activities:
                activities.action_feedback(feedback=feedback)
            else:
                log.move_id.message_post(
                    body=self.env._("Collection call: %(result)s", result=feedback),
                    subtype_xmlid="mail.mt_note",
                )
