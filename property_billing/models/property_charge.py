# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyCharge(models.Model):
    """A one-off amount owed by the tenant, picked up by the lease's next rent invoice
    (repair charge-back, key replacement...)."""

    _name = "property.charge"
    _description = "Pending Tenant Charge"
    _order = "date desc, id desc"
    _check_company_auto = True

    lease_id = fields.Many2one(
        "property.lease", required=True, ondelete="restrict", index=True, check_company=True
    )
    # the parent's company; the current company on a new record, so that the
    # company-checked choices of an empty "New" form find records
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="lease_id.currency_id")
    partner_id = fields.Many2one(related="lease_id.partner_id", store=True)
    name = fields.Char(string="Description", required=True)
    product_id = fields.Many2one("product.product", check_company=True)
    amount = fields.Monetary(required=True, currency_field="currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    move_id = fields.Many2one(
        "account.move", string="Invoice", readonly=True, copy=False, index=True
    )
    late_fee_source_id = fields.Many2one(
        "account.move",
        string="Late Fee On",
        readonly=True,
        index="btree_not_null",
        help="The overdue invoice this late fee is charged on.",
    )
    state = fields.Selection(
        [("pending", "Pending"), ("invoiced", "Invoiced")],
        compute="_compute_state",
        store=True,
    )
    turnover_id = fields.Many2one(
        "property.lease.turnover",
        string="Turnover Declaration",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The turnover declaration whose top-up this charge bills.",
    )

    _sql_constraints = [
        (
            "turnover_uniq",
            "unique(turnover_id)",
            "A turnover declaration's top-up is charged once.",
        ),
    ]

    @api.depends("lease_id.company_id")
    def _compute_company_id(self):
        for charge in self:
            charge.company_id = charge.lease_id.company_id or self.env.company

    @api.depends("move_id")
    def _compute_state(self):
        for charge in self:
            charge.state = "invoiced" if charge.move_id else "pending"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        if self.filtered("move_id"):
            raise UserError(self.env._("An invoiced charge cannot be deleted."))

    def _get_product(self):
        self.ensure_one()
        return self.product_id or self.env.ref("property_billing.product_other_charge")

    def _prepare_invoice_line_vals(self):
        """Invoice line of this charge (on a rent invoice or invoiced on its own)."""
        self.ensure_one()
        return {
            "product_id": self._get_product().id,
            "name": self.name,
            "quantity": 1.0,
            "price_unit": self.amount,
            "property_charge_id": self.id,
        }

    def _action_invoice_separately(self, kind="charge"):
        """Invoice pending charges now, one invoice per lease."""
        by_lease = self.filtered(lambda c: not c.move_id).grouped("lease_id")
        moves = self.env["property.lease"]._create_separate_invoices(
            kind,
            {
                lease: [charge._prepare_invoice_line_vals() for charge in charges]
                for lease, charges in by_lease.items()
            },
        )
        for lease, charges in by_lease.items():
            charges.move_id = moves[lease]
        return self.env["account.move"].union(*moves.values())
