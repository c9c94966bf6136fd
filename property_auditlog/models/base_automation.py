# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class BaseAutomation(models.Model):
    _inherit = "base.automation"

    def _register_hook(self):
        """base_automation's _unregister_hook deletes every registry class's ``create``,
        ``write`` and ``unlink`` whenever an automation rule is saved (and at start-up),
        auditlog's patches with them; apply those again."""
        res = super()._register_hook()
        self.env["auditlog.rule"].sudo()._property_patch_again()
        return res
