# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .common import PropertyMaintenanceCommon


@tagged("post_install", "-at_install")
class TestTicketCustomFieldsTour(HttpCase, PropertyMaintenanceCommon):
    def test_tour_ticket_fields(self):
        """A manager adds a field to the tickets of a category from one ticket; the technician
        of another ticket of the category fills it (leasing officers report tickets, they do
        not edit them); a leasing officer finds the ticket by it and groups by it."""
        first = self._create_ticket(name="Dripping tap")
        second = self._create_ticket(name="Burst pipe", unit=self.unit_102)
        url = "/odoo/action-property_maintenance.maintenance_request_action_property"
        self.start_tour(
            f"{url}/{first.id}",
            "property_ticket_category_define_field",
            login=self.user_manager.login,
        )
        self.assertEqual(
            [d["string"] for d in self.cat_water.ticket_properties_definition],
            ["Valve location"],
        )
        technician = second.user_id
        self.assertIn(technician, self.team_plumbing.member_ids, "dispatched to a plumber")
        self.start_tour(
            f"/odoo/action-property_maintenance.maintenance_request_action_property_mine/{second.id}",
            "property_ticket_fill_field",
            login=technician.login,
        )
        second.invalidate_recordset()
        values = second.read(["property_ticket_properties"])[0]["property_ticket_properties"]
        self.assertEqual(
            [(p["string"], p["value"]) for p in values], [("Valve location", "Under the sink")]
        )
        self.start_tour(url, "property_ticket_search_field", login=self.user_property.login)
