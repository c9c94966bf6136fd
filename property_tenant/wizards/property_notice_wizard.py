# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..models.property_lease import OCCUPYING_LEASE_STATES


class PropertyNoticeWizard(models.TransientModel):
    """Send a notice (通知) to the tenants of buildings, floors or unit types.

    Each tenant receives it by email and a copy stays on the tenant's chatter."""

    _name = "property.notice.wizard"
    _description = "Notice to Tenants"

    building_ids = fields.Many2many("property.building", string="Buildings")
    floor_ids = fields.Many2many(
        "property.floor",
        string="Floors",
        domain="[('building_id', 'in', building_ids)] if building_ids else []",
    )
    unit_type_ids = fields.Many2many("property.unit.type", string="Unit Types")
    include_upcoming = fields.Boolean(
        string="Include Incoming Tenants",
        help="Also notify tenants whose lease is signed but not started yet.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_partner_ids",
        store=True,
        readonly=False,
        string="Recipients",
    )
    recipient_count = fields.Integer(compute="_compute_recipient_count")
    subject = fields.Char(required=True)
    body = fields.Html(required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    sms_available = fields.Boolean(compute="_compute_sms_available")
    send_sms = fields.Boolean(
        string="Also by SMS",
        help="Send the text of the notice by SMS too (needs the SMS app and an SMS provider).",
    )

    def _compute_sms_available(self):
        self.sms_available = "sms.sms" in self.env

    @api.depends("building_ids", "floor_ids", "unit_type_ids", "include_upcoming")
    def _compute_partner_ids(self):
        for wizard in self:
            wizard.partner_ids = wizard._get_tenants()

    @api.depends("partner_ids")
    def _compute_recipient_count(self):
        for wizard in self:
            wizard.recipient_count = len(wizard.partner_ids)

    def _get_target_domain(self):
        self.ensure_one()
        states = list(OCCUPYING_LEASE_STATES)
        if self.include_upcoming:
            states += ["signature", "deposit"]
        domain = [("lease_state", "in", states)]
        if self.building_ids:
            domain.append(("unit_id.building_id", "in", self.building_ids.ids))
        if self.floor_ids:
            domain.append(("unit_id.floor_id", "in", self.floor_ids.ids))
        if self.unit_type_ids:
            domain.append(("unit_id.unit_type_id", "in", self.unit_type_ids.ids))
        return domain

    def _get_tenants(self):
        self.ensure_one()
        if not (self.building_ids or self.floor_ids or self.unit_type_ids):
            return self.env["res.partner"]
        lines = self.env["property.lease.line"].search(self._get_target_domain())
        return lines.lease_id.partner_id

    def action_send(self):
        self.ensure_one()
        partners = self.partner_ids
        if not partners:
            raise UserError(self.env._("No tenant matches these criteria."))
        without_email = partners.filtered(lambda p: not p.email)
        for partner in partners:
            attachments = self.attachment_ids and self.attachment_ids.copy(
                {"res_model": "res.partner", "res_id": partner.id}
            )
            partner.message_post(
                subject=self.subject,
                body=self.body,
                partner_ids=(partner - without_email).ids,
                attachment_ids=attachments.ids if attachments else [],
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                email_layout_xmlid="mail.mail_notification_light",
            )
        if self.send_sms and self.sms_available:
            with_number = partners.filtered(lambda p: p.mobile or p.phone)
            # SMS composer in mass mode: one SMS per tenant, a copy logged on each chatter
            with_number._message_sms_schedule_mass(body=html2plaintext(self.body))
        message = self.env._(
            "Notice sent to %(count)s tenants.", count=len(partners) - len(without_email)
        )
        if without_email:
            message += " " + self.env._(
                "Without an email address (copy on their record only): %(names)s",
                names=", ".join(without_email.mapped("display_name")),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if without_email else "success",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
