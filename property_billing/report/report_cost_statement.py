# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import AccessError


class ReportCostStatement(models.AbstractModel):
    """A lease's shared cost statement. Staff print the lines they may read (an accountant
    who runs reconciliations too: the statement shows the lease's reference and the units'
    names through fields of the line, not the lease or units themselves); a tenant gets
    their own from the portal (/my/property/cost-statement/<id>, which checks the tenant's
    access to the line and then renders it as superuser). /report/html and /report/pdf
    refuse portal users, whatever line id they ask for."""

    _name = "report.property_billing.report_cost_statement"
    _description = "Shared Cost Statement Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["property.cost.reconciliation.line"].browse(docids)
        if not self.env.su:
            if not self.env.user._is_internal():
                raise AccessError(
                    self.env._("Tenants open their shared cost statements from their portal.")
                )
            docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "property.cost.reconciliation.line",
            "docs": docs,
            "data": data,
        }
