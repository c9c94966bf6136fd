# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from odoo.tests import tagged

from .common import PropertyMaintenanceCommon


@tagged("post_install", "-at_install")
class TestEquipment(PropertyMaintenanceCommon):
    def test_preventive_maintenance_recurs_on_building_equipment(self):
        lift = self.env["maintenance.equipment"].create(
            {
                "name": "Lift A",
                "property_building_id": self.building.id,
                "maintenance_team_id": self.team_lift.id,
                "technician_user_id": self.tech_lift.id,
            }
        )
        pump_unit = self.env["maintenance.equipment"].create(
            {"name": "Booster pump", "property_unit_id": self.unit_201.id}
        )
        self.assertEqual(pump_unit.property_building_id, self.building)
        request = self.env["maintenance.request"].create(
            {
                "name": "Monthly lift inspection",
                "equipment_id": lift.id,
                "maintenance_type": "preventive",
                "recurring_maintenance": True,
                "repeat_interval": 1,
                "repeat_unit": "month",
                "schedule_date": datetime(2026, 4, 1, 8, 0),
                "maintenance_team_id": self.team_lift.id,
            }
        )
        self.assertEqual(request.property_building_id, self.building)
        self.assertEqual(request.maintenance_team_id, self.team_lift)
        self.assertEqual(request.user_id, self.tech_lift)
        self.assertEqual(request.property_state, "assigned")
        request.with_user(self.tech_lift).action_property_start()
        request.with_user(self.tech_lift).action_property_done()  # preventive: no report needed
        following = self.env["maintenance.request"].search(
            [("equipment_id", "=", lift.id), ("id", "!=", request.id)]
        )
        self.assertEqual(len(following), 1, "core scheduling created the next inspection")
        self.assertEqual(following.schedule_date, datetime(2026, 5, 1, 8, 0))
        self.assertEqual(following.property_building_id, self.building)
        self.assertIn(following.property_state, ("new", "assigned"))
