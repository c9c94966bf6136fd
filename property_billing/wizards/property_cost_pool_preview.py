# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.tools import format_date


class PropertyCostPoolPreview(models.TransientModel):
    """The split of one or more cost pools over a period, per unit and occupant: the
    pool's "Preview Allocation" and the Shared Costs report (costs, the tenants' shares and
    the vacancy cost the landlord keeps)."""

    _name = "property.cost.pool.preview"
    _description = "Shared Cost Allocation"

    pool_ids = fields.Many2many(
        "property.cost.pool",
        string="Cost Pools",
        required=True,
        default=lambda self: self._default_pool_ids(),
    )
    date_from = fields.Date(required=True, default=lambda self: self._default_date_from())
    date_to = fields.Date(required=True, default=lambda self: self._default_date_to())
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("property.cost.pool.preview.line", "preview_id", readonly=True)
    cost_ids = fields.One2many("property.cost.pool.preview.cost", "preview_id", readonly=True)
    total_cost = fields.Monetary(compute="_compute_totals", string="Costs")
    tenant_amount = fields.Monetary(compute="_compute_totals", string="Tenants' Shares")
    vacancy_amount = fields.Monetary(compute="_compute_totals", string="Vacancy Cost")
    recovered_amount = fields.Monetary(
        compute="_compute_totals",
        string="Recovered",
        help="Billed to the tenants on the pools: advances and true-ups, net of credit notes.",
    )
    computed = fields.Boolean(readonly=True)

    def _default_pool_ids(self):
        return self.env["property.cost.pool"].search([("company_id", "=", self.env.company.id)])

    def _default_date_from(self):
        """The last twelve full months."""
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=12)

    def _default_date_to(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(days=1)

    @api.depends("date_from", "date_to")
    def _compute_display_name(self):
        for preview in self:
            preview.display_name = self.env._(
                "Shared costs %(date_from)s - %(date_to)s",
                date_from=format_date(self.env, preview.date_from),
                date_to=format_date(self.env, preview.date_to),
            )

    @api.depends(
        "line_ids.amount", "line_ids.is_vacant", "line_ids.recovered_amount", "cost_ids.amount"
    )
    def _compute_totals(self):
        for preview in self:
            preview.total_cost = sum(preview.cost_ids.mapped("amount"))
            vacant = preview.line_ids.filtered("is_vacant")
            preview.vacancy_amount = sum(vacant.mapped("amount"))
            preview.tenant_amount = sum((preview.line_ids - vacant).mapped("amount"))
            preview.recovered_amount = sum(preview.line_ids.mapped("recovered_amount"))

    def _prepare_line_vals(self, pool, row):
        return {
            "pool_id": pool.id,
            "unit_id": row["unit_id"],
            "lease_id": row["lease_id"],
            "partner_id": row["partner_id"],
            "date_from": row["date_from"],
            "date_to": row["date_to"],
            "days": row["days"],
            "weight": row["weight"],
            "share": row["share"] * 100.0,
            "amount": row["amount"],
            "advance_amount": row.get("advance", 0.0),
            "trueup_amount": row.get("trueup", 0.0),
        }

    def _prepare_cost_vals(self, pool, cost):
        return {
            "pool_id": pool.id,
            "source": cost["source"],
            "name": cost["name"],
            "amount": cost["amount"],
            "move_line_id": cost["move_line_id"],
            "common_consumption_id": cost["common_consumption_id"],
        }

    def _get_billed_domain(self, pool, lease_ids):
        """Posted invoice and credit note lines of the pool's advances and true-ups billed to
        the leases for periods with days in the range."""
        return [
            ("property_cost_pool_id", "=", pool.id),
            ("move_id.property_lease_id", "in", lease_ids),
            ("parent_state", "=", "posted"),
            ("move_id.move_type", "in", ("out_invoice", "out_refund")),
            *pool._get_billed_period_domain(self.date_from, self.date_to),
            ("display_type", "=", "product"),
        ]

    def _get_billed(self, pool, lease_ids):
        """{lease id: {"advance": untaxed advances billed, "trueup": untaxed true-ups}} of the
        pool, net of credit notes, for their days in the range (like the reconciliation's
        advances)."""
        billed = defaultdict(lambda: {"advance": 0.0, "trueup": 0.0})
        lines = self.env["account.move.line"].search(self._get_billed_domain(pool, lease_ids))
        for move, part in pool._get_billed_parts(lines, self.date_from, self.date_to).items():
            kind = "trueup" if move.property_invoice_kind == "pool" else "advance"
            billed[move.property_lease_id.id][kind] += part
        return billed

    def _add_billed(self, pool, rows):
        """Each row's part of what its lease was billed on the pool (a lease of several
        units: in proportion to their shares)."""
        rows_by_lease = defaultdict(list)
        for row in rows:
            if row["lease_id"]:
                rows_by_lease[row["lease_id"]].append(row)
        billed = self._get_billed(pool, list(rows_by_lease))
        for row in rows:
            row["advance"] = row["trueup"] = 0.0
        for lease_id, lease_rows in rows_by_lease.items():
            weights = [row["amount"] or row["days"] for row in lease_rows]
            for kind in ("advance", "trueup"):
                total = pool.currency_id.round(billed[lease_id][kind])
                for row, part in zip(lease_rows, pool._split_amount(total, weights), strict=True):
                    row[kind] = part
        return rows

    def action_compute(self):
        """Fill the allocation and cost lines of the period, pool by pool."""
        self.ensure_one()
        lines, costs = [Command.clear()], [Command.clear()]
        for pool in self.pool_ids:
            pool_costs = pool._get_costs(self.date_from, self.date_to)
            costs += [Command.create(self._prepare_cost_vals(pool, cost)) for cost in pool_costs]
            rows = self._add_billed(
                pool, pool._get_allocation(self.date_from, self.date_to, costs=pool_costs)
            )
            lines += [Command.create(self._prepare_line_vals(pool, row)) for row in rows]
        self.write({"line_ids": lines, "cost_ids": costs, "computed": True})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new" if self.env.context.get("dialog") else "current",
            "name": self.env._("Shared Cost Allocation"),
        }

    def action_open_report(self):
        """The computed lines as an analysis (pivot by building, pool and unit)."""
        self.ensure_one()
        if not self.computed:
            self.action_compute()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_cost_pool_preview_line_action"
        )
        action["domain"] = [("preview_id", "=", self.id)]
        return action
