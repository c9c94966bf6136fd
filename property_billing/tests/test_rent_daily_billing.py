# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Rent and property fee priced per m² per day, invoiced, worked out by hand.

A 40 m² unit, calendar periods, 20 January - 31 March 2025:

- rent 3.30 per m² per day = 132.00 a day: 20 - 31 Jan (12 days) 1,584.00, February (28 days)
  3,696.00, March (31 days) 4,092.00
- property fee (物业费) 0.50 per m² per day = 20.00 a day: 240.00, 560.00, 620.00
- property fee 5.00 per m² per month = 200.00 a month: 12/31 of it 77.42, then 200.00, 200.00
  (the monthly basis is unchanged)
"""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestRentDailyBilling(BillingTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fee = cls.env.ref("property_billing.product_management_fee")
        cls.fee.taxes_id = [Command.clear()]
        cls.lease = cls._create_lease(
            units=cls.spare_units[0],
            rent_basis="m2_day",
            rent_price=3.3,
            billing_alignment="calendar",
            date_start=date(2025, 1, 20),
            date_end=date(2025, 3, 31),
            charge_ids=[
                Command.create(
                    {
                        "product_id": cls.fee.id,
                        "name": "Fee per day",
                        "basis": "m2_day",
                        "price": 0.5,
                    }
                ),
                Command.create(
                    {"product_id": cls.fee.id, "name": "Fee per month", "basis": "m2", "price": 5.0}
                ),
            ],
        )
        cls._activate_direct(cls.lease)

    def _line_amount(self, move, label):
        return sum(
            move.invoice_line_ids.filtered(lambda ln: ln.name.startswith(label)).mapped(
                "price_subtotal"
            )
        )

    def test_invoices_equal_the_schedule(self):
        self.lease._generate_invoices(date(2025, 3, 31))
        moves = self.lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "rent").sorted(
            "property_period_start"
        )
        self.assertEqual(len(moves), 3)
        schedule = self.lease.schedule_line_ids
        self.assertEqual(schedule.mapped("amount"), [1584.0, 3696.0, 4092.0])
        rents = [
            m.invoice_line_ids.filtered(
                lambda ln: ln.product_id == self.product_rent
            ).price_subtotal
            for m in moves
        ]
        self.assertEqual(rents, schedule.mapped("amount"), "the schedule shown is what is billed")
        self.assertEqual(
            [self._line_amount(m, "Fee per day") for m in moves], [240.0, 560.0, 620.0]
        )
        self.assertEqual(
            [self._line_amount(m, "Fee per month") for m in moves], [77.42, 200.0, 200.0]
        )
        self.assertEqual(moves.mapped("amount_total"), [1901.42, 4456.0, 4912.0])

    def test_monthly_amount_of_a_daily_fee(self):
        daily, monthly = self.lease.charge_ids
        # 20.00 a day x 365 / 12 = 608.33 for an average month
        self.assertEqual(daily.monthly_amount, 608.33)
        self.assertEqual(monthly.monthly_amount, 200.0)
        # without the days, a charge line bills the nominal days of its months
        vals = daily._prepare_invoice_line_vals(1.0, "January")
        self.assertEqual(vals["price_unit"], 608.33)
        vals = daily._prepare_invoice_line_vals(1.0, "January", days=31)
        self.assertEqual(vals["price_unit"], 620.0)
