# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import fields, models

from .property_lease import LEASE_FINANCE_GROUPS


class PropertyLeaseEscalation(models.Model):
    _name = "property.lease.escalation"
    _inherit = ["property.lease.schedule.term"]
    _description = "Rent Escalation Clause"
    _order = "lease_id, sequence, id"

    lease_id = fields.Many2one("property.lease", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="lease_id.company_id", store=True)
    currency_id = fields.Many2one(related="lease_id.currency_id")
    sequence = fields.Integer(default=10)
    escalation_type = fields.Selection(
        [("fixed", "Fixed amount"), ("percent", "Percentage")], required=True, default="percent"
    )
    value = fields.Float(
        required=True,
        help="Amount per month (per day for a rent priced per m² per day), or percentage, "
        "added at each step.",
        groups=LEASE_FINANCE_GROUPS,
    )
    date_start = fields.Date(
        string="First Increase On", help="Defaults to the lease start plus the interval."
    )
    interval_months = fields.Integer(
        string="Every (months)", default=12, help="0 applies the increase only once."
    )
    cap_amount = fields.Monetary(
        string="Monthly Rent Cap",
        currency_field="currency_id",
        help="Rent never rises above this (0: no cap); a daily rent for a rent priced per m² "
        "per day.",
        groups=LEASE_FINANCE_GROUPS,
    )

    _sql_constraints = [
        (
            "interval_positive",
            "CHECK(interval_months >= 0)",
            "The escalation interval cannot be negative.",
        ),
        ("cap_positive", "CHECK(cap_amount >= 0)", "The rent cap cannot be negative."),
    ]

    def _application_dates(self):
        self.ensure_one()
        lease = self.lease_id
        first = self.date_start or lease.date_start + relativedelta(
            months=self.interval_months or 12
        )
        if not self.interval_months:
            return [first] if first <= lease.date_end else []
        dates, n = [], 0
        while True:
            day = first + relativedelta(months=n * self.interval_months)
            if day > lease.date_end:
                return dates
            dates.append(day)
            n += 1

    def _apply(self, rent):
        self.ensure_one()
        if self.escalation_type == "fixed":
            new_rent = rent + self.value
        else:
            new_rent = rent * (1 + self.value / 100.0)
        if self.cap_amount and new_rent > self.cap_amount:
            # never above the cap, but a rent already above it is not lowered either
            new_rent = max(rent, self.cap_amount)
        return self.lease_id.currency_id.round(new_rent)
