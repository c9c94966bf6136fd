# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    property_document_name = fields.Char(
        string="Document", compute="_compute_property_document_name"
    )

    def _compute_property_document_name(self):
        """The message's document as the reader may see it: the stored record name is empty
        for a creation message ("Lease created") posted before the record had its name."""
        for message in self:
            name = message.record_name
            if not name and message.model and message.res_id:
                record = self.env[message.model].browse(message.res_id).exists()
                name = record._filtered_access("read").display_name if record else False
            message.property_document_name = name or False

    def action_open_property_document(self):
        """Open the document a message of the tenant's history was posted on."""
        self.ensure_one()
        record = self.env[self.model].browse(self.res_id).exists()
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
