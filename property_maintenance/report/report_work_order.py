# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import AccessError


class ReportWorkOrder(models.AbstractModel):
    """The work order is a staff document (costs, materials, internal notes): printed by
    staff who may read the ticket, refused to portal users and to staff outside its team,
    with a clean access error rather than a failure half-way through the template."""

    _name = "report.property_maintenance.report_work_order"
    _description = "Work Order Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["maintenance.request"].browse(docids)
        if not self.env.su:
            if self.env.user.share:
                raise AccessError(self.env._("Work orders are printed by the staff."))
            docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "maintenance.request",
            "docs": docs,
            "data": data,
        }
