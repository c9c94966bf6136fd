# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import html2plaintext


class PropertyNotice(models.Model):
    _inherit = "property.notice"

    send_sms = fields.Boolean(
        string="Also by SMS", readonly=True, help="The notice's text is also sent by SMS."
    )
    sms_mailing_id = fields.Many2one(
        "mailing.mailing",
        string="SMS Mailing",
        readonly=True,
        copy=False,
        help="The SMS mailing of the first language (one per language of the recipients).",
    )
    # statistics of the SMS mailings, read as superuser like the email ones
    sms_sent = fields.Integer(string="SMS Sent", compute="_compute_sms_statistics")
    sms_canceled = fields.Integer(string="SMS Not Sent", compute="_compute_sms_statistics")
    sms_bounced = fields.Integer(string="SMS Failed", compute="_compute_sms_statistics")

    @api.depends("mailing_ids")
    def _compute_sms_statistics(self):
        """Sums over the notice's SMS mailings (one per language)."""
        for notice in self:
            mailings = notice.sudo().mailing_ids.filtered(lambda m: m.mailing_type == "sms")
            for fname in ("sent", "canceled", "bounced"):
                notice[f"sms_{fname}"] = sum(mailings.mapped(fname))

    def action_send(self):
        """The email mailings, then one SMS mailing per language of the recipients, as
        for email: each tenant reads the text in their language."""
        result = super().action_send()
        for notice in self.filtered(lambda n: n.send_sms and not n.sms_mailing_id):
            notice.sms_mailing_id = notice._send_mailings("_prepare_sms_mailing_values")[:1]
        return result

    def _prepare_sms_mailing_values(self, partners=None):
        """Values of an SMS mailing of the notice to `partners` (all its recipients by
        default): the email mailing's, as plain text in the context's language."""
        values = self._prepare_mailing_values(partners)
        for key in ("body_arch", "body_html", "email_from", "attachment_ids"):
            values.pop(key, None)
        values.update(
            mailing_type="sms",
            body_plaintext=f"{self.name}: {html2plaintext(self.body)}",
        )
        return values
