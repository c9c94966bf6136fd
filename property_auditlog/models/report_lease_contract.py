# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ReportLeaseContract(models.AbstractModel):
    _inherit = "report.property_tenant.report_lease_contract"

    @api.model
    def _get_report_values(self, docids, data=None):
        values = super()._get_report_values(docids, data=data)
        if values.get("show_identity"):
            partners = (
                values["docs"]
                .partner_id.sudo()
                .filtered(
                    lambda partner: (
                        partner.property_id_number or partner.property_legal_representative
                    )
                )
            )
            self.env["auditlog.rule"]._property_log_read(partners, self._get_identity_fields())
        return values
