# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
from datetime import date

import openpyxl

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import file_open

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

    def _xlsx(self, rows):
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return self.env["base_import.import"].create(
            {
                "res_model": "property.meter.reading",
                "file": buffer.getvalue(),
                "file_name": "readings.xlsx",
                "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )

    def test_xlsx_import_template_columns(self):
        """The shipped template's columns map to the reading's fields by themselves; the
        meters are found by number, a replaced meter's final index is counted, the
        readings are marked as imported, an index below the previous one is refused with its row."""
        with file_open("property_billing/static/xls/meter_reading_import_template.xlsx", "rb") as f:
            template = openpyxl.load_workbook(f)
        headers = [cell.value for cell in next(template.active.iter_rows(max_row=1))]
        self._read(self.water_meter, date(2025, 1, 1), 100)
        options = {"has_headers": True, "quoting": '"', "separator": ",", "date_format": "%Y-%m-%d"}
        wizard = self._xlsx(
            [headers, ["W-001", "2025-02-01", 4, True, "W-000", 112], ["E-001", "2025-02-01", 50]]
        )
        preview = wizard.parse_preview(options)
        fields = [preview["matches"][i][0] for i in range(len(headers))]
        self.assertEqual(
            fields,
            [
                "meter_id",
                "date",
                "value",
                "meter_replaced",
                "previous_meter_number",
                "previous_meter_value",
            ],
        )
        result = wizard.with_user(self.user_property).execute_import(fields, headers, options)
        self.assertFalse(result["messages"], result["messages"])
        swap = self.water_meter.reading_ids.filtered(lambda r: r.date == date(2025, 2, 1))
        # the former meter went from 100 to 112: 12 m³ at 4.50
        self.assertEqual((swap.consumption, swap.amount, swap.source), (12.0, 54.0, "import"))
        self.assertEqual(swap.previous_meter_number, "W-000")
        self.assertEqual(self.power_meter.reading_ids.source, "import")

        wizard = self._xlsx([headers[:3], ["W-001", "2025-03-01", 10], ["W-001", "2025-04-01", 2]])
        result = wizard.execute_import(fields[:3], headers[:3], options)
        self.assertTrue(result["messages"])
        self.assertRegex(result["messages"][0]["message"], r"^Row \d.*below the previous one")
        self.assertFalse(
            self.water_meter.reading_ids.filtered(lambda r: r.date >= date(2025, 3, 1))
        )
        templates = self.env["property.meter.reading"].get_import_templates()
        self.assertEqual(
            templates[0]["template"],
            "/property_billing/static/xls/meter_reading_import_template.xlsx",
        )
