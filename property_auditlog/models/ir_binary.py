# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        """Log every opening of an ID scan (/web/content, /web/image), by field of the
        document or by its attachment."""
        stream = super()._record_to_stream(record, field_name)
        Rule = self.env["auditlog.rule"]
        if record._name == "property.tenant.document":
            Rule._property_log_read(record, [field_name])
        elif (
            record._name == "ir.attachment"
            and record.sudo().res_model == "property.tenant.document"
            and record.sudo().res_field
        ):
            document = self.env["property.tenant.document"].sudo().browse(record.sudo().res_id)
            Rule._property_log_read(document.exists(), [record.sudo().res_field])
        return stream
