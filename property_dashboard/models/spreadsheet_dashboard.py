# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class SpreadsheetDashboard(models.Model):
    _inherit = "spreadsheet.dashboard"

    @api.model
    def _get_property_dashboards(self):
        """The property dashboards the current user may open (each dashboard's groups)."""
        group = self.env.ref(
            "property_dashboard.spreadsheet_dashboard_group_property", raise_if_not_found=False
        )
        if not group:
            return self.browse()
        return self.search([("dashboard_group_id", "=", group.id)], order="sequence, id")

    @api.model
    def action_open_property_dashboard(self):
        """Property > Reporting > Dashboards: open the first property dashboard the user may
        read (a finance user has the Rent dashboard, not the Occupancy one)."""
        dashboard = self._get_property_dashboards()[:1]
        action = {
            "type": "ir.actions.client",
            "tag": "action_spreadsheet_dashboard",
            "name": self.env._("Dashboards"),
        }
        if dashboard:
            action["params"] = {"dashboard_id": dashboard.id}
        return action
