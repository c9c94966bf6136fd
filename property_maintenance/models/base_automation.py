# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class BaseAutomation(models.Model):
    _inherit = "base.automation"

    @api.model
    def _get_property_automation_models(self):
        """The suite ships rules on maintenance.request: Property Managers adapt them."""
        return [*super()._get_property_automation_models(), "maintenance.request"]
