# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from .common import PropertyTestCommon


class TestUnitState(PropertyTestCommon):
    @freeze_time("2025-03-10")
    def test_state_follows_leases(self):
        unit = self.unit_101
        self.assertEqual(unit.state, "vacant")
        lease = self._create_lease(date_start=date(2025, 4, 1), date_end=date(2026, 3, 31))
        self.assertEqual(unit.state, "vacant", "a draft lease does not reserve the unit")
        lease.action_submit()
        lease.action_approve()
        self.assertEqual(unit.state, "reserved")
        self.assertEqual(unit.state_date, date(2025, 4, 1))
        lease.action_mark_signed()
        lease.action_activate()
        self.assertEqual(unit.state, "reserved", "starts in the future")
        with freeze_time("2025-04-01"):
            unit._cron_update_state()
            self.assertEqual(unit.state, "leased")
            self.assertEqual(unit.current_lease_id, lease)
            self.assertEqual(unit.state_date, date(2026, 3, 31))

    @freeze_time("2025-06-01")
    def test_maintenance_and_not_rentable(self):
        lease = self._create_lease(units=self.unit_102)
        self._make_active(lease)
        self.assertEqual(self.unit_102.state, "leased")
        self.assertEqual(self.building.occupancy_rate, 25.0)
        self.unit_201.under_maintenance = True
        self.assertEqual(self.unit_201.state, "maintenance")
        self.unit_202.rentable = False
        self.assertEqual(self.unit_202.state, "not_rentable")
        self.assertAlmostEqual(self.building.occupancy_rate, 100.0 / 3, places=2)
        lease.write({"state": "terminated"})
        self.assertEqual(self.unit_102.state, "vacant")

    def test_vacant_on_a_date_and_floor_plan(self):
        lease = self._create_lease(date_start=date(2025, 4, 1), date_end=date(2025, 9, 30))
        self._make_active(lease)
        Unit = self.env["property.unit"].with_user(self.user_property)
        mine = [("building_id", "=", self.building.id)]
        self.assertIn(self.unit_101, Unit.search(mine + [("vacant_on", "=", "2025-03-31")]))
        self.assertNotIn(self.unit_101, Unit.search(mine + [("vacant_on", "=", "2025-04-01")]))
        self.assertIn(self.unit_101, Unit.search(mine + [("vacant_on", "=", "2025-10-01")]))
        self.unit_102.rentable = False
        self.assertEqual(
            Unit.search(mine + [("vacant_on", "=", "2025-05-01")]), self.unit_201 | self.unit_202
        )
        action = self.building.with_user(self.user_property).action_view_floor_plan()
        self.assertEqual(Unit.search(action["domain"]), self.building.unit_ids)
        self.assertIn(
            lease, self.env["property.lease"].search(self.building.action_view_leases()["domain"])
        )

    def test_unit_photos(self):
        photo = self.env["ir.attachment"].create(
            {
                "name": "living-room.jpg",
                "datas": "aGVsbG8=",
                "res_model": "property.unit",
                "res_id": self.unit_101.id,
            }
        )
        self.unit_101.photo_ids = photo
        unit = self.unit_101.with_user(self.user_technician)
        self.assertEqual(unit.photo_ids.name, "living-room.jpg")
        self.assertTrue(photo.with_user(self.user_technician).datas)
