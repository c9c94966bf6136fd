# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Meters as a tree and the common consumption of a master meter.

The building "Test Tower" has a master electricity meter M (tariff 0.80/kWh, plausible
common share 30 %) and three unit sub-meters A, B, C on floor 1. January 2025 is read on
the 1st and the 31st; a period counts the readings dated inside it, both ends included,
each reading carrying the consumption since the previous one (a first reading: 0).

    meter  1 Jan    31 Jan   January
    M      10000    10500    500
    A       1000     1120    120
    B       2000     2200    200
    C        500      580     80
                             sub-meters 400, common 500 - 400 = 100 kWh (20 % < 30 %)
                             amount 100 x 0.80 = 80.00
"""

from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import BillingTestCommon

JAN = (date(2025, 1, 1), date(2025, 1, 31))


@tagged("post_install", "-at_install")
class TestCommonConsumption(BillingTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tariff = cls.env["property.utility.tariff"].create(
            {"name": "Power", "meter_type": "electricity", "uom_name": "kWh", "price": 0.8}
        )
        Meter = cls.env["property.meter"]
        cls.master = Meter.create(
            {
                "name": "M-TT",
                "building_id": cls.building.id,
                "meter_type": "electricity",
                "tariff_id": cls.tariff.id,
            }
        )
        cls.subs = Meter.create(
            [
                {
                    "name": f"E-{unit.code}",
                    "unit_id": unit.id,
                    "meter_type": "electricity",
                    "parent_id": cls.master.id,
                }
                for unit in cls.spare_units[:3]
            ]
        )
        cls.Reading = cls.env["property.meter.reading"]

    def _read(self, meter, day, value, **vals):
        return self.Reading.create({"meter_id": meter.id, "date": day, "value": value, **vals})

    def _read_january(self, master=10500, a=1120, b=2200, c=580):
        sub_a, sub_b, sub_c = self.subs
        for meter, start, end in (
            (self.master, 10000, master),
            (sub_a, 1000, a),
            (sub_b, 2000, b),
            (sub_c, 500, c),
        ):
            self._read(meter, JAN[0], start)
            self._read(meter, JAN[1], end)

    # ------------------------------------------------------------------ tree
    def test_location_and_tree(self):
        self.assertEqual(self.master.location_type, "building")
        self.assertFalse(self.master.unit_id)
        self.assertEqual(self.master.child_ids, self.subs)
        self.assertEqual(self.master.child_count, 3)
        sub = self.subs[0]
        self.assertEqual(sub.location_type, "unit")
        self.assertEqual(sub.building_id, self.building)
        self.assertEqual(sub.floor_id, self.floor_1)
        floor_master = self.env["property.meter"].create(
            {
                "name": "M-1F",
                "floor_id": self.floor_1.id,
                "building_id": self.building.id,
                "meter_type": "electricity",
                "parent_id": self.master.id,
            }
        )
        self.assertEqual(floor_master.location_type, "floor")
        # several meters per unit, one per utility, heat included
        heat = self.env["property.meter"].create(
            {"name": "H-1", "unit_id": sub.unit_id.id, "meter_type": "heat"}
        )
        self.assertEqual(heat.building_id, self.building)

    def test_tree_constraints(self):
        Meter = self.env["property.meter"]
        with self.assertRaises(ValidationError):
            Meter.create({"name": "Nowhere", "meter_type": "water"})
        with self.assertRaises(ValidationError, msg="another utility below the master"):
            Meter.create(
                {
                    "name": "W-x",
                    "unit_id": self.spare_units[4].id,
                    "meter_type": "water",
                    "parent_id": self.master.id,
                }
            )
        with self.assertRaises(ValidationError, msg="a unit meter is no master"):
            Meter.create(
                {
                    "name": "E-x",
                    "unit_id": self.spare_units[5].id,
                    "meter_type": "electricity",
                    "parent_id": self.subs[0].id,
                }
            )
        other = self.env["property.building"].create({"name": "Annex", "code": "AX"})
        with self.assertRaises(ValidationError, msg="outside the master's building"):
            Meter.create(
                {
                    "name": "E-y",
                    "building_id": other.id,
                    "meter_type": "electricity",
                    "parent_id": self.master.id,
                }
            )
        with self.assertRaises(ValidationError, msg="floor of another building"):
            Meter.create(
                {
                    "name": "E-z",
                    "building_id": other.id,
                    "floor_id": self.floor_1.id,
                    "meter_type": "electricity",
                }
            )
        floor_master = Meter.create(
            {
                "name": "M-1F",
                "floor_id": self.floor_1.id,
                "building_id": self.building.id,
                "meter_type": "electricity",
                "parent_id": self.master.id,
            }
        )
        with self.assertRaises(ValidationError, msg="no cycle"):
            self.master.parent_id = floor_master

    def test_master_readings_are_nobodys_bill(self):
        lease = self._activate_direct(self._create_lease(units=self.spare_units[0]))
        self._read(self.master, JAN[0], 10000)
        master_reading = self._read(self.master, JAN[1], 10500)
        self.assertFalse(master_reading.lease_id)
        self.assertEqual(master_reading.building_id, self.building)
        self._read(self.subs[0], JAN[0], 1000)
        sub_reading = self._read(self.subs[0], JAN[1], 1120)
        self.assertEqual(sub_reading.lease_id, lease)

    # ------------------------------------------------------- common consumption
    def test_common_consumption_plausible(self):
        """The docstring's January: common 100 kWh, 20 % of 500, validated, 80.00."""
        self._read_january()
        common = self.master.with_user(self.user_property)._compute_common_consumption(*JAN)
        self.assertEqual(len(common), 1)
        self.assertEqual(common.master_consumption, 500)
        self.assertEqual(common.sub_consumption, 400)
        self.assertEqual(common.common_consumption, 100)
        self.assertEqual(common.state, "validated")
        self.assertFalse(common.review_note)
        self.assertEqual(common._get_amount(), 80.0)
        self.assertEqual(common.building_id, self.building)
        self.assertEqual(common.company_id, self.company)
        # a sub-meter is not a master: nothing is computed for it
        self.assertFalse(self.subs._compute_common_consumption(*JAN))

    def test_negative_common_consumption_flagged(self):
        """A: 1000 -> 1300 (300), B 200, C 80: the sub-meters consumed 580 kWh, the master
        500: common -80, to review, never priced."""
        self._read_january(a=1300)
        common = self.master._compute_common_consumption(*JAN)
        self.assertEqual(common.common_consumption, -80)
        self.assertEqual(common.state, "to_review")
        self.assertIn("negative", common.review_note)
        self.assertEqual(common._get_amount(), 0.0)

    def test_implausible_share_flagged_then_validated(self):
        """Master 10000 -> 10600 (600), sub-meters 400: common 200 = 33.3 % > 30 %."""
        self._read_january(master=10600)
        common = self.master._compute_common_consumption(*JAN)
        self.assertEqual(common.common_consumption, 200)
        self.assertEqual(common.state, "to_review")
        self.assertIn("33.3", common.review_note)
        common.with_user(self.user_property).action_validate()
        self.assertEqual(common.state, "validated")
        # 200 x 0.80
        self.assertEqual(common._get_amount(), 160.0)
        # a limit of 40 % makes the same month plausible
        self.master.common_share_limit = 40
        common.with_user(self.user_manager).action_reset()
        self.assertEqual(common.state, "to_review")
        common.action_recompute()
        self.assertEqual(common.state, "validated")

    def test_missing_reading_flagged(self):
        """C was not read on the 31st: its January is unknown, so is the common part."""
        sub_a, sub_b, sub_c = self.subs
        self._read(self.master, JAN[1], 10500)
        self._read(sub_a, JAN[1], 1120)
        self._read(sub_b, JAN[1], 2200)
        self._read(sub_c, date(2024, 12, 31), 500)
        common = self.master._compute_common_consumption(*JAN)
        self.assertEqual(common.state, "to_review")
        self.assertIn(sub_c.name, common.review_note)
        no_master = self.master._compute_common_consumption(date(2025, 2, 1), date(2025, 2, 28))
        self.assertIn("master meter has no reading", no_master.review_note)

    def test_refresh_keeps_validated(self):
        """A re-run refreshes the record under review and leaves a validated one alone."""
        self._read_january(a=1300)
        first = self.master._compute_common_consumption(*JAN)
        self.assertEqual(first.state, "to_review")
        # A's 31 January index was mistyped: 1130, not 1300 -> A 130, sub-meters 410, common 90
        reading = self.subs[0].reading_ids.filtered(lambda r: r.date == JAN[1])
        reading.unlink()
        self._read(self.subs[0], JAN[1], 1130)
        again = self.master._compute_common_consumption(*JAN)
        self.assertEqual(again, first)
        self.assertEqual(again.common_consumption, 90)
        self.assertEqual(again.state, "validated")
        # a later reading of the master no longer changes the validated record
        self._read(self.master, JAN[1], 10600)
        self.assertEqual(self.master._compute_common_consumption(*JAN).common_consumption, 90)
        self.assertEqual(
            self.env["property.common.consumption"].search_count(
                [("master_meter_id", "=", self.master.id)]
            ),
            1,
        )
        with self.assertRaises(UserError):
            again.unlink()

    def test_replaced_sub_meter_keeps_history(self):
        """B is replaced on 15 January: the old meter ended at 2150 (150 since 1 January),
        the new one starts at 0 and shows 50 on the 31st: B's January is 200 as before."""
        sub_a, sub_b, sub_c = self.subs
        self._read(self.master, JAN[0], 10000)
        self._read(self.master, JAN[1], 10500)
        for meter, start, end in ((sub_a, 1000, 1120), (sub_c, 500, 580)):
            self._read(meter, JAN[0], start)
            self._read(meter, JAN[1], end)
        self._read(sub_b, JAN[0], 2000)
        swap = self._read(
            sub_b,
            date(2025, 1, 15),
            0,
            meter_replaced=True,
            previous_meter_number="E-old",
            previous_meter_value=2150,
        )
        self.assertEqual(swap.consumption, 150)
        self.assertEqual(self._read(sub_b, JAN[1], 50).consumption, 50)
        self.assertEqual(sub_b.replacement_ids, swap)
        common = self.master._compute_common_consumption(*JAN)
        self.assertEqual(common.sub_consumption, 400)
        self.assertEqual(common.common_consumption, 100)
        with self.assertRaises(ValidationError):
            self._read(sub_b, date(2025, 2, 15), 0, meter_replaced=True, previous_meter_value=10)

    def test_wizard_and_access(self):
        self._read_january()
        wizard = Form(self.env["property.common.consumption.wizard"].with_user(self.user_property))
        wizard.date_from, wizard.date_to = JAN
        wizard.building_id = self.building
        action = wizard.save().action_compute()
        common = self.env["property.common.consumption"].search(action["domain"])
        self.assertEqual(common.master_meter_id, self.master)
        self.assertEqual(common.common_consumption, 100)
        with self.assertRaises(AccessError):
            self.env["property.common.consumption"].with_user(self.user_technician).search([])
        with self.assertRaises(AccessError):
            common.with_user(self.user_property).unlink()
        self.assertEqual(common.with_user(self.user_accountant).amount, 80.0)

    def test_meter_form_places_on_floor(self):
        with Form(self.env["property.meter"].with_user(self.user_property)) as form:
            form.name = "M-2F"
            form.building_id = self.building
            form.floor_id = self.floor_2
            form.meter_type = "water"
        self.assertEqual(form.record.location_type, "floor")
        with Form(self.env["property.meter"].with_user(self.user_property)) as form:
            form.name = "W-unit"
            form.unit_id = self.spare_units[6]
        self.assertEqual(form.record.building_id, self.building)
        self.assertEqual(form.record.floor_id, self.floor_1)
        self.assertFalse(form.record.child_ids)
