# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyDepositSettlementLine(models.TransientModel):
    _inherit = "property.deposit.settlement.line"

    ticket_id = fields.Many2one(
        "maintenance.request",
        string="Repair Ticket",
        help="The repair ticket this deduction pays for; named on the settlement invoice.",
    )

    def _get_label(self):
        label = super()._get_label()
        if self.ticket_id:
            return f"{label} ({self.ticket_id.display_name})"
        return label
