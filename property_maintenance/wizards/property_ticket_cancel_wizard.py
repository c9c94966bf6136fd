# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models


class PropertyTicketCancelWizard(models.TransientModel):
    _name = "property.ticket.cancel.wizard"
    _description = "Cancel Service Tickets"

    ticket_ids = fields.Many2many("maintenance.request", string="Tickets", required=True)
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if (
            "ticket_ids" in fields_list
            and self.env.context.get("active_model") == "maintenance.request"
        ):
            res["ticket_ids"] = [Command.set(self.env.context.get("active_ids", []))]
        return res

    def action_confirm(self):
        self.ensure_one()
        self.ticket_ids._property_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
