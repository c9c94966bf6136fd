# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.property_lease import OCCUPYING_LEASE_STATES


class PropertyNoticeWizard(models.TransientModel):
    """Send a notice (通知) to the tenants of buildings, floors or unit types.

    It creates a ``property.notice`` and its mass mailing: each tenant receives it by
    email, a copy stays on the tenant's chatter and it appears on their portal."""

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
    essential = fields.Boolean(
        help="A service notice every tenant must receive (water or power cut, safety): it is "
        "emailed even to tenants who unsubscribed from notices.",
    )
    urgent = fields.Boolean(help="Staff follow which tenants have not read it on the portal yet.")
    schedule_date = fields.Datetime(
        string="Send On", help="Leave empty to send now; mass mailing's queue sends it then."
    )
    date_end = fields.Date(
        string="Current Until",
        help="After this day the notice is listed among past notices on the portal "
        "(by default 30 days after publication).",
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    translation_lang = fields.Selection(
        selection="_get_translation_langs",
        string="Also In",
        help="The tenants whose language this is get the notice in it (email and portal); "
        "the others get the text above.",
    )
    translation_subject = fields.Char(string="Translated Subject")
    translation_body = fields.Html(
        string="Translated Body",
        help="The body in that language, paragraph for paragraph: each paragraph, list item "
        "or table cell of the text above, translated.",
    )

    @api.model
    def _get_translation_langs(self):
        return self.env["res.lang"].get_installed()

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

    def _prepare_notice_values(self):
        """Values of the ``property.notice`` the wizard creates."""
        self.ensure_one()
        values = {
            "name": self.subject,
            "body": self.body,
            "essential": self.essential,
            "urgent": self.urgent,
            "date_end": self.date_end,
            "building_ids": [Command.set(self.building_ids.ids)],
            "floor_ids": [Command.set(self.floor_ids.ids)],
            "unit_type_ids": [Command.set(self.unit_type_ids.ids)],
            "attachment_ids": [Command.set(self.attachment_ids.ids)],
            "receipt_ids": [
                Command.create({"partner_id": partner.id}) for partner in self.partner_ids
            ],
        }
        if self.schedule_date:
            values["date_publish"] = self.schedule_date
        return values

    def action_send(self):
        self.ensure_one()
        partners = self.partner_ids
        if not partners:
            raise UserError(self.env._("No tenant matches these criteria."))
        without_email = partners.filtered(lambda p: not p.email)
        notice = self.env["property.notice"].create(self._prepare_notice_values())
        if self.translation_lang and self.translation_lang != self.env.lang:
            notice._set_translation(
                self.translation_lang, self.translation_subject, self.translation_body
            )
        notice.action_send()
        if self.schedule_date and self.schedule_date > fields.Datetime.now():
            message = self.env._(
                "Notice scheduled for %(count)s tenants.", count=len(partners) - len(without_email)
            )
        else:
            message = self.env._(
                "Notice to %(count)s tenants queued: mass mailing sends it in batches.",
                count=len(partners) - len(without_email),
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
                "next": {
                    "type": "ir.actions.act_window",
                    "res_model": "property.notice",
                    "res_id": notice.id,
                    "views": [(False, "form")],
                },
            },
        }
