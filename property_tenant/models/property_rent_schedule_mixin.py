# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from bisect import bisect_right
from datetime import date, timedelta
from itertools import pairwise

from dateutil.relativedelta import relativedelta

from odoo import models

CYCLE_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
ONE_DAY = timedelta(days=1)
# A daily price's nominal month (元/㎡/天 x 365 / 12): the monthly rent shown and compared
# with thresholds; what is billed is always the price of the actual days.
DAYS_PER_MONTH = 365 / 12


class PropertyRentScheduleMixin(models.AbstractModel):
    """Rent-schedule maths: billing periods, rent months, prorated amounts, due dates.

    Pure computations on the fields of the record that inherits it (the lease keeps the
    fields and their lifecycle): ``date_start``, ``date_end``, ``date_terminated``,
    ``payment_cycle``, ``billing_alignment``, ``due_type``, ``payment_days_before_period``,
    ``due_day``, ``monthly_rent``, ``currency_id``, ``escalation_ids``, ``rent_free_ids``,
    and ``rent_basis``, ``rent_price``, ``total_area`` for a rent priced per day.
    Override a method to change one rule (e.g. another proration) without touching the rest.

    A rent is priced per month (per unit, per m²) or per day (per m² per day, 元/㎡/天): the
    rate of `_get_rent_changes` is then the rent of one day, each day is worth that rate
    and escalations apply to it.
    """

    _name = "property.rent.schedule.mixin"
    _description = "Rent Schedule Maths"

    def _is_rent_daily(self):
        """The rent is priced per day: the rates are daily rents."""
        self.ensure_one()
        return self.rent_basis == "m2_day"

    def _get_base_rent(self):
        """Rate at the start, before escalations: the monthly rent, or the rent of one day
        (price x area, not rounded: the period's total is) for a daily price."""
        self.ensure_one()
        if self._is_rent_daily():
            return self.rent_price * self.total_area
        return self.monthly_rent

    def _get_monthly_rent_of(self, rate):
        """A rate of `_get_rent_changes` as a monthly rent (a daily rate: its nominal month)."""
        self.ensure_one()
        if self._is_rent_daily():
            return self.currency_id.round(rate * DAYS_PER_MONTH)
        return rate

    def _get_rent_changes(self):
        """Rent over time: sorted list of (date, rate from that date), the rate being the
        monthly rent, or the daily rent of a rent priced per day."""
        self.ensure_one()
        rent = self._get_base_rent()
        events = []
        for esc in self.escalation_ids:
            events.extend((day, esc.sequence, esc.id, esc) for day in esc._application_dates())
        events.sort(key=lambda e: e[:3])
        changes = [(self.date_start, rent)]
        for day, _seq, _id, esc in events:
            rent = esc._apply(rent)
            if changes[-1][0] == day:
                changes[-1] = (day, rent)
            else:
                changes.append((day, rent))
        return changes

    def _get_billing_end(self):
        self.ensure_one()
        if self.date_terminated and self.date_terminated < self.date_end:
            return self.date_terminated
        return self.date_end

    def _get_billing_periods(self):
        """Billing periods [(start, end)], following the payment cycle and alignment."""
        self.ensure_one()
        months = CYCLE_MONTHS[self.payment_cycle]
        end = self._get_billing_end()
        periods = []
        if self.billing_alignment == "lease":
            k = 0
            while True:
                start = self.date_start + relativedelta(months=k * months)
                if start > end:
                    break
                natural_end = self.date_start + relativedelta(months=(k + 1) * months) - ONE_DAY
                periods.append((start, min(natural_end, end)))
                k += 1
        else:
            start = self.date_start
            while start <= end:
                block = date(start.year, ((start.month - 1) // months) * months + 1, 1)
                natural_end = block + relativedelta(months=months) - ONE_DAY
                periods.append((start, min(natural_end, end)))
                start = natural_end + ONE_DAY
        return periods

    def _iter_months(self, start, end):
        """Yield the (natural) rent months overlapping [start, end]: anchored on the start
        date for lease alignment, calendar months otherwise."""
        anchor = (
            self.date_start if self.billing_alignment == "lease" else self.date_start.replace(day=1)
        )
        k = (start.year - anchor.year) * 12 + start.month - anchor.month
        while anchor + relativedelta(months=k) > start:
            k -= 1
        while anchor + relativedelta(months=k + 1) <= start:
            k += 1
        while True:
            month_start = anchor + relativedelta(months=k)
            if month_start > end:
                return
            yield month_start, anchor + relativedelta(months=k + 1) - ONE_DAY
            k += 1

    def _period_months(self, start, end):
        """Length of [start, end] in rent months, day-exact (a full month counts 1)."""
        self.ensure_one()
        months = 0.0
        for month_start, month_end in self._iter_months(start, end):
            length = (month_end - month_start).days + 1
            days = (min(month_end, end) - max(month_start, start)).days + 1
            months += days / length
        return months

    def _get_period_amount(self, start, end, changes=None):
        """Rent of [start, end]: each day is worth (monthly rent of that day) / (days of its
        rent month), or its daily rent for a rent priced per day; rent-free days are worth
        nothing. A full month is worth exactly its monthly rent.
        Returns (amount rounded to the currency, number of rent-free days)."""
        self.ensure_one()
        changes = changes if changes is not None else self._get_rent_changes()
        daily = self._is_rent_daily()
        change_days = [c[0] for c in changes]
        free = [(f.date_start, f.date_end) for f in self.rent_free_ids]
        total = 0.0
        free_days = 0
        for month_start, month_end in self._iter_months(start, end):
            length = 1 if daily else (month_end - month_start).days + 1
            seg_start, seg_end = max(month_start, start), min(month_end, end)
            points = {seg_start, seg_end + ONE_DAY}
            points.update(d for d in change_days if seg_start < d <= seg_end)
            for f_start, f_end in free:
                points.update(p for p in (f_start, f_end + ONE_DAY) if seg_start < p <= seg_end)
            points = sorted(points)
            for a, b in pairwise(points):
                days = (b - a).days
                if any(f_start <= a and b - ONE_DAY <= f_end for f_start, f_end in free):
                    free_days += days
                    continue
                rate = changes[max(bisect_right(change_days, a) - 1, 0)][1]
                total += rate * days / length
        return self.currency_id.round(total), free_days

    def _get_due_date(self, period_start):
        """Payment due date of the period starting on `period_start`."""
        self.ensure_one()
        if self.due_type == "day":
            last = (period_start + relativedelta(day=31)).day
            return period_start.replace(day=min(self.due_day, last))
        return period_start - timedelta(days=self.payment_days_before_period)

    def _get_rent_schedule(self):
        """The rent schedule: one dict per billing period.

        The billing addon invoices exactly these amounts."""
        self.ensure_one()
        if not (self.date_start and self.date_end) or self.date_end <= self.date_start:
            return []
        changes = self._get_rent_changes()
        change_days = [c[0] for c in changes]
        schedule = []
        daily = self._is_rent_daily()
        for seq, (start, end) in enumerate(self._get_billing_periods(), start=1):
            rate = changes[max(bisect_right(change_days, start) - 1, 0)][1]
            amount, free_days = self._get_period_amount(start, end, changes)
            schedule.append(
                {
                    "sequence": seq,
                    "date_start": start,
                    "date_end": end,
                    "monthly_rent": self._get_monthly_rent_of(rate),
                    "daily_rent": rate if daily else 0.0,
                    "amount": amount,
                    "free_days": free_days,
                    "due_date": self._get_due_date(start),
                }
            )
        return schedule
