# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import format_amount, format_date, plaintext2html

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
    notify_user_ids = fields.Many2many(
        "res.users",
        string="Notify Users",
        domain=[("share", "=", False)],
        help="Staff notified (inbox or email) each time the level fires on an invoice.",
    )
    notify_email = fields.Char(
        string="Notify Mailbox",
        help="Email address (e.g. a shared legal mailbox) sent the notification each time the "
        "level fires on an invoice.",
    )
    notify_template_id = fields.Many2one(
        "mail.template",
        domain=[("model", "=", "account.move")],
        string="Staff Notification Template",
        help="Message sent to the notified users, group and mailbox; empty: a short note.",
    )
    fired_by_rule = fields.Boolean(
        string="Fired by an Automation Rule",
        help="The daily collection job leaves this level alone: an automation rule (Settings > "
        "Technical > Automation Rules) decides when it fires, on which invoices; the level "
        "decides who gets the activity and the notification, once per invoice.",
    )
    notify_warning = fields.Text(compute="_compute_notify_warning")
    log_count = fields.Integer(compute="_compute_log_count")

    def _compute_log_count(self):
        counts = dict(
            self.env["property.dunning.log"]._read_group(
                [("level_id", "in", self.ids)], ["level_id"], ["__count"]
            )
        )
        for level in self:
            level.log_count = counts.get(level, 0)

    @api.depends(
        "mail_template_id",
        "sms_template_id",
        "activity_target",
        "activity_group_id",
        "notify_group",
        "notify_user_ids",
        "notify_email",
    )
    def _compute_notify_warning(self):
        for level in self:
            level.notify_warning = "\n".join(level._get_notify_problems()) or False

    # ------------------------------------------------------------ business
    def _get_group_users(self):
        """Internal users of the activity group."""
        self.ensure_one()
        return self.activity_group_id.sudo().users.filtered(lambda u: not u.share)

    def _get_notify_partners(self, move=None):
        """Staff partners notified when the level fires (on `move`: those of its company)."""
        self.ensure_one()
        users = self.notify_user_ids.filtered(lambda u: not u.share)
        if self.notify_group and self.activity_group_id:
            users |= self._get_group_users()
        if move:
            users = users.filtered(lambda u: move.company_id in u.company_ids)
        return users.partner_id

    def _get_notify_problems(self):
        """Why firing this level would reach fewer people than configured (translated
        sentences, empty when it is fine)."""
        self.ensure_one()
        problems = []
        group_users = self._get_group_users() if self.activity_group_id else self.env["res.users"]
        if self.activity_target == "group" and self.activity_group_id and not group_users:
            group = self.activity_group_id.display_name
            problems.append(
                self.env._(
                    "The group %(group)s has no user: nobody gets the activity or the email.",
                    group=group,
                )
                if self.notify_group
                else self.env._(
                    "The group %(group)s has no user: nobody gets the activity.", group=group
                )
            )
        reaches_someone = bool(
            self.mail_template_id
            or self.sms_template_id
            or self.activity_target == "housekeeper"
            or (self.activity_target == "group" and group_users)
            or self._get_notify_partners()
            or self.notify_email
        )
        if not reaches_someone:
            problems.append(
                self.env._(
                    "When this level fires, nobody is notified: add users to the group, or set "
                    "users to notify, a mailbox or an email template."
                )
            )
        return problems

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
        """Fire the levels on their due invoices; each (invoice, level) fires once."""
        today = today or fields.Date.context_today(self)
        fired = self.env["property.dunning.log"]
        for level in self.sudo():
            fired |= level._fire(level._get_candidate_moves(today), today)
        return fired

    def _run_from_rule(self, moves, today=None):
        """Fire the level on the invoices an automation rule selected: those still unpaid
        on which it has not fired yet."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        level = self.sudo()
        moves = moves.sudo().filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and m.property_lease_id
                and m.payment_state in ("not_paid", "partial")
                and (not level.company_id or m.company_id == level.company_id)
            )
        )
        fired = (
            self.env["property.dunning.log"]
            .sudo()
            .search([("level_id", "=", level.id), ("move_id", "in", moves.ids)])
        )
        return level._fire(moves - fired.move_id, today)

    def _fire(self, moves, today):
        """Fire the level on `moves`: the log rows are written first, under the unique
        constraint (invoice, level), then the level acts."""
        self.ensure_one()
        Log = self.env["property.dunning.log"].sudo()
        if not moves:
            return Log
        logs = Log.create(
            [
                {
                    "move_id": move.id,
                    "level_id": self.id,
                    "kind": "reminder" if self.days_overdue < 0 else "level",
                    "date": today,
                }
                for move in moves
            ]
        )
        self._execute(moves)
        problems = self._get_notify_problems()
        if problems:
            _logger.warning(
                "Collection level %r (id %s) fired on %s invoice(s): %s",
                self.name,
                self.id,
                len(moves),
                " ".join(problems),
            )
        return logs

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
        self._notify_staff(moves)
        if self.activity_target != "none":
            activity_type = self.env.ref("mail.mail_activity_data_call")
            summary = self.activity_summary or self.name
            for move in moves:
                if self.activity_target == "housekeeper":
                    lease = move.property_lease_id
                    users = lease.housekeeper_id or lease.user_id
                else:
                    users = self._get_group_users().filtered(
                        lambda u, move=move: move.company_id in u.company_ids
                    )
                for user in users:
                    move.activity_schedule(
                        activity_type_id=activity_type.id,
                        summary=summary,
                        user_id=user.id,
                        note=self._prepare_activity_note(move, user),
                    )

    def _notify_staff(self, moves):
        """Tell the notified users / group (a note on each invoice, in their inbox or by
        email) and the mailbox (an email) that the level fired."""
        self.ensure_one()
        # the templates read the level's name from the context
        template = self.notify_template_id.with_context(property_dunning_level=self.name)
        for move in moves.with_context(property_dunning_level=self.name):
            partners = self._get_notify_partners(move)
            if partners:
                if template:
                    move.message_post_with_source(
                        template, partner_ids=partners.ids, subtype_xmlid="mail.mt_note"
                    )
                else:
                    move.message_post(
                        body=self._prepare_notify_body(move),
                        partner_ids=partners.ids,
                        subtype_xmlid="mail.mt_note",
                    )
            if self.notify_email:
                self._send_notify_email(move, template)

    def _prepare_activity_note(self, move, user):
        """The call activity's note, money and date in the assigned user's language."""
        self.ensure_one()
        lang = user.lang or self.env.lang
        return self.with_context(lang=lang).env._(
            "%(level)s: %(amount)s due from %(tenant)s since %(date)s.",
            level=self.name,
            amount=format_amount(self.env, move.amount_residual, move.currency_id, lang_code=lang),
            tenant=move.partner_id.display_name,
            date=format_date(self.env, move.invoice_date_due, lang_code=lang),
        )

    def _prepare_notify_body(self, move):
        self.ensure_one()
        return self.env._(
            "%(level)s: invoice %(invoice)s of %(tenant)s, %(amount)s still due since %(date)s.",
            level=self.name,
            invoice=move.name,
            tenant=move.partner_id.display_name,
            amount=format_amount(self.env, move.amount_residual, move.currency_id),
            date=format_date(self.env, move.invoice_date_due),
        )

    def _send_notify_email(self, move, template):
        """Queue the notification email to the level's mailbox."""
        self.ensure_one()
        if template:
            template.send_mail(
                move.id,
                email_values={"email_to": self.notify_email, "recipient_ids": []},
                email_layout_xmlid="mail.mail_notification_light",
            )
            return
        self.env["mail.mail"].sudo().create(
            {
                "subject": self.env._("%(level)s: %(invoice)s", level=self.name, invoice=move.name),
                "body_html": plaintext2html(self._prepare_notify_body(move)),
                "email_to": self.notify_email,
                "email_from": move.company_id.email_formatted or self.env.user.email_formatted,
                "model": "account.move",
                "res_id": move.id,
                "auto_delete": True,
            }
        )

    @api.model
    def _cron_run(self):
        # the levels fired by an automation rule run from base_automation's scheduled action
        self.search([("fired_by_rule", "=", False)])._run()
