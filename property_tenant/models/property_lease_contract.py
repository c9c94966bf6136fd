# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib

from markupsafe import Markup

from odoo import fields, models

CONTRACT_REPORT = "property_tenant.property_lease_contract_report"


class PropertyLease(models.Model):
    """The lease's contract: rendered from a ``property.contract.template``, frozen and
    attached when the lease goes to signature, and the signed copy attached once signed."""

    _inherit = "property.lease"

    contract_template_id = fields.Many2one(
        "property.contract.template",
        domain="[('company_id', 'in', [company_id, False])]",
        help="Leave empty to use the company's template in the tenant's language.",
    )
    contract_html = fields.Html(
        string="Frozen Contract",
        sanitize=False,
        readonly=True,
        copy=False,
        help="The contract as rendered when the lease went to signature; later template "
        "changes do not alter it.",
    )
    contract_attachment_id = fields.Many2one(
        "ir.attachment", string="Contract Sent for Signature", readonly=True, copy=False
    )
    contract_sha256 = fields.Char(
        string="Contract SHA-256",
        readonly=True,
        copy=False,
        help="SHA-256 of the contract document sent for signature; printed on the signed copy.",
    )
    signed_contract_attachment_id = fields.Many2one(
        "ir.attachment", string="Signed Contract Copy", readonly=True, copy=False
    )

    def _get_contract_html(self):
        """{lease id: contract body}: the frozen one, else rendered from the template."""
        result = {}
        to_render = self.browse()
        for lease in self:
            if lease.contract_html:
                result[lease.id] = lease.contract_html
            else:
                to_render |= lease
        Template = self.env["property.contract.template"]
        for lease in to_render:
            template = Template._find_for_lease(lease)
            body = template._render_contract(lease)[lease.id] if template else ""
            result[lease.id] = Markup(body)
        return result

    def action_approve(self):
        result = super().action_approve()
        self._freeze_contract()
        return result

    def action_mark_signed(self):
        result = super().action_mark_signed()
        self.filtered("signed_on")._attach_signed_contract()
        return result

    def _freeze_contract(self):
        """Render the contract once, keep its body and attach the document sent for signature
        with its SHA-256. Written as superuser: the attachment and the hash are the lease's
        record of what was sent, not fields a user edits."""
        bodies = self._get_contract_html()
        for lease in self:
            lease.sudo().contract_html = bodies[lease.id]
            document = lease._render_contract_document()
            attachment = lease._attach_contract_document(
                document, self.env._("Contract %(name)s", name=lease.name)
            )
            lease.sudo().write(
                {
                    "contract_attachment_id": attachment.id,
                    "contract_sha256": hashlib.sha256(document).hexdigest(),
                }
            )

    def _attach_signed_contract(self):
        for lease in self:
            document = lease._render_contract_document()
            attachment = lease._attach_contract_document(
                document, self.env._("Signed contract %(name)s", name=lease.name)
            )
            lease.sudo().signed_contract_attachment_id = attachment

    def _render_contract_document(self):
        """The contract PDF without the tenant's ID data: it is kept on the lease and may be
        given to the tenant."""
        self.ensure_one()
        document, _report_type = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(CONTRACT_REPORT, self.ids, data={"hide_identity": True})
        )
        return document

    def _attach_contract_document(self, document, name):
        self.ensure_one()
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{name}.pdf".replace("/", "-"),
                    "raw": document,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )
