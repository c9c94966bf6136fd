# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ReportLeaseContract(models.AbstractModel):
    _inherit = "report.property_tenant.report_lease_contract"

    @api.model
    def _get_contract_fields(self):
        """The contract also prints the recurring charges (management fee, parking...)."""
        return [*super()._get_contract_fields(), "charge_ids"]
