# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyNotice(models.Model):
    """A notice (通知) to the tenants of buildings, floors or unit types.

    It is sent as a ``mailing.mailing`` on the tenants (mass mailing's queue, batches,
    statistics and unsubscribe rules), kept on each tenant's chatter, and shown on the
    portal notice board ``/my/notices`` where each tenant's read receipt is recorded.

    Its subject and body are translatable: each tenant gets it in their language (one
    mailing per language of the recipients, the text in the company's language when it has
    no translation), and the portal shows it in the tenant's language."""

    _name = "property.notice"
    _description = "Notice to Tenants"
    _order = "date_publish desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, translate=True)
    body = fields.Html(required=True, translate=True)
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
    mailing_id = fields.Many2one(
        "mailing.mailing",
        readonly=True,
        copy=False,
        index=True,
        help="The mailing of the first language (one mailing per language of the recipients).",
    )
    mailing_ids = fields.One2many(
        "mailing.mailing", "property_notice_id", string="Mailings", readonly=True
    )
    # statistics of the mailings, read as superuser (staff need no Email Marketing rights)
    mailing_state = fields.Selection(related="mailing_id.state", string="Email Status")
    mailing_sent = fields.Integer(string="Emails Sent", compute="_compute_mailing_statistics")
    mailing_opened = fields.Integer(string="Opened", compute="_compute_mailing_statistics")
    mailing_clicked = fields.Integer(string="Clicked", compute="_compute_mailing_statistics")
    mailing_bounced = fields.Integer(string="Bounced", compute="_compute_mailing_statistics")
    mailing_canceled = fields.Integer(string="Not Emailed", compute="_compute_mailing_statistics")

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

    @api.depends("mailing_ids")
    def _compute_mailing_statistics(self):
        """Sums over the notice's email mailings (one per language)."""
        for notice in self:
            mailings = notice.sudo().mailing_ids.filtered(lambda m: m.mailing_type == "mail")
            for fname in ("sent", "opened", "clicked", "bounced", "canceled"):
                notice[f"mailing_{fname}"] = sum(mailings.mapped(fname))

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
            notice.mailing_id = notice._send_mailings("_prepare_mailing_values")[:1]
        return True

    def _send_mailings(self, prepare_method):
        """Create the notice's mailings, one per language of its recipients, with the
        values of its method `prepare_method` (called in that language with the language's
        recipients), and put them in mass mailing's queue or schedule them. Returns them."""
        self.ensure_one()
        mailings = self.env["mailing.mailing"].sudo()
        for lang, partners in self._get_recipients_by_lang().items():
            notice = self.with_context(lang=lang)
            mailings |= mailings.create(getattr(notice, prepare_method)(partners))
        for mailing in mailings:
            if mailing.schedule_type == "scheduled":
                mailing.action_schedule()
            else:
                mailing.action_put_in_queue()
        return mailings

    def _set_translation(self, lang, subject, body):
        """Translate the notice into `lang`: its subject, and its body paragraph for
        paragraph (Odoo translates a body term by term, so a translation keeps the text's
        structure; staff correct it later with the field's translation button)."""
        self.ensure_one()
        field = self._fields["body"]
        source_terms = field.get_trans_terms(self.body)
        terms = field.get_trans_terms(body or "")
        if len(terms) != len(source_terms):
            raise UserError(
                self.env._(
                    "The translated body has %(count)s paragraphs, the text %(total)s: "
                    "translate it paragraph for paragraph.",
                    count=len(terms),
                    total=len(source_terms),
                )
            )
        source_lang = self.env.lang or "en_US"
        if subject:
            self.update_field_translations("name", {lang: subject})
        self.update_field_translations(
            "body", {lang: dict(zip(source_terms, terms, strict=True))}, source_lang=source_lang
        )

    def _get_recipients_by_lang(self):
        """The recipients grouped by the language they read the notice in (theirs when it is
        installed, else the company's): {lang code: partners}, the company's language first."""
        self.ensure_one()
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        default = self.company_id.partner_id.lang or self.env.lang or "en_US"
        groups = {default: self.env["res.partner"]}
        for partner in self.receipt_ids.partner_id:
            lang = partner.lang if partner.lang in installed else default
            groups[lang] = groups.get(lang, self.env["res.partner"]) | partner
        return {lang: partners for lang, partners in groups.items() if partners}

    def _prepare_mailing_values(self, partners=None):
        """Values of a ``mailing.mailing`` of the notice (one email per tenant) to `partners`
        (all its recipients by default), its text in the context's language."""
        self.ensure_one()
        partners = self.receipt_ids.partner_id if partners is None else partners
        scheduled = self.date_publish > fields.Datetime.now()
        return {
            "subject": self.name,
            "body_arch": self.body,
            "body_html": self.body,
            "mailing_type": "mail",
            "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
            "mailing_domain": repr([("id", "in", partners.ids)]),
            "property_notice_id": self.id,
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
