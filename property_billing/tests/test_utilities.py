# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from datetime import date

import openpyxl

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestUtilities(BillingTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.property_utility_invoicing = "rent"
        utility = cls.env.ref("property_billing.product_utility")
        utility.taxes_id = [Command.clear()]
        cls.water = cls.env["property.utility.tariff"].create(
            {"name": "Water", "meter_type": "water", "pricing": "flat", "price": 4.5}
        )
        cls.power = cls.env["property.utility.tariff"].create(
            {
                "name": "Electricity (tiers)",
                "meter_type": "electricity",
                "uom_name": "kWh",
                "pricing": "tiered",
                "tier_ids": [
                    Command.create({"threshold": 0, "price": 0.5}),
                    Command.create({"threshold": 200, "price": 0.6}),
                    Command.create({"threshold": 400, "price": 0.8}),
                ],
            }
        )
        cls.unit = cls.spare_units[0]
        cls.lease = cls._activate_direct(cls._create_lease(units=cls.unit))
        cls.water_meter = cls.env["property.meter"].create(
            {
                "name": "W-001",
                "unit_id": cls.unit.id,
                "meter_type": "water",
                "tariff_id": cls.water.id,
            }
        )
        cls.power_meter = cls.env["property.meter"].create(
            {
                "name": "E-001",
                "unit_id": cls.unit.id,
                "meter_type": "electricity",
                "tariff_id": cls.power.id,
            }
        )

    def _read(self, meter, day, value, **vals):
        return self.env["property.meter.reading"].create(
            {"meter_id": meter.id, "date": day, "value": value, **vals}
        )

    def test_tariffs(self):
        self.assertEqual(self.water._compute_amount(10), 45.0)
        self.assertEqual(self.power._compute_amount(150), 75.0)
        # 200 x 0.5 + 200 x 0.6 + 50 x 0.8
        self.assertEqual(self.power._compute_amount(450), 260.0)

    def test_reading_validation(self):
        self._read(self.water_meter, date(2025, 1, 1), 100)
        reading = self._read(self.water_meter, date(2025, 2, 1), 112)
        self.assertEqual(reading.consumption, 12)
        self.assertEqual(reading.amount, 54.0)
        self.assertEqual(reading.lease_id, self.lease)
        self.assertEqual(reading.state, "validated")
        with self.assertRaises(ValidationError):
            self._read(self.water_meter, date(2025, 3, 1), 90)
        replaced = self._read(self.water_meter, date(2025, 3, 1), 3, meter_replaced=True)
        self.assertEqual(replaced.consumption, 0)
        after = self._read(self.water_meter, date(2025, 4, 1), 15)
        self.assertEqual(after.consumption, 12)

    def test_unusual_jump_flagged(self):
        self._read(self.water_meter, date(2025, 1, 1), 100)
        self._read(self.water_meter, date(2025, 2, 1), 110)
        self._read(self.water_meter, date(2025, 3, 1), 121)
        jump = self._read(self.water_meter, date(2025, 4, 1), 200)
        self.assertEqual(jump.state, "to_review")
        self.assertTrue(jump.review_note)
        jump.with_user(self.user_property).action_validate()
        self.assertEqual(jump.state, "validated")

    def test_readings_on_next_rent_invoice(self):
        self._read(self.power_meter, date(2025, 1, 1), 1000)
        reading = self._read(self.power_meter, date(2025, 1, 20), 1450)
        flagged = self._read(self.water_meter, date(2025, 1, 1), 10)
        self.lease._generate_invoices(date(2025, 1, 1))
        move = self._rent_moves(self.lease)
        self.assertEqual(reading.move_id, move)
        self.assertEqual(reading.state, "invoiced")
        line = move.invoice_line_ids.filtered(lambda ln: ln.property_reading_id == reading)
        self.assertEqual(line.price_subtotal, 260.0)
        self.assertEqual(move.amount_total, 3000.0 + 260.0)
        self.assertFalse(flagged.move_id, "a first index has no consumption to bill")

    def test_separate_utility_invoice(self):
        self.company.property_utility_invoicing = "separate"
        self._read(self.water_meter, date(2025, 1, 1), 100)
        self._read(self.water_meter, date(2025, 2, 1), 110)
        moves = self.env["property.meter.reading"]._cron_invoice_utilities()
        move = moves.filtered(lambda m: m.property_lease_id == self.lease)
        self.assertEqual(move.property_invoice_kind, "utility")
        self.assertEqual(move.amount_total, 45.0)
        self.assertEqual(move.state, "posted")
        self.assertFalse(self.env["property.meter.reading"]._cron_invoice_utilities() & move)

    def test_xlsx_import(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Meter", "Date", "Index"])
        sheet.append(["W-001", "2025-01-01", 100])
        sheet.append(["W-001", "2025-02-01", 107.5])
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "property.meter.reading",
                "file": buffer.getvalue(),
                "file_name": "readings.xlsx",
                "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        result = wizard.execute_import(
            ["meter_id", "date", "value"],
            ["Meter", "Date", "Index"],
            {"has_headers": True, "quoting": '"', "separator": ",", "date_format": "%Y-%m-%d"},
        )
        self.assertFalse(result["messages"], result["messages"])
        readings = self.water_meter.reading_ids.sorted("date")
        self.assertEqual(readings.mapped("value"), [100.0, 107.5])
        self.assertEqual(readings[1].consumption, 7.5)
