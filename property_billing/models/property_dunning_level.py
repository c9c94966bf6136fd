# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class PropertyDunningLevel(models.Model):
    """A collection step: what happens once to an unpaid lease invoice N days from its due
    date (negative: a reminder before it is due)."""

    _name = "property.dunning.level"
    _description = "Collection Level"
    _order = "days_overdue, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Empty: the level applies to every company.", index=True
    )
    days_overdue = fields.Integer(
        required=True,
        help="Days after the due date (negative: days before it, i.e. a reminder).",
    )
    min_amount = fields.Monetary(
        string="Minimum Amount Due",
        currency_field="currency_id",
        help="The level fires only when the amount still due reaches this amount.",
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    mail_template_id = fields.Many2one(
        "mail.template", domain=[("model", "=", "account.move")], string="Email Template"
    )
    sms_template_id = fields.Many2one(
        "sms.template", domain=[("model", "=", "account.move")], string="SMS Template"
    )
    activity_target = fields.Selection(
        [
            ("none", "No activity"),
            ("housekeeper", "Housekeeper of the lease"),
            ("group", "Every user of a group"),
        ],
        default="none",
        required=True,
    )
    activity_group_id = fields.Many2one("res.groups")
    activity_summary = fields.Char(translate=True)
    notify_group = fields.Boolean(
        string="Email the Group", help="Also email the users of the activity group."
    )
    log_count = fields.Integer(compute="_compute_log_count")

    def _compute_log_count(self):
        counts = dict(
            self.env["property.dunning.log"]._read_group(
                [("level_id", "in", self.ids)], ["level_id"], ["__count"]
            )
        )
        for level in self:
            level.log_count = counts.get(level, 0)

    # ------------------------------------------------------------ business
    def _get_candidate_moves(self, today):
        """Unpaid posted lease invoices for which this level is due and has not fired."""
        self.ensure_one()
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("property_lease_id", "!=", False),
            ("payment_state", "in", ("not_paid", "partial")),
            ("invoice_date_due", "<=", today - timedelta(days=self.days_overdue)),
        ]
        fired = self.env["property.dunning.log"].sudo().search([("level_id", "=", self.id)])
        if fired:
            domain.append(("id", "not in", fired.move_id.ids))
        if self.days_overdue < 0:
            # a reminder only makes sense before the due date
            domain.append(("invoice_date_due", ">=", today))
        if self.company_id:
            domain.append(("company_id", "=", self.company_id.id))
        moves = self.env["account.move"].sudo().search(domain)
        return moves.filtered(
            lambda m: (
                m.currency_id.compare_amounts(
                    m.amount_residual,
                    self.currency_id._convert(self.min_amount, m.currency_id, m.company_id, today),
                )
                >= 0
            )
        )

    def _run(self, today=None):
        """Fire the levels on their due invoices; each (invoice, level) fires once: the log
        row is written first, under a unique constraint."""
        today = today or fields.Date.context_today(self)
        Log = self.env["property.dunning.log"].sudo()
        fired = Log
        for level in self.sudo():
            moves = level._get_candidate_moves(today)
            if not moves:
                continue
            logs = Log.create(
                [
                    {
                        "move_id": move.id,
                        "level_id": level.id,
                        "kind": "reminder" if level.days_overdue < 0 else "level",
                        "date": today,
                    }
                    for move in moves
                ]
            )
            level._execute(moves)
            fired |= logs
        return fired

    def _execute(self, moves):
        self.ensure_one()
        if self.mail_template_id:
            for move in moves:
                move.with_context(mail_notify_force_send=False).message_post_with_source(
                    self.mail_template_id,
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=move.partner_id.ids,
                )
        if self.sms_template_id:
            for move in moves:
                move._message_sms_with_template(
                    template=self.sms_template_id,
                    partner_ids=move.partner_id.ids,
                    put_in_queue=True,
                )
        if self.notify_group and self.activity_group_id:
            partners = self.activity_group_id.users.filtered(lambda u: not u.share).partner_id
            for move in moves:
                move.message_post(
                    body=self.env._(
                        "%(level)s: invoice %(invoice)s of %(tenant)s, %(amount)s still due "
                        "since %(date)s.",
                        level=self.name,
                        invoice=move.name,
                        tenant=move.partner_id.display_name,
                        amount=move.amount_residual,
                        date=move.invoice_date_due,
                    ),
                    partner_ids=partners.ids,
                    subtype_xmlid="mail.mt_note",
                )
        if self.activity_target != "none":
            activity_type = self.env.ref("mail.mail_activity_data_call")
            summary = self.activity_summary or self.name
            for move in moves:
                if self.activity_target == "housekeeper":
                    lease = move.property_lease_id
                    users = lease.housekeeper_id or lease.user_id
                else:
                    users = self.activity_group_id.users.filtered(
                        lambda u, move=move: move.company_id in u.company_ids and not u.share
                    )
                for user in users:
                    move.activity_schedule(
                        activity_type_id=activity_type.id,
                        summary=summary,
                        user_id=user.id,
                        note=self.env._(
                            "%(level)s: %(amount)s due by %(tenant)s since %(date)s.",
                            level=self.name,
                            amount=move.amount_residual,
                            tenant=move.partner_id.display_name,
                            date=move.invoice_date_due,
                        ),
                    )

    @api.model
    def _cron_run(self):
        self.search([])._run()
