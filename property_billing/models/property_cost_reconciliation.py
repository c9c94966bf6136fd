# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

import psycopg2.errors

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date

from odoo.addons.property_tenant.models.row_lock import lock_for_update

from .property_lease import BATCH_CONTEXT


class PropertyCostReconciliation(models.Model):
    """The true-up of a cost pool over a period: each lease's actual share of the pool's
    costs against the advances it was billed, settled by one balancing invoice or credit
    note per lease. Accountants compute and issue it; a period of a pool is settled once."""

    _name = "property.cost.reconciliation"
    _description = "Shared Cost Reconciliation"
    _inherit = ["mail.thread"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    pool_id = fields.Many2one(
        "property.cost.pool",
        string="Cost Pool",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
    )
    building_id = fields.Many2one(related="pool_id.building_id")
    split_key = fields.Selection(related="pool_id.split_key")
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("computed", "Computed"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    cost_ids = fields.One2many(
        "property.cost.reconciliation.cost", "reconciliation_id", string="Costs", readonly=True
    )
    line_ids = fields.One2many(
        "property.cost.reconciliation.line", "reconciliation_id", string="Leases", readonly=True
    )
    amount_cost = fields.Monetary(string="Total Costs", compute="_compute_amounts", store=True)
    amount_share = fields.Monetary(string="Tenants' Share", compute="_compute_amounts", store=True)
    amount_vacancy = fields.Monetary(
        string="Vacancy Cost",
        readonly=True,
        copy=False,
        help="The share of the vacant units: it stays with the landlord.",
    )
    amount_advance = fields.Monetary(
        string="Advances Billed", compute="_compute_amounts", store=True
    )
    amount_balance = fields.Monetary(string="Balance", compute="_compute_amounts", store=True)
    move_ids = fields.Many2many("account.move", compute="_compute_move_ids", string="True-ups")
    move_count = fields.Integer(compute="_compute_move_ids")

    _sql_constraints = [
        ("dates_check", "CHECK(date_from <= date_to)", "A reconciliation ends after it starts.")
    ]

    @api.depends("pool_id.name", "date_from", "date_to")
    def _compute_name(self):
        for rec in self:
            rec.name = self.env._(
                "%(pool)s, %(date_from)s - %(date_to)s",
                pool=rec.pool_id.name or "",
                date_from=format_date(self.env, rec.date_from),
                date_to=format_date(self.env, rec.date_to),
            )

    @api.depends("cost_ids.amount", "line_ids.amount_share", "line_ids.amount_advance")
    def _compute_amounts(self):
        for rec in self:
            rec.amount_cost = sum(rec.cost_ids.mapped("amount"))
            rec.amount_share = sum(rec.line_ids.mapped("amount_share"))
            rec.amount_advance = sum(rec.line_ids.mapped("amount_advance"))
            rec.amount_balance = rec.amount_share - rec.amount_advance

    @api.depends("line_ids.move_id")
    def _compute_move_ids(self):
        for rec in self:
            rec.move_ids = rec.line_ids.move_id
            rec.move_count = len(rec.move_ids)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(rec.state == "done" for rec in self):
            raise UserError(self.env._("A reconciliation whose true-ups are issued stays."))

    # ------------------------------------------------------------------ actions
    def action_compute(self):
        """Compute (or compute again) each lease's actual share and advances."""
        self._check_invoicing_user()
        for rec in self:
            if rec.state == "done":
                raise UserError(
                    self.env._("Reconciliation %(name)s is already issued.", name=rec.name)
                )
            rec._check_period_free()
            rec.write({**rec._prepare_computed_vals(), "state": "computed"})
        return True

    def action_draft(self):
        self._check_invoicing_user()
        if any(rec.state == "done" for rec in self):
            raise UserError(self.env._("A reconciliation whose true-ups are issued stays."))
        self.write(
            {
                "state": "draft",
                "line_ids": [Command.clear()],
                "cost_ids": [Command.clear()],
                "amount_vacancy": 0.0,
            }
        )
        return True

    def action_issue(self):
        """Issue and post one balancing invoice (share above the advances) or credit note
        (advances above the share) per lease. A period of a pool is settled once: the pool
        and reconciliation rows are locked, other issued reconciliations and true-ups of the
        same pool and period are refused, and a unique index on the invoices is the last
        line of defence."""
        self._check_invoicing_user()
        for rec in self:
            if rec.state != "computed":
                raise UserError(
                    self.env._("Compute reconciliation %(name)s before issuing it.", name=rec.name)
                )
            rec._lock_for_issue()
            rec._check_period_free()
            rec._issue_moves()
            rec.state = "done"
        return True

    def action_view_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.move_ids.ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------ business methods
    def _check_invoicing_user(self):
        if not self.env.su and not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only invoicing users run shared cost reconciliations."))

    def _lock_for_issue(self):
        """Serialise the issue of the pool's reconciliations: the pool's and this record's
        rows are locked by an update, so a concurrent issue waits, fails to serialise and is
        retried on a snapshot that sees this one (see `lock_for_update`)."""
        self.ensure_one()
        lock_for_update(self.pool_id)
        lock_for_update(self)
        self.invalidate_recordset(["state"])
        if self.state != "computed":
            raise UserError(
                self.env._("Reconciliation %(name)s is already issued.", name=self.name)
            )

    def _check_period_free(self):
        """No other issued reconciliation of the pool overlaps this period."""
        self.ensure_one()
        other = self.search(
            [
                ("id", "!=", self.id),
                ("pool_id", "=", self.pool_id.id),
                ("state", "=", "done"),
                ("date_from", "<=", self.date_to),
                ("date_to", ">=", self.date_from),
            ],
            limit=1,
        )
        if other:
            raise UserError(
                self.env._(
                    "Pool %(pool)s is already settled for this period by reconciliation "
                    "%(other)s: a period is billed once.",
                    pool=self.pool_id.display_name,
                    other=other.name,
                )
            )

    def _prepare_computed_vals(self):
        """Costs, vacancy and lease lines of the period from the pool's allocation."""
        self.ensure_one()
        pool = self.pool_id
        costs = pool._get_costs(self.date_from, self.date_to)
        rows_by_lease = defaultdict(list)
        vacancy = 0.0
        for row in pool._get_allocation(self.date_from, self.date_to, costs=costs):
            if row["lease_id"]:
                rows_by_lease[row["lease_id"]].append(row)
            else:
                vacancy += row["amount"]
        leases = self.env["property.lease"].browse(list(rows_by_lease))
        advances = self._get_advances(leases)
        return {
            "amount_vacancy": self.currency_id.round(vacancy),
            "cost_ids": [Command.clear()]
            + [Command.create(self._prepare_cost_vals(cost)) for cost in costs],
            "line_ids": [Command.clear()]
            + [
                Command.create(
                    self._prepare_line_vals(lease, rows_by_lease[lease.id], advances[lease.id])
                )
                for lease in leases
            ],
        }

    def _prepare_cost_vals(self, cost):
        return {
            "source": cost["source"],
            "name": cost["name"],
            "amount": cost["amount"],
            "move_line_id": cost.get("move_line_id") or False,
            "common_consumption_id": cost.get("common_consumption_id") or False,
        }

    def _prepare_line_vals(self, lease, rows, advance):
        """One lease's line from its allocation rows (one per unit and occupancy)."""
        return {
            "lease_id": lease.id,
            "partner_id": lease.partner_id.id,
            "unit_ids": [Command.set(sorted({row["unit_id"] for row in rows}))],
            "occupancy_from": min(row["date_from"] for row in rows),
            "occupancy_to": max(row["date_to"] for row in rows),
            "days": max(row["days"] for row in rows),
            "weight": sum(row["weight"] for row in rows),
            "share": sum(row["share"] for row in rows),
            "amount_share": self.currency_id.round(sum(row["amount"] for row in rows)),
            "amount_advance": advance,
        }

    def _get_advances_domain(self, leases):
        """Invoice lines of the pool's advances billed to the leases for periods with days in
        the reconciliation's dates, credit notes included (true-ups excluded)."""
        self.ensure_one()
        return [
            ("property_cost_pool_id", "=", self.pool_id.id),
            ("move_id.property_lease_id", "in", leases.ids),
            ("parent_state", "=", "posted"),
            ("move_id.move_type", "in", ("out_invoice", "out_refund")),
            ("move_id.property_invoice_kind", "!=", "pool"),
            *self.pool_id._get_billed_period_domain(self.date_from, self.date_to),
            ("display_type", "=", "product"),
        ]

    def _get_advances(self, leases):
        """{lease id: advances billed, net of credit notes, untaxed}. An advance billed for a
        period straddling the reconciliation's (a quarter December - February) counts for its
        days inside it; the next reconciliation deducts the rest (see
        `property.cost.pool._get_period_part`)."""
        advances = defaultdict(float)
        lines = self.env["account.move.line"].search(self._get_advances_domain(leases))
        parts = self.pool_id._get_billed_parts(lines, self.date_from, self.date_to)
        for move, part in parts.items():
            advances[move.property_lease_id.id] += part
        return {lease.id: self.currency_id.round(advances[lease.id]) for lease in leases}

    def _get_trueup_product(self):
        self.ensure_one()
        return self.pool_id.advance_product_id or self.env.ref(
            "property_billing.product_other_charge"
        )

    def _issue_moves(self):
        """Create and post the balancing invoices and credit notes; link them to the lines."""
        self.ensure_one()
        lines = self.line_ids.filtered(
            lambda line: not line.move_id and not self.currency_id.is_zero(line.amount_balance)
        )
        if not lines:
            return self.env["account.move"]
        issued = self.env["account.move"].search_count(
            [
                ("property_invoice_kind", "=", "pool"),
                ("property_cost_pool_id", "=", self.pool_id.id),
                ("property_lease_id", "in", lines.lease_id.ids),
                ("property_period_start", "=", self.date_from),
                ("property_period_end", "=", self.date_to),
                ("state", "!=", "cancel"),
                ("reversed_entry_id", "=", False),
                ("payment_state", "!=", "reversed"),
            ],
            limit=1,
        )
        if issued:
            raise UserError(self._trueup_issued_message())
        product = self._get_trueup_product()
        journal = self.company_id._property_get_rent_journal()
        vals_list = [line._prepare_move_vals(product, journal) for line in lines]
        Move = self.env["account.move"].with_context(**BATCH_CONTEXT)
        try:
            with self.env.cr.savepoint():
                moves = Move.create(vals_list)
                moves.action_post()
        except psycopg2.errors.UniqueViolation as e:
            raise UserError(self._trueup_issued_message()) from e
        for line, move in zip(lines, moves, strict=True):
            line.move_id = move
        return moves

    def _trueup_issued_message(self):
        return self.env._(
            "A true-up of pool %(pool)s from %(date_from)s to %(date_to)s is already issued "
            "to one of these leases: a period is billed once.",
            pool=self.pool_id.display_name,
            date_from=format_date(self.env, self.date_from),
            date_to=format_date(self.env, self.date_to),
        )
