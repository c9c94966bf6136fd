# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyTicketCountMixin(models.AbstractModel):
    """Tickets smart button on the portfolio records (units and buildings)."""

    _name = "property.ticket.count.mixin"
    _description = "Service tickets of a portfolio record"
    _ticket_field = None  # field of maintenance.request pointing to the record

    property_ticket_count = fields.Integer(
        compute="_compute_property_ticket_count", string="Tickets"
    )

    def _compute_property_ticket_count(self):
        counts = dict(
            self.env["maintenance.request"]._read_group(
                [(self._ticket_field, "in", self.ids)], [self._ticket_field], ["__count"]
            )
        )
        for record in self:
            record.property_ticket_count = counts.get(record, 0)

    def action_view_property_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.maintenance_request_action_property"
        )
        action["domain"] = [(self._ticket_field, "=", self.id)]
        action["context"] = {f"default_{self._ticket_field}": self.id}
        return action


class PropertyUnit(models.Model):
    _name = "property.unit"
    _inherit = ["property.unit", "property.ticket.count.mixin"]
    _ticket_field = "property_unit_id"


class PropertyBuilding(models.Model):
    _name = "property.building"
    _inherit = ["property.building", "property.ticket.count.mixin"]
    _ticket_field = "property_building_id"
