# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import AccessError


class ReportPropertyStatement(models.AbstractModel):
    """The tenant statement prints a partner's whole rent account: accountants print it for
    anyone; a tenant gets their own from the portal (/my/property/statement, which renders it
    as superuser for the logged-in tenant only). /report/html and /report/pdf refuse everyone
    else, whatever partner id they ask for."""

    _name = "report.property_billing.report_property_statement"
    _description = "Tenant Statement Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["res.partner"].browse(docids)
        if not self.env.su:
            report = self.env.ref("property_billing.action_report_property_statement")
            if not self.env.user.groups_id & report.sudo().groups_id:
                raise AccessError(self.env._("Only accountants print tenant statements."))
            docs.check_access("read")
        return {"doc_ids": docids, "doc_model": "res.partner", "docs": docs, "data": data}
