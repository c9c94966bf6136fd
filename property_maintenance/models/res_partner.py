# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.osv import expression


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _property_communication_domain(self):
        """The tenant's communication history also gathers the messages on their tickets."""
        domain = super()._property_communication_domain()
        partners = self.with_context(active_test=False).search(
            [("id", "child_of", self.commercial_partner_id.ids)]
        )
        tickets = self.env["maintenance.request"].search(
            [("property_partner_id", "in", partners.ids)]
        )
        return expression.OR(
            [
                domain,
                [
                    ("message_type", "!=", "user_notification"),
                    ("model", "=", "maintenance.request"),
                    ("res_id", "in", tickets.ids),
                ],
            ]
        )
