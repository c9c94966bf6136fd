# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _property_home_action(self):
        """Window action the Property app opens for this user (the app's menu runs the
        ``property_home_action`` server action, which asks the user). Other property
        addons override it to send a role to its own first screen."""
        self.ensure_one()
        return self.env["ir.actions.act_window"]._for_xml_id("property_tenant.property_unit_action")
