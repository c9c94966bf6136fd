# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command

from .common import PropertyTestCommon


class TestRentSchedule(PropertyTestCommon):
    def _schedule(self, lease):
        return [(p["date_start"], p["date_end"], p["amount"]) for p in lease._get_rent_schedule()]

    def test_monthly_lease_aligned_full_year(self):
        lease = self._create_lease()
        schedule = lease._get_rent_schedule()
        self.assertEqual(len(schedule), 12)
        self.assertTrue(all(p["amount"] == 3000.0 for p in schedule))
        self.assertEqual(lease.total_rent, 36000.0)
        self.assertEqual(len(lease.schedule_line_ids), 12)
        self.assertEqual(schedule[0]["due_date"], date(2025, 1, 1))

    def test_lease_aligned_mid_month(self):
        lease = self._create_lease(date_start=date(2025, 1, 15), date_end=date(2025, 4, 14))
        self.assertEqual(
            self._schedule(lease),
            [
                (date(2025, 1, 15), date(2025, 2, 14), 3000.0),
                (date(2025, 2, 15), date(2025, 3, 14), 3000.0),
                (date(2025, 3, 15), date(2025, 4, 14), 3000.0),
            ],
        )

    def test_lease_aligned_month_end_start(self):
        lease = self._create_lease(date_start=date(2025, 1, 31), date_end=date(2025, 4, 29))
        self.assertEqual(
            self._schedule(lease),
            [
                (date(2025, 1, 31), date(2025, 2, 27), 3000.0),
                (date(2025, 2, 28), date(2025, 3, 30), 3000.0),
                (date(2025, 3, 31), date(2025, 4, 29), 3000.0),
            ],
        )

    def test_calendar_aligned_prorated_first_month(self):
        lease = self._create_lease(
            date_start=date(2025, 1, 15), date_end=date(2025, 3, 31), billing_alignment="calendar"
        )
        self.assertEqual(
            self._schedule(lease),
            [
                (date(2025, 1, 15), date(2025, 1, 31), 1645.16),  # 17/31 days
                (date(2025, 2, 1), date(2025, 2, 28), 3000.0),
                (date(2025, 3, 1), date(2025, 3, 31), 3000.0),
            ],
        )

    def test_calendar_leap_year_february(self):
        leap = self._create_lease(
            date_start=date(2024, 2, 10), date_end=date(2024, 2, 29), billing_alignment="calendar"
        )
        self.assertEqual(self._schedule(leap), [(date(2024, 2, 10), date(2024, 2, 29), 2068.97)])
        common = self._create_lease(
            units=self.unit_102,
            date_start=date(2025, 2, 10),
            date_end=date(2025, 2, 28),
            billing_alignment="calendar",
        )
        self.assertEqual(self._schedule(common), [(date(2025, 2, 10), date(2025, 2, 28), 2035.71)])

    def test_quarterly_calendar(self):
        lease = self._create_lease(
            date_start=date(2025, 2, 1),
            date_end=date(2025, 12, 31),
            payment_cycle="quarterly",
            billing_alignment="calendar",
        )
        self.assertEqual(
            self._schedule(lease),
            [
                (date(2025, 2, 1), date(2025, 3, 31), 6000.0),
                (date(2025, 4, 1), date(2025, 6, 30), 9000.0),
                (date(2025, 7, 1), date(2025, 9, 30), 9000.0),
                (date(2025, 10, 1), date(2025, 12, 31), 9000.0),
            ],
        )

    def test_half_yearly_and_yearly(self):
        lease = self._create_lease(payment_cycle="half_yearly")
        self.assertEqual([p[2] for p in self._schedule(lease)], [18000.0, 18000.0])
        lease.payment_cycle = "yearly"
        self.assertEqual(self._schedule(lease), [(date(2025, 1, 1), date(2025, 12, 31), 36000.0)])
        self.assertEqual(len(lease.schedule_line_ids), 1, "schedule regenerated on write")

    def test_rent_per_m2(self):
        lease = self._create_lease(
            units=self.unit_101 | self.unit_102, rent_basis="m2", rent_price=60
        )
        self.assertEqual(lease.total_area, 80.0)
        self.assertEqual(lease.monthly_rent, 4800.0)

    def test_rent_free(self):
        lease = self._create_lease(
            date_end=date(2025, 3, 31),
            rent_free_ids=[
                Command.create({"date_start": date(2025, 1, 1), "date_end": date(2025, 1, 10)})
            ],
        )
        schedule = lease._get_rent_schedule()
        self.assertEqual(schedule[0]["amount"], 2032.26)  # 21/31 of 3000
        self.assertEqual(schedule[0]["free_days"], 10)
        self.assertEqual(schedule[1]["amount"], 3000.0)

    def test_escalation_percent_and_cap(self):
        lease = self._create_lease(
            date_end=date(2026, 12, 31),
            payment_cycle="yearly",
            escalation_ids=[
                Command.create({"escalation_type": "percent", "value": 5, "interval_months": 12})
            ],
        )
        self.assertEqual([p[2] for p in self._schedule(lease)], [36000.0, 37800.0])
        self.assertEqual(lease._get_rent_schedule()[1]["monthly_rent"], 3150.0)
        lease.escalation_ids.cap_amount = 3100
        self.assertEqual([p[2] for p in self._schedule(lease)], [36000.0, 37200.0])
        self.assertEqual(lease.total_rent, 73200.0)

    def test_escalation_fixed_every_n_months_with_cap(self):
        lease = self._create_lease(
            escalation_ids=[
                Command.create(
                    {
                        "escalation_type": "fixed",
                        "value": 200,
                        "interval_months": 3,
                        "cap_amount": 3300,
                    }
                )
            ],
        )
        rents = [p["monthly_rent"] for p in lease._get_rent_schedule()]
        self.assertEqual(rents, [3000.0] * 3 + [3200.0] * 3 + [3300.0] * 6)
        self.assertEqual(lease.total_rent, 38400.0)

    def test_escalation_mid_period_is_prorated(self):
        lease = self._create_lease(
            date_end=date(2025, 6, 30),
            payment_cycle="quarterly",
            escalation_ids=[
                Command.create(
                    {
                        "escalation_type": "fixed",
                        "value": 300,
                        "interval_months": 0,
                        "date_start": date(2025, 2, 15),
                    }
                )
            ],
        )
        # February: 14 days at 3000 and 14 days at 3300 of 28
        self.assertEqual([p[2] for p in self._schedule(lease)], [9450.0, 9900.0])

    def test_due_dates(self):
        lease = self._create_lease(due_type="advance", payment_days_before_period=10)
        self.assertEqual(lease._get_rent_schedule()[1]["due_date"], date(2025, 1, 22))
        lease.write({"due_type": "day", "due_day": 31})
        due = [line.due_date for line in lease.schedule_line_ids.sorted("date_start")]
        self.assertEqual(due[0], date(2025, 1, 31))
        self.assertEqual(due[1], date(2025, 2, 28), "due day capped at the month's last day")

    def test_termination_shortens_schedule(self):
        lease = self._create_lease()
        lease.date_terminated = date(2025, 3, 15)
        schedule = self._schedule(lease)
        self.assertEqual(schedule[-1], (date(2025, 3, 1), date(2025, 3, 15), 1451.61))
        self.assertEqual(len(schedule), 3)
