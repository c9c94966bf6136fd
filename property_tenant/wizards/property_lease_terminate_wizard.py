# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyLeaseTerminateWizard(models.TransientModel):
    _name = "property.lease.terminate.wizard"
    _description = "Terminate a Lease (Move-out)"

    lease_id = fields.Many2one("property.lease", required=True, readonly=True)
    date_terminated = fields.Date(
        string="Move-out Date", required=True, default=fields.Date.context_today
    )
    reason = fields.Text(required=True)
    inspection_notes = fields.Html()
    photo_ids = fields.Many2many("ir.attachment", string="Inspection Photos")
    keys_returned = fields.Boolean(
        string="All Keys Returned", help="Mark every key and card still out as returned."
    )
    key_ids = fields.One2many(related="lease_id.key_ids", string="Keys and Cards")

    @api.constrains("date_terminated", "lease_id")
    def _check_date(self):
        for wizard in self:
            lease = wizard.lease_id
            if not lease.date_start <= wizard.date_terminated <= lease.date_end:
                raise ValidationError(
                    self.env._(
                        "The move-out date must fall within lease %(lease)s (%(start)s - %(end)s).",
                        lease=lease.name,
                        start=lease.date_start,
                        end=lease.date_end,
                    )
                )

    def action_confirm(self):
        self.ensure_one()
        lease = self.lease_id
        lease._property_check_manager()
        lease._check_state(("active", "expiring"))
        lease.write(
            {
                "date_terminated": self.date_terminated,
                "termination_reason": self.reason,
                "move_out_notes": self.inspection_notes,
            }
        )
        if self.date_terminated <= fields.Date.context_today(self):
            lease.write({"state": "terminated"})
        if self.keys_returned:
            lease.key_ids.filtered(lambda k: k.state == "issued").write(
                {"date_returned": self.date_terminated, "returned_to_id": self.env.user.id}
            )
        elif lease.key_ids.filtered(lambda k: k.state == "issued"):
            lease._schedule_step_activity(
                "mail.mail_activity_data_todo",
                lease.housekeeper_id or lease.user_id,
                self.env._("Collect the keys and cards of %(lease)s", lease=lease.name),
                date_deadline=self.date_terminated,
            )
        self.photo_ids.write({"res_model": lease._name, "res_id": lease.id})
        body = Markup("<p>%s</p><p>%s</p>") % (
            self.env._(
                "Lease terminated on %(date)s.",
                date=fields.Date.to_string(self.date_terminated),
            ),
            self.reason,
        )
        if self.inspection_notes:
            body += self.inspection_notes
        lease.message_post(body=body, attachment_ids=self.photo_ids.ids)
        lease.activity_unlink(["property_tenant.mail_activity_type_key_handover"])
        return {"type": "ir.actions.act_window_close"}
