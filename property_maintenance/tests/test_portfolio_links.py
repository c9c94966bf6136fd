# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from .common import PropertyMaintenanceCommon


class TestPortfolioLinks(PropertyMaintenanceCommon):
    """Tickets are reachable from the unit, the building and the tenant's history."""

    def test_ticket_counts_and_actions(self):
        before_unit = self.unit_101.property_ticket_count
        before_building = self.unit_101.building_id.property_ticket_count
        ticket = self._create_ticket()
        self._create_ticket(unit=self.unit_102)
        self.env.invalidate_all()
        self.assertEqual(self.unit_101.property_ticket_count, before_unit + 1)
        self.assertEqual(self.unit_101.building_id.property_ticket_count, before_building + 2)
        action = self.unit_101.action_view_property_tickets()
        self.assertIn(ticket, self.env["maintenance.request"].search(action["domain"]))
        self.assertEqual(
            len(self.env["maintenance.request"].search(action["domain"])), before_unit + 1
        )

    def test_communication_history_includes_tickets(self):
        ticket = self._create_ticket(unit=self.unit_101)
        ticket.message_post(body="Plumber arrives at 3pm")
        other = self._create_ticket(unit=self.unit_102)
        other.message_post(body="Not for tenant A")
        domain = self.tenant_a._property_communication_domain()
        bodies = " ".join(self.env["mail.message"].search(domain).mapped("body"))
        self.assertIn("Plumber arrives at 3pm", bodies)
        self.assertNotIn("Not for tenant A", bodies)
