# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import binascii

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.mimetypes import guess_mimetype

from .res_partner import ID_DOCUMENT_TYPES

SCAN_FIELDS = ("scan_front", "scan_back")
SCAN_MAX_BYTES = 20 * 1024 * 1024


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

    def _check_scan_vals(self, vals):
        """A scan is a photo or a PDF of reasonable size; anything else (HTML, SVG, archives,
        huge files) is refused before it is stored."""
        for fname in SCAN_FIELDS:
            data = vals.get(fname)
            if not data:
                continue
            label = self._fields[fname]._description_string(self.env)
            try:
                raw = base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError, TypeError) as exc:
                raise ValidationError(
                    self.env._("%(field)s: the file could not be read.", field=label)
                ) from exc
            if len(raw) > SCAN_MAX_BYTES:
                raise ValidationError(
                    self.env._(
                        "%(field)s: the file is larger than %(size)s MB.",
                        field=label,
                        size=SCAN_MAX_BYTES // (1024 * 1024),
                    )
                )
            mimetype = guess_mimetype(raw)
            if "svg" in mimetype or not (
                mimetype.startswith("image/") or mimetype == "application/pdf"
            ):
                raise ValidationError(
                    self.env._(
                        "%(field)s: only photos and PDF files are accepted, not %(type)s.",
                        field=label,
                        type=mimetype,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_scan_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_scan_vals(vals)
        return super().write(vals)
