# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyNotice(models.Model):
    """A notice (通知) to the tenants of buildings, floors or unit types.

    It is sent as a ``mailing.mailing`` on the tenants (mass mailing's queue, batches,
    statistics and unsubscribe rules), kept on each tenant's chatter, and shown on the
    portal notice board ``/my/notices`` where each tenant's read receipt is recorded."""

    _name = "property.notice"
    _description = "Notice to Tenants"
    _order = "date_publish desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True)
    body = fields.Html(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users", string="Sent By", default=lambda self: self.env.user, readonly=True
    )
    essential = fields.Boolean(
        help="A service notice every tenant must receive (water or power cut, safety): it is "
        "emailed even to tenants who unsubscribed from notices.",
    )
    urgent = fields.Boolean(help="Staff follow which tenants have not read it on the portal yet.")
    building_ids = fields.Many2many("property.building", string="Buildings", readonly=True)
    floor_ids = fields.Many2many("property.floor", string="Floors", readonly=True)
    unit_type_ids = fields.Many2many("property.unit.type", string="Unit Types", readonly=True)
    date_publish = fields.Datetime(
        string="Published On",
        required=True,
        index=True,
        default=fields.Datetime.now,
        help="When the notice is emailed and appears on the tenants' portal.",
    )
    date_end = fields.Date(
        string="Current Until",
        help="After this day the notice is listed among past notices on the portal "
        "(by default 30 days after publication).",
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    receipt_ids = fields.One2many("property.notice.receipt", "notice_id", string="Recipients")
    recipient_count = fields.Integer(compute="_compute_receipt_counts")
    read_count = fields.Integer(string="Read", compute="_compute_receipt_counts")
    unread_count = fields.Integer(string="Not Read", compute="_compute_receipt_counts")
    is_current = fields.Boolean(string="Current", compute="_compute_is_current")
    mailing_id = fields.Many2one("mailing.mailing", readonly=True, copy=False, index=True)
    # statistics of the mailing, read as superuser (staff need no Email Marketing rights)
    mailing_state = fields.Selection(related="mailing_id.state", string="Email Status")
    mailing_sent = fields.Integer(related="mailing_id.sent", string="Emails Sent")
    mailing_opened = fields.Integer(related="mailing_id.opened", string="Opened")
    mailing_clicked = fields.Integer(related="mailing_id.clicked", string="Clicked")
    mailing_bounced = fields.Integer(related="mailing_id.bounced", string="Bounced")
    mailing_canceled = fields.Integer(related="mailing_id.canceled", string="Not Emailed")

    @api.depends("receipt_ids.read_date")
    def _compute_receipt_counts(self):
        counts = {
            (notice.id, bool(read)): count
            for notice, read, count in self.env["property.notice.receipt"]._read_group(
                [("notice_id", "in", self.ids)], ["notice_id", "is_read"], ["__count"]
            )
        }
        for notice in self:
            notice.read_count = counts.get((notice.id, True), 0)
            notice.unread_count = counts.get((notice.id, False), 0)
            notice.recipient_count = notice.read_count + notice.unread_count

    @api.depends("date_publish", "date_end")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for notice in self:
            notice.is_current = notice._get_date_end() >= today

    def _get_date_end(self):
        self.ensure_one()
        return self.date_end or (fields.Date.to_date(self.date_publish) + timedelta(days=30))

    def action_send(self):
        """Create the notice's mailing to its recipients and put it in mass mailing's queue
        (sent at ``date_publish``, now when it is past). Only property staff send notices:
        the mailing itself is created as superuser with the values of
        ``_prepare_mailing_values``, so they need no Email Marketing rights."""
        self.check_access("write")
        for notice in self:
            if notice.mailing_id:
                raise UserError(
                    self.env._("The notice %(name)s was already sent.", name=notice.name)
                )
            if not notice.receipt_ids:
                raise UserError(self.env._("No tenant matches these criteria."))
            mailing = self.env["mailing.mailing"].sudo().create(notice._prepare_mailing_values())
            notice.mailing_id = mailing
            if mailing.schedule_type == "scheduled":
                mailing.action_schedule()
            else:
                mailing.action_put_in_queue()
        return True

    def _prepare_mailing_values(self):
        """Values of the notice's ``mailing.mailing`` (one email per tenant)."""
        self.ensure_one()
        scheduled = self.date_publish > fields.Datetime.now()
        return {
            "subject": self.name,
            "body_arch": self.body,
            "body_html": self.body,
            "mailing_type": "mail",
            "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
            "mailing_domain": repr([("id", "in", self.receipt_ids.partner_id.ids)]),
            "email_from": self.company_id.email_formatted or self.env.user.email_formatted,
            "user_id": self.env.user.id,
            # keep the sent emails: each notice stays on its tenant's chatter
            "keep_archives": True,
            "attachment_ids": [fields.Command.set(self.attachment_ids.ids)],
            "schedule_type": "scheduled" if scheduled else "now",
            "schedule_date": self.date_publish if scheduled else False,
            "property_ignore_opt_out": self.essential,
        }

    def action_view_unread(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Not read: %(name)s", name=self.name),
            "res_model": "property.notice.receipt",
            "view_mode": "list",
            "domain": [("notice_id", "=", self.id), ("read_date", "=", False)],
            "context": {"create": False},
        }
