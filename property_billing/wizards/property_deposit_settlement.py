# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_amount

DEDUCTION_KINDS = [
    ("damage", "Damages"),
    ("cleaning", "Cleaning"),
    ("other", "Other"),
]


class PropertyDepositSettlement(models.TransientModel):
    """Move-out settlement of a lease's deposit: itemised deductions, open invoices paid from
    the deposit, the rest refunded (or part of it, the remainder staying held)."""

    _name = "property.deposit.settlement"
    _description = "Deposit Settlement"

    lease_id = fields.Many2one("property.lease", required=True, readonly=True)
    company_id = fields.Many2one(related="lease_id.company_id")
    currency_id = fields.Many2one(related="lease_id.currency_id")
    partner_id = fields.Many2one(related="lease_id.partner_id")
    deposit_balance = fields.Monetary(related="lease_id.deposit_balance")
    line_ids = fields.One2many("property.deposit.settlement.line", "wizard_id")
    unpaid_move_ids = fields.Many2many(
        "account.move",
        string="Unpaid Invoices to Settle",
        domain="[('property_lease_id', '=', lease_id), ('state', '=', 'posted'), "
        "('move_type', '=', 'out_invoice'), ('payment_state', 'in', ('not_paid', 'partial'))]",
    )
    amount_deductions = fields.Monetary(compute="_compute_amounts")
    amount_unpaid = fields.Monetary(compute="_compute_amounts")
    amount_refund = fields.Monetary(
        compute="_compute_amount_refund",
        store=True,
        readonly=False,
        help="Refunded to the tenant now; lower it for a partial refund (the rest stays held).",
    )
    refund_needs_manager = fields.Boolean(
        compute="_compute_refund_needs_manager",
        help="The refund is above the company's approval threshold: a Property Manager "
        "confirms it.",
    )
    refund_threshold = fields.Monetary(related="company_id.property_refund_approval_amount")
    refund_approved = fields.Monetary(related="lease_id.deposit_refund_approved")
    refund_journal_id = fields.Many2one(
        "account.journal",
        string="Pay Refund With",
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
        help="Empty: the refund stays as a credit note to pay later.",
    )

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self.env.context.get("active_model") == "property.lease":
            lease = self.env["property.lease"].browse(self.env.context.get("active_id"))
            res["lease_id"] = lease.id
            res["unpaid_move_ids"] = [
                Command.set(
                    lease.invoice_ids.filtered(
                        lambda m: (
                            m.state == "posted"
                            and m.move_type == "out_invoice"
                            and m.property_invoice_kind != "deposit"
                            and m.payment_state in ("not_paid", "partial")
                        )
                    ).ids
                )
            ]
        return res

    @api.depends("line_ids.amount", "unpaid_move_ids", "deposit_balance")
    def _compute_amounts(self):
        for wizard in self:
            wizard.amount_deductions = sum(wizard.line_ids.mapped("amount"))
            wizard.amount_unpaid = sum(wizard.unpaid_move_ids.mapped("amount_residual"))

    @api.depends("line_ids.amount", "unpaid_move_ids", "deposit_balance")
    def _compute_amount_refund(self):
        for wizard in self:
            wizard.amount_refund = max(
                wizard.deposit_balance - wizard.amount_deductions - wizard.amount_unpaid, 0.0
            )

    @api.depends("amount_refund", "company_id.property_refund_approval_amount")
    def _compute_refund_needs_manager(self):
        for wizard in self:
            wizard.refund_needs_manager = wizard._refund_needs_manager()

    def _refund_needs_manager(self):
        self.ensure_one()
        threshold = self.company_id.property_refund_approval_amount
        return (
            bool(threshold) and self.currency_id.compare_amounts(self.amount_refund, threshold) > 0
        )

    def _check_refund_approval(self):
        """A refund above the threshold needs a Property Manager: the caller is one (checked
        by groups), or one approved at least this amount on the lease beforehand."""
        self.ensure_one()
        lease = self.lease_id
        if not self._refund_needs_manager():
            return False
        if lease._property_is_manager():
            return True
        if self.currency_id.compare_amounts(lease.deposit_refund_approved, self.amount_refund) >= 0:
            return True
        raise AccessError(
            self.env._(
                "A deposit refund of %(refund)s is above the approval threshold %(threshold)s: "
                "a Property Manager approves it first (Request Approval).",
                refund=format_amount(self.env, self.amount_refund, self.currency_id),
                threshold=format_amount(self.env, self.refund_threshold, self.currency_id),
            )
        )

    def action_request_approval(self):
        """Ask a Property Manager to approve this refund (the settlement is done afterwards)."""
        self.ensure_one()
        if not self._refund_needs_manager():
            raise UserError(self.env._("This refund does not need an approval."))
        self.lease_id._request_deposit_refund_approval(self.amount_refund)
        return {"type": "ir.actions.act_window_close"}

    def action_confirm(self):
        """Post: a deductions invoice (damages...), one credit note releasing the used part of
        the deposit from the liability account, reconciled with the deductions and the unpaid
        invoices; the refund paid out if a journal is given."""
        self.ensure_one()
        approved = self._check_refund_approval()
        lease = self.lease_id
        currency = lease.currency_id
        used = self.amount_deductions + self.amount_unpaid + self.amount_refund
        if currency.compare_amounts(used, self.deposit_balance) > 0:
            raise UserError(
                self.env._(
                    "Deductions, unpaid invoices and refund (%(used)s) exceed the deposit held "
                    "(%(held)s).",
                    used=used,
                    held=self.deposit_balance,
                )
            )
        if currency.is_zero(used):
            raise UserError(self.env._("Nothing to settle."))
        Move = self.env["account.move"].with_company(lease.company_id)
        today = fields.Date.context_today(self)
        to_reconcile = self.unpaid_move_ids
        if self.line_ids:
            deductions = Move.create(
                lease._prepare_invoice_vals(
                    "settlement",
                    today,
                    line_vals_list=[line._prepare_invoice_line_vals() for line in self.line_ids],
                )
            )
            deductions.action_post()
            to_reconcile |= deductions
        credit_note = Move.create(
            lease._prepare_invoice_vals(
                "settlement",
                today,
                move_type="out_refund",
                line_vals_list=[
                    lease._prepare_deposit_invoice_line_vals(
                        used, self.env._("Deposit released - lease %(name)s", name=lease.name)
                    )
                ],
            )
        )
        credit_note.action_post()
        for move in to_reconcile:
            lines = (credit_note | move).line_ids.filtered(
                lambda line: (
                    line.account_id.account_type == "asset_receivable" and not line.reconciled
                )
            )
            lines.reconcile()
        if self.refund_journal_id and not currency.is_zero(self.amount_refund):
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=credit_note.ids
            ).create(
                {"journal_id": self.refund_journal_id.id, "amount": self.amount_refund}
            )._create_payments()
        lease.message_post(
            body=self.env._(
                "Deposit settled: %(deductions)s deducted, %(unpaid)s applied to unpaid "
                "invoices, %(refund)s refunded.",
                deductions=self.amount_deductions,
                unpaid=self.amount_unpaid,
                refund=self.amount_refund,
            )
        )
        if approved:
            lease._record_deposit_refund_settled(self.amount_refund)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", (to_reconcile | credit_note).ids)],
            "name": self.env._("Deposit Settlement"),
        }


class PropertyDepositSettlementLine(models.TransientModel):
    _name = "property.deposit.settlement.line"
    _description = "Deposit Deduction"

    wizard_id = fields.Many2one("property.deposit.settlement", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    kind = fields.Selection(DEDUCTION_KINDS, required=True, default="damage")
    name = fields.Char(string="Description", required=True)
    amount = fields.Monetary(required=True, currency_field="currency_id")

    def _get_label(self):
        self.ensure_one()
        return self.name

    def _get_product(self):
        self.ensure_one()
        return self.env.ref("property_billing.product_other_charge")

    def _prepare_invoice_line_vals(self):
        """Invoice line of this deduction on the settlement's deductions invoice."""
        self.ensure_one()
        return {
            "product_id": self._get_product().id,
            "name": self._get_label(),
            "quantity": 1.0,
            "price_unit": self.amount,
            "tax_ids": [Command.clear()],
        }
