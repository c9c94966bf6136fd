# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .res_partner import ID_DOCUMENT_TYPES


class PropertyTenantDocument(models.Model):
    """Scans of a tenant's identity documents (personal data).

    The scans are attachment-backed binary fields: their ir.attachment records are bound to
    this model, so only users who can read the document (Property Managers) can read them."""

    _name = "property.tenant.document"
    _description = "Tenant Identity Document"
    _order = "partner_id, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Tenant", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    document_type = fields.Selection(ID_DOCUMENT_TYPES, required=True, default="prc_resident_id")
    name = fields.Char(string="Description", required=True, default="ID card")
    scan_front = fields.Binary(attachment=True, string="Front")
    scan_front_name = fields.Char()
    scan_back = fields.Binary(attachment=True, string="Back")
    scan_back_name = fields.Char()
    date_expiry = fields.Date(string="Valid Until")
    note = fields.Text()
