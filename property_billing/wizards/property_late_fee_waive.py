# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyLateFeeWaive(models.TransientModel):
    _name = "property.late.fee.waive"
    _description = "Waive Late Fees"

    move_ids = fields.Many2many(
        "account.move", string="Invoices", default=lambda self: self._default_move_ids()
    )
    reason = fields.Text(required=True)

    def _default_move_ids(self):
        if self.env.context.get("active_model") == "account.move":
            return self.env["account.move"].browse(self.env.context.get("active_ids", []))
        return self.env["account.move"]

    def action_waive(self):
        """Stop late fees on the invoices; fees not yet invoiced are dropped."""
        self.move_ids.check_access("write")
        self.move_ids.write(
            {"property_late_fee_waived": True, "property_late_fee_waive_reason": self.reason}
        )
        pending = (
            self.env["property.charge"]
            .sudo()
            .search([("late_fee_source_id", "in", self.move_ids.ids), ("move_id", "=", False)])
        )
        pending.unlink()
        for move in self.move_ids:
            move.message_post(body=self.env._("Late fees waived: %(reason)s", reason=self.reason))
        return {"type": "ir.actions.act_window_close"}
