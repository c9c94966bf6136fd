# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from .common import BillingTestCommon


class ReadingRoundCommon(BillingTestCommon):
    """Floor 1F of Test Tower: unit meters E-S00 (last index 1000) and E-S01 (2000) below a
    building master meter; a water meter on floor 2F is not on the round."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Meter = cls.env["property.meter"]
        cls.master = Meter.create(
            {"name": "M-TT", "building_id": cls.building.id, "meter_type": "electricity"}
        )
        cls.meter_s00, cls.meter_s01 = Meter.create(
            [
                {
                    "name": f"E-{unit.code}",
                    "unit_id": unit.id,
                    "meter_type": "electricity",
                    "parent_id": cls.master.id,
                }
                for unit in cls.spare_units[:2]
            ]
        )
        cls.meter_2f = Meter.create(
            {"name": "W-201", "unit_id": cls.unit_201.id, "meter_type": "water"}
        )
        cls.env["property.meter.reading"].create(
            [
                {"meter_id": cls.meter_s00.id, "date": date(2025, 1, 1), "value": 1000},
                {"meter_id": cls.meter_s01.id, "date": date(2025, 1, 1), "value": 2000},
            ]
        )


@tagged("post_install", "-at_install")
class TestReadingRound(ReadingRoundCommon):
    def _round(self, **vals):
        form = Form(self.env["property.meter.reading.round"].with_user(self.user_property))
        form.building_id = self.building
        for name, value in vals.items():
            setattr(form, name, value)
        return form.save()

    def test_round_of_a_floor(self):
        """1F only, unit by unit: E-S00 1000 -> 1120 (120), E-S01 skipped."""
        wizard = self._round(floor_id=self.floor_1, date=date(2025, 2, 1))
        wizard.action_start()
        self.assertEqual(wizard.meter_ids, self.meter_s00 | self.meter_s01)
        self.assertEqual(wizard.meter_id, self.meter_s00)
        self.assertEqual(wizard.previous_value, 1000)
        self.assertEqual(wizard.previous_date, date(2025, 1, 1))
        self.assertEqual(wizard.progress, "Meter 1 of 2")
        wizard.value = 1120
        wizard.action_next()
        reading = wizard.reading_ids
        self.assertEqual(reading.meter_id, self.meter_s00)
        self.assertEqual(reading.consumption, 120)
        self.assertEqual(reading.source, "round")
        self.assertEqual(reading.date, date(2025, 2, 1))
        self.assertEqual(wizard.meter_id, self.meter_s01)
        self.assertEqual(wizard.value, 0)
        wizard.action_skip()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.reading_count, 1)
        self.assertFalse(self.meter_s01.reading_ids.filtered(lambda r: r.date == date(2025, 2, 1)))

    def test_round_checks_each_reading(self):
        """The whole building: M-TT (first index), E-S00, E-S01, W-201; an index below the
        previous one is refused and the round stays on that meter."""
        wizard = self._round(date=date(2025, 2, 1))
        wizard.action_start()
        self.assertEqual(len(wizard.meter_ids), 4)
        self.assertIn(self.meter_2f, wizard.meter_ids)
        wizard.position = list(wizard.meter_ids).index(self.meter_s00)
        wizard.value = 900
        with self.assertRaises(ValidationError):
            wizard.action_next()
        self.assertEqual(wizard.meter_id, self.meter_s00)

    def test_round_is_for_property_users(self):
        with self.assertRaises(AccessError):
            self.env["property.meter.reading.round"].with_user(self.user_technician).create(
                {"building_id": self.building.id}
            )


@tagged("post_install", "-at_install")
class TestReadingRoundTour(ReadingRoundCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_reading_round_on_a_phone(self):
        self.start_tour(
            "/odoo/action-property_billing.property_meter_reading_round_action",
            "property_billing_reading_round",
            login=self.user_property.login,
            timeout=240,
        )
        readings = (self.meter_s00 | self.meter_s01).reading_ids.filtered(
            lambda r: r.source == "round"
        )
        self.assertEqual(readings.meter_id, self.meter_s00 | self.meter_s01)
        by_meter = {r.meter_id: r for r in readings}
        self.assertEqual(by_meter[self.meter_s00].consumption, 120)
        self.assertEqual(by_meter[self.meter_s01].consumption, 150)
        self.assertTrue(all(readings.mapped("photo")), "each reading has its photo")
        self.assertEqual(readings.mapped("state"), ["validated", "validated"])
