# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class PropertyCostReconciliationLine(models.Model):
    """One lease of a reconciliation: its actual share of the pool's costs, the advances it
    was billed and the balance its true-up invoice (or credit note) settles. The tenant
    reads their own statement of it on the portal."""

    _name = "property.cost.reconciliation.line"
    _description = "Shared Cost Reconciliation Lease"
    _order = "reconciliation_id, lease_id, id"
    _check_company_auto = True

    reconciliation_id = fields.Many2one(
        "property.cost.reconciliation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="reconciliation_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="reconciliation_id.currency_id")
    state = fields.Selection(related="reconciliation_id.state", store=True, index=True)
    name = fields.Char(related="reconciliation_id.name")
    date_from = fields.Date(related="reconciliation_id.date_from", store=True)
    date_to = fields.Date(related="reconciliation_id.date_to", store=True)
    lease_id = fields.Many2one(
        "property.lease", required=True, index=True, check_company=True, readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Tenant", index=True, readonly=True)
    unit_ids = fields.Many2many("property.unit", string="Units", readonly=True)
    # the statement's heading, readable by whoever reads the line (an accountant who runs
    # reconciliations reads no lease nor unit): the lease's reference and the units' names only
    lease_name = fields.Char(related="lease_id.name", string="Lease Reference")
    unit_names = fields.Char(compute="_compute_unit_names", compute_sudo=True)
    occupancy_from = fields.Date(readonly=True)
    occupancy_to = fields.Date(readonly=True)
    days = fields.Integer(readonly=True, help="Days the lease occupied its units in the period.")
    weight = fields.Float(
        readonly=True, digits=(16, 4), help="Key value of the lease's units times their days."
    )
    share = fields.Float(readonly=True, digits=(16, 6), help="Share of the pool's costs (0-1).")
    share_percent = fields.Float(
        compute="_compute_share_percent", string="Share (%)", digits=(16, 4)
    )
    amount_share = fields.Monetary(string="Actual Share", readonly=True)
    amount_advance = fields.Monetary(string="Advances Billed", readonly=True)
    amount_balance = fields.Monetary(
        string="Balance",
        compute="_compute_amount_balance",
        store=True,
        help="Positive: the tenant owes it (invoice); negative: refunded (credit note).",
    )
    move_id = fields.Many2one("account.move", string="True-up", readonly=True, copy=False)

    _sql_constraints = [
        (
            "lease_uniq",
            "UNIQUE(reconciliation_id, lease_id)",
            "A lease appears once in a reconciliation.",
        )
    ]

    @api.depends("share")
    def _compute_share_percent(self):
        for line in self:
            line.share_percent = line.share * 100

    @api.depends("unit_ids.display_name")
    def _compute_unit_names(self):
        for line in self:
            line.unit_names = ", ".join(line.unit_ids.mapped("display_name"))

    @api.depends("amount_share", "amount_advance")
    def _compute_amount_balance(self):
        for line in self:
            line.amount_balance = line.currency_id.round(line.amount_share - line.amount_advance)

    def _prepare_move_line_vals(self, product):
        """The one invoice line of the lease's true-up."""
        self.ensure_one()
        return {
            "product_id": product.id,
            "name": self.env._("Shared cost true-up: %(name)s", name=self.name),
            "quantity": 1.0,
            "price_unit": abs(self.amount_balance),
            "property_cost_pool_id": self.reconciliation_id.pool_id.id,
        }

    def _prepare_move_vals(self, product, journal):
        """The lease's balancing invoice (or credit note), built by the lease's invoice hook."""
        self.ensure_one()
        rec = self.reconciliation_id
        vals = self.lease_id._prepare_invoice_vals(
            "pool",
            fields.Date.context_today(self),
            journal=journal,
            move_type="out_invoice" if self.amount_balance > 0 else "out_refund",
            line_vals_list=[self._prepare_move_line_vals(product)],
        )
        vals.update(
            {
                "property_cost_pool_id": rec.pool_id.id,
                "property_period_start": rec.date_from,
                "property_period_end": rec.date_to,
            }
        )
        return vals

    def action_print_statement(self):
        self.ensure_one()
        return self.env.ref("property_billing.action_report_cost_statement").report_action(self)
