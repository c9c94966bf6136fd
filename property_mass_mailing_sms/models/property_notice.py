# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import html2plaintext


class PropertyNotice(models.Model):
    _inherit = "property.notice"

    send_sms = fields.Boolean(
        string="Also by SMS", readonly=True, help="The notice's text is also sent by SMS."
    )
    sms_mailing_id = fields.Many2one(
        "mailing.mailing", string="SMS Mailing", readonly=True, copy=False
    )
    sms_sent = fields.Integer(related="sms_mailing_id.sent", string="SMS Sent")
    sms_canceled = fields.Integer(related="sms_mailing_id.canceled", string="SMS Not Sent")
    sms_bounced = fields.Integer(related="sms_mailing_id.bounced", string="SMS Failed")

    def action_send(self):
        result = super().action_send()
        for notice in self.filtered(lambda n: n.send_sms and not n.sms_mailing_id):
            mailing = (
                self.env["mailing.mailing"].sudo().create(notice._prepare_sms_mailing_values())
            )
            notice.sms_mailing_id = mailing
            if mailing.schedule_type == "scheduled":
                mailing.action_schedule()
            else:
                mailing.action_put_in_queue()
        return result

    def _prepare_sms_mailing_values(self):
        """Values of the notice's SMS mailing: the email mailing's, as plain text."""
        values = self._prepare_mailing_values()
        for key in ("body_arch", "body_html", "email_from", "attachment_ids"):
            values.pop(key, None)
        values.update(
            mailing_type="sms",
            body_plaintext=f"{self.name}: {html2plaintext(self.body)}",
        )
        return values
