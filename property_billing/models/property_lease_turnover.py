# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_amount

from odoo.addons.property_tenant.models.row_lock import lock_for_update


class PropertyLeaseTurnover(models.Model):
    """A shop tenant's declared turnover (营业额) for a period, and the turnover rent it
    owes above the period's minimum rent (保底 + 抽成).

    Confirming a declaration turns its top-up, max(0, rate x turnover - minimum rent), into
    a pending tenant charge: the lease's next rent invoice bills it as its own line (or it
    is invoiced on its own from the charge). One declaration per lease and period start,
    one charge per declaration: both are unique in the database, so a period's top-up is
    never billed twice."""

    _name = "property.lease.turnover"
    _description = "Declared Turnover"
    _inherit = ["property.import.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _rec_name = "lease_id"

    lease_id = fields.Many2one(
        "property.lease",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('turnover_rate', '>', 0)]",
    )
    # the lease's company; the current company on a new record, so that the
    # company-checked choices of an empty "New" form find records
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="lease_id.currency_id")
    partner_id = fields.Many2one(related="lease_id.partner_id", store=True, string="Tenant")
    date_start = fields.Date(string="Period Start", required=True)
    date_end = fields.Date(string="Period End", required=True)
    amount = fields.Monetary(string="Declared Turnover", required=True)
    turnover_rate = fields.Float(
        string="Turnover Rate (%)",
        compute="_compute_turnover_rate",
        store=True,
        precompute=True,
        readonly=False,
        digits=(16, 2),
        help="Share of the turnover owed as rent; the lease's rate by default.",
    )
    minimum_rent = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        help="Rent of the period on the lease's schedule (escalations and rent-free days "
        "applied): the guaranteed minimum.",
    )
    turnover_rent = fields.Monetary(compute="_compute_amounts", store=True)
    topup_amount = fields.Monetary(
        string="Top-up",
        compute="_compute_amounts",
        store=True,
        help="Turnover rent above the minimum rent, billed on its own line: "
        "max(0, rate x turnover - minimum rent).",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("invoiced", "Invoiced")],
        compute="_compute_state",
        store=True,
        index=True,
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    confirmed_on = fields.Datetime(readonly=True, copy=False)
    charge_id = fields.Many2one(
        "property.charge", string="Top-up Charge", readonly=True, copy=False, index=True
    )
    move_id = fields.Many2one(related="charge_id.move_id", string="Invoice")
    note = fields.Char()

    _sql_constraints = [
        (
            "lease_period_uniq",
            "unique(lease_id, date_start)",
            "A lease has one turnover declaration per period.",
        ),
        ("dates_check", "CHECK(date_end >= date_start)", "A period ends on or after its start."),
        ("amount_positive", "CHECK(amount >= 0)", "A declared turnover cannot be negative."),
        (
            "rate_range",
            "CHECK(turnover_rate >= 0 AND turnover_rate <= 100)",
            "A turnover rate is a percentage between 0 and 100.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("lease_id.company_id")
    def _compute_company_id(self):
        for turnover in self:
            turnover.company_id = turnover.lease_id.company_id or self.env.company

    @api.depends("lease_id")
    def _compute_turnover_rate(self):
        for turnover in self:
            if not turnover.confirmed_on:
                turnover.turnover_rate = turnover.lease_id.turnover_rate

    @api.depends("lease_id", "date_start", "date_end", "amount", "turnover_rate")
    def _compute_amounts(self):
        for turnover in self:
            # a new declaration without its lease yet: the company's currency
            currency = turnover.currency_id or turnover.company_id.currency_id
            minimum = turnover._get_minimum_rent()
            rent = currency.round(turnover.amount * turnover.turnover_rate / 100.0)
            turnover.minimum_rent = minimum
            turnover.turnover_rent = rent
            turnover.topup_amount = max(0.0, currency.round(rent - minimum))

    @api.depends("confirmed_on", "charge_id.move_id")
    def _compute_state(self):
        for turnover in self:
            if turnover.charge_id.move_id:
                turnover.state = "invoiced"
            elif turnover.confirmed_on:
                turnover.state = "confirmed"
            else:
                turnover.state = "draft"

    def _get_minimum_rent(self):
        """The period's minimum rent: the lease's rent over the declaration's days."""
        self.ensure_one()
        lease = self.lease_id.sudo()
        if not (lease and self.date_start and self.date_end and self.date_end >= self.date_start):
            return 0.0
        return lease._get_period_amount(self.date_start, self.date_end)[0]

    # --------------------------------------------------------------- constraints
    @api.constrains("lease_id", "date_start", "date_end")
    def _check_period(self):
        for turnover in self:
            lease = turnover.lease_id
            if turnover.date_start < lease.date_start or turnover.date_end > (
                lease._get_billing_end()
            ):
                raise ValidationError(
                    self.env._(
                        "The turnover period of %(lease)s must lie within the lease "
                        "(%(start)s - %(end)s).",
                        lease=lease.name,
                        start=lease.date_start,
                        end=lease._get_billing_end(),
                    )
                )
            overlap = self.search_count(
                [
                    ("id", "!=", turnover.id),
                    ("lease_id", "=", lease.id),
                    ("date_start", "<=", turnover.date_end),
                    ("date_end", ">=", turnover.date_start),
                ],
                limit=1,
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "Lease %(lease)s already has a turnover declaration overlapping "
                        "%(start)s - %(end)s.",
                        lease=lease.name,
                        start=turnover.date_start,
                        end=turnover.date_end,
                    )
                )

    # ---------------------------------------------------------------------- CRUD
    def write(self, vals):
        locked = {"lease_id", "date_start", "date_end", "amount", "turnover_rate"}
        if set(vals) & locked and any(t.state != "draft" for t in self):
            raise UserError(
                self.env._("A confirmed turnover declaration cannot be changed: reset it first.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed(self):
        if any(t.state != "draft" for t in self):
            raise UserError(self.env._("A confirmed turnover declaration cannot be deleted."))

    # ------------------------------------------------------------------- actions
    def action_confirm(self):
        """Check the declaration: its top-up becomes a pending charge of the lease."""
        self.check_access("write")
        lock_for_update(self)
        self.invalidate_recordset(["confirmed_on", "charge_id", "state"])
        todo = self.filtered(lambda t: t.state == "draft")
        for turnover in todo:
            # the amounts as of now (the lease's schedule may have changed since entry)
            turnover._compute_amounts()
        charges = self.env["property.charge"].create(
            [
                turnover._prepare_charge_vals()
                for turnover in todo
                if not turnover.currency_id.is_zero(turnover.topup_amount)
            ]
        )
        by_turnover = {charge.turnover_id: charge for charge in charges}
        for turnover in todo:
            turnover.write(
                {
                    "confirmed_by_id": self.env.user.id,
                    "confirmed_on": fields.Datetime.now(),
                    "charge_id": by_turnover.get(turnover, self.env["property.charge"]).id,
                }
            )
        return True

    def action_reset_draft(self):
        """Back to draft (to correct a declaration) while its top-up is not invoiced."""
        self.check_access("write")
        lock_for_update(self)
        self.invalidate_recordset(["charge_id", "state"])
        if any(t.state == "invoiced" for t in self):
            raise UserError(
                self.env._(
                    "The top-up of this turnover declaration is invoiced: correct it with a "
                    "credit note, not by changing the declaration."
                )
            )
        charges = self.charge_id
        self.write({"confirmed_by_id": False, "confirmed_on": False, "charge_id": False})
        # the pending charges this declaration created (the caller may write it, not
        # necessarily delete charges)
        charges.sudo().unlink()
        return True

    # ----------------------------------------------------------------- business
    def _get_charge_product(self):
        return self.env.ref("property_billing.product_turnover_rent")

    def _prepare_charge_vals(self):
        """Values of the pending charge that bills the top-up (on the next rent invoice)."""
        self.ensure_one()
        lease = self.lease_id
        env = self.with_context(lang=lease._get_tenant_lang()).env
        currency = self.currency_id
        # not inline in the call: Babel's extractor evaluates its arguments and drops a
        # term with an f-string in them
        period = lease._get_period_label(self.date_start, self.date_end)
        rate = f"{self.turnover_rate:g}"
        name = env._(
            "Turnover rent %(period)s: %(rate)s%% of %(turnover)s above the minimum rent "
            "%(minimum)s",
            period=period,
            rate=rate,
            turnover=format_amount(env, self.amount, currency),
            minimum=format_amount(env, self.minimum_rent, currency),
        )
        return {
            "lease_id": lease.id,
            "name": name,
            "product_id": self._get_charge_product().id,
            "amount": self.topup_amount,
            "date": self.date_end,
            "turnover_id": self.id,
        }
