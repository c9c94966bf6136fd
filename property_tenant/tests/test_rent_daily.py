# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Rent priced per m² per day (元/㎡/天), worked out by hand.

Units 101 (50 m²) and 102 (30 m²): 80 m² at 3.30 per m² per day is a daily rent of 264.00.

- a 31-day month (January 2025): 264 x 31 = 8,184.00
- a 28-day month (February 2025): 264 x 28 = 7,392.00
- the lease-aligned month 15 Jan - 14 Feb 2025 has 31 days: 8,184.00; 15 Feb - 14 Mar 28 days:
  7,392.00 (a per-month price bills both 30 x 264 x 365/12 alike: a daily price does not)
- a partial first period, 20 - 31 January 2025 on calendar periods: 12 days, 3,168.00
- a quarter, January - March 2025: 31 + 28 + 31 = 90 days, 23,760.00
- rent-free 1 - 10 January: 21 days billed, 5,544.00
- 5 % from 1 February 2025: the daily rent becomes 277.20, February 277.20 x 28 = 7,761.60
- the monthly rent shown (an average month): 264 x 365 / 12 = 8,030.00
"""

from datetime import date

from odoo import Command

from .common import PropertyTestCommon


class TestRentDaily(PropertyTestCommon):
    def _daily_lease(self, **vals):
        values = {
            "units": self.unit_101 | self.unit_102,
            "rent_basis": "m2_day",
            "rent_price": 3.3,
            "billing_alignment": "calendar",
            "date_end": date(2025, 3, 31),
        }
        values.update(vals)
        return self._create_lease(**values)

    def _amounts(self, lease):
        return [(ln.date_start, ln.date_end, ln.amount) for ln in lease.schedule_line_ids]

    def test_31_and_28_day_months(self):
        lease = self._daily_lease()
        self.assertEqual(lease.monthly_rent, 8030.0)
        self.assertEqual(
            self._amounts(lease),
            [
                (date(2025, 1, 1), date(2025, 1, 31), 8184.0),
                (date(2025, 2, 1), date(2025, 2, 28), 7392.0),
                (date(2025, 3, 1), date(2025, 3, 31), 8184.0),
            ],
        )
        self.assertEqual(lease.schedule_line_ids.mapped("daily_rent"), [264.0] * 3)
        self.assertEqual(lease.schedule_line_ids.mapped("monthly_rent"), [8030.0] * 3)
        self.assertEqual(lease.total_rent, 23760.0)

    def test_lease_aligned_months_of_31_and_28_days(self):
        lease = self._daily_lease(
            billing_alignment="lease", date_start=date(2025, 1, 15), date_end=date(2025, 3, 14)
        )
        self.assertEqual(
            self._amounts(lease),
            [
                (date(2025, 1, 15), date(2025, 2, 14), 8184.0),
                (date(2025, 2, 15), date(2025, 3, 14), 7392.0),
            ],
        )

    def test_partial_first_period_and_quarter(self):
        lease = self._daily_lease(date_start=date(2025, 1, 20))
        self.assertEqual(self._amounts(lease)[0], (date(2025, 1, 20), date(2025, 1, 31), 3168.0))
        lease.date_start = date(2025, 1, 1)
        lease.payment_cycle = "quarterly"
        self.assertEqual(self._amounts(lease), [(date(2025, 1, 1), date(2025, 3, 31), 23760.0)])

    def test_rent_free_and_escalation(self):
        lease = self._daily_lease(
            rent_free_ids=[
                Command.create({"date_start": date(2025, 1, 1), "date_end": date(2025, 1, 10)})
            ],
            escalation_ids=[
                Command.create(
                    {
                        "escalation_type": "percent",
                        "value": 5,
                        "interval_months": 0,
                        "date_start": date(2025, 2, 1),
                    }
                )
            ],
        )
        january, february, march = lease.schedule_line_ids
        self.assertEqual((january.amount, january.free_days), (5544.0, 10))
        self.assertEqual(february.amount, 7761.6)
        self.assertEqual(february.daily_rent, 277.2)
        self.assertEqual(march.amount, 8593.2)  # 277.20 x 31

    def test_monthly_bases_unchanged(self):
        per_m2 = self._create_lease(
            units=self.unit_101 | self.unit_102, rent_basis="m2", rent_price=60
        )
        self.assertEqual(per_m2.monthly_rent, 4800.0)
        self.assertEqual(per_m2.schedule_line_ids.mapped("amount"), [4800.0] * 12)
        self.assertFalse(any(per_m2.schedule_line_ids.mapped("daily_rent")))
        per_unit = self._create_lease(units=self.unit_201, rent_price=3000)
        self.assertEqual(per_unit.schedule_line_ids.mapped("amount"), [3000.0] * 12)

    def test_contract_prints_the_daily_basis(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["property_tenant"], ["zh_CN"])
        lease = self._daily_lease()
        Report = self.env["ir.actions.report"].with_user(self.user_property)
        self.tenant_a.lang = "en_US"
        html = Report._render_qweb_html("property_tenant.report_lease_contract", lease.ids)[0]
        self.assertIn("Per m² per day", html.decode())
        self.assertIn("8,184.00", html.decode())
        self.tenant_a.lang = "zh_CN"
        html = Report._render_qweb_html("property_tenant.report_lease_contract", lease.ids)[0]
        self.assertIn("每平方米每天", html.decode())
