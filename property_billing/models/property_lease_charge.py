# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from odoo.addons.property_tenant.models.property_lease import LEASE_FINANCE_GROUPS
from odoo.addons.property_tenant.models.property_rent_schedule_mixin import DAYS_PER_MONTH


class PropertyLeaseCharge(models.Model):
    """A recurring charge billed with the rent every period (management fee, parking...)."""

    _name = "property.lease.charge"
    _description = "Recurring Lease Charge"
    _order = "lease_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    lease_id = fields.Many2one("property.lease", required=True, ondelete="cascade", index=True)
    # the lease's company; the current company on a new charge, so that the
    # company-checked choices (product, cost pool) find records
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="lease_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        default=lambda self: self.env.ref(
            "property_billing.product_management_fee", raise_if_not_found=False
        ),
    )
    name = fields.Char(string="Description")
    basis = fields.Selection(
        [
            ("fixed", "Fixed per month"),
            ("m2", "Per m² per month"),
            ("m2_day", "Per m² per day"),
        ],
        default="fixed",
        required=True,
        help="Per m² per day: each period is billed for its actual days (price x area x days).",
    )
    price = fields.Monetary(
        required=True, currency_field="currency_id", groups=LEASE_FINANCE_GROUPS
    )
    cost_pool_id = fields.Many2one(
        "property.cost.pool",
        check_company=True,
        index="btree_not_null",
        help="This charge is the lease's monthly advance on the shared costs of the pool; "
        "the year-end reconciliation deducts what it billed from the tenant's actual share.",
    )
    monthly_amount = fields.Monetary(
        compute="_compute_monthly_amount",
        currency_field="currency_id",
        store=True,
        help="Amount of a full month; for a price per m² per day, of an average month "
        "(365 / 12 days).",
        groups=LEASE_FINANCE_GROUPS,
    )

    _sql_constraints = [
        ("price_positive", "CHECK(price >= 0)", "A recurring charge cannot be negative."),
    ]

    @api.depends("lease_id.company_id")
    def _compute_company_id(self):
        for charge in self:
            charge.company_id = charge.lease_id.company_id or self.env.company

    @api.depends("basis", "price", "lease_id.total_area")
    def _compute_monthly_amount(self):
        for charge in self:
            if charge.basis == "m2_day":
                charge.monthly_amount = charge.currency_id.round(
                    charge._get_daily_amount() * DAYS_PER_MONTH
                )
                continue
            quantity = charge.lease_id.total_area if charge.basis == "m2" else 1.0
            charge.monthly_amount = charge.currency_id.round(charge.price * quantity)

    def _get_daily_amount(self):
        """Amount of one day of a charge priced per m² per day (not rounded: the period's
        total is)."""
        self.ensure_one()
        return self.price * self.lease_id.total_area

    def _get_period_amount(self, months, days):
        """Amount of this charge for a billing period of `months` rent months and `days`
        days: the monthly amount x months, or the daily amount x days for a daily price."""
        self.ensure_one()
        if self.basis == "m2_day":
            return self.currency_id.round(self._get_daily_amount() * days)
        return self.currency_id.round(self.monthly_amount * months)

    def _prepare_invoice_line_vals(self, months, period, days=None):
        """Invoice line of this charge for a billing period of `months` rent months.

        :param period: the period as printed on the line
        :param days: the number of days of the period (billed by a daily price); without
            it, the period's nominal days (months x 365 / 12)"""
        self.ensure_one()
        label = self.name or self.product_id.display_name
        if days is None:
            days = months * DAYS_PER_MONTH
        return {
            "product_id": self.product_id.id,
            "name": f"{label}, {period}" if label else period,
            "quantity": 1.0,
            "price_unit": self._get_period_amount(months, days),
            "property_cost_pool_id": self.cost_pool_id.id,
        }

    # ------------------------------------------------------------ pool advances
    def action_compute_pool_advance(self):
        """Set each pool advance to last year's actual monthly share of its lease (see
        `_compute_pool_advance`)."""
        self.check_access("write")
        for charge in self:
            if not charge.cost_pool_id:
                raise UserError(
                    self.env._(
                        "The charge %(charge)s of lease %(lease)s is not an advance on a "
                        "cost pool.",
                        charge=charge.name or charge.product_id.display_name,
                        lease=charge.lease_id.name,
                    )
                )
            charge.write({"basis": "fixed", "price": charge._compute_pool_advance()})
        return True

    def _get_pool_advance_reference_period(self):
        """(first day, last day) of the actuals an advance is computed from: the 12 full
        months before the current one."""
        date_to = fields.Date.context_today(self).replace(day=1) - relativedelta(days=1)
        return date_to + relativedelta(days=1, months=-12), date_to

    def _compute_pool_advance(self):
        """Monthly advance of the lease on the pool: its actual share of the reference
        period divided by 12, scaled to the whole period when the lease occupied its units
        for part of it only. The pool's actual costs are read as superuser (vendor bills):
        only the resulting amount leaves this method."""
        self.ensure_one()
        date_from, date_to = self._get_pool_advance_reference_period()
        rows = [
            row
            for row in self.cost_pool_id.sudo()._get_allocation(date_from, date_to)
            if row["lease_id"] == self.lease_id.id
        ]
        days = max((row["days"] for row in rows), default=0)
        if not days:
            raise UserError(
                self.env._(
                    "Lease %(lease)s has no actual share of pool %(pool)s from %(date_from)s "
                    "to %(date_to)s: set its advance by hand.",
                    lease=self.lease_id.name,
                    pool=self.cost_pool_id.display_name,
                    date_from=format_date(self.env, date_from),
                    date_to=format_date(self.env, date_to),
                )
            )
        period_days = (date_to - date_from).days + 1
        amount = sum(row["amount"] for row in rows) * period_days / days / 12
        return self.currency_id.round(amount)
