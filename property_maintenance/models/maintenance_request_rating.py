# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


# one file per concern of the ticket, all extending maintenance.request
# pylint: disable=consider-merging-classes-inherited
class MaintenanceRequest(models.Model):
    """Rating: the tenant rates a done ticket (core ``rating.mixin``)."""

    _name = "maintenance.request"
    _inherit = ["maintenance.request", "rating.mixin"]

    def _rating_get_partner(self):
        return self.property_partner_id or super()._rating_get_partner()

    def _rating_get_parent_field_name(self):
        return "property_category_id"

    def _property_on_done(self):
        res = super()._property_on_done()
        self._property_send_rating_request()
        return res

    def _property_send_rating_request(self):
        template = self.env.ref(
            "property_maintenance.mail_template_ticket_rating", raise_if_not_found=False
        )
        if not template:
            return
        for ticket in self.sudo().filtered("property_partner_id"):
            ticket.rating_send_request(
                template, lang=ticket.property_partner_id.lang, force_send=False
            )
