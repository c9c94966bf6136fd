# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields, models

DEPOSIT_ACCOUNT_CODE = "219100"


class ResCompany(models.Model):
    _inherit = "res.company"

    property_rent_journal_id = fields.Many2one(
        "account.journal",
        string="Rent Journal",
        domain="[('type', '=', 'sale'), ('company_id', '=', id)]",
        help="Sales journal of rent, deposit and utility invoices. Empty: the first sales journal.",
    )
    property_refund_approval_amount = fields.Monetary(
        string="Deposit Refund Approval Threshold",
        currency_field="currency_id",
        default=0.0,
        help="A deposit refund above this amount is confirmed by a Property Manager only "
        "(0: no threshold, finance confirms every refund).",
    )
    property_invoice_issue_days_before = fields.Integer(
        string="Invoice Issue Days Before Period",
        default=10,
        help="Rent invoices are issued this many days before their billing period starts "
        "(when they are due is set on each lease).",
    )
    property_deposit_account_id = fields.Many2one(
        "account.account",
        string="Deposit Liability Account",
        domain="[('account_type', 'in', ('liability_current', 'liability_non_current'))]",
        help="Security deposits are held on this liability account, never as revenue.",
    )
    property_utility_invoicing = fields.Selection(
        [("rent", "On the next rent invoice"), ("separate", "Separate utility invoice")],
        string="Utility Invoicing",
        default="rent",
        required=True,
    )
    property_late_fee_active = fields.Boolean(string="Late Fees")
    property_late_fee_grace_days = fields.Integer(string="Grace Days", default=5)
    property_late_fee_type = fields.Selection(
        [("percent", "Percentage per day"), ("flat", "Flat amount")],
        string="Late Fee Type",
        default="percent",
        required=True,
    )
    property_late_fee_rate = fields.Float(
        string="Late Fee Rate (%/day)", default=0.05, digits=(16, 4)
    )
    property_late_fee_amount = fields.Monetary(string="Flat Late Fee", currency_field="currency_id")
    property_late_fee_cap = fields.Monetary(
        string="Late Fee Cap",
        currency_field="currency_id",
        help="Maximum late fee per invoice (0: no cap).",
    )
    property_late_fee_mode = fields.Selection(
        [("line", "Line on the next rent invoice"), ("invoice", "Separate invoice")],
        string="Late Fee Invoicing",
        default="invoice",
        required=True,
    )
    property_billing_run_auto_start = fields.Boolean(
        string="Start Billing Runs Automatically",
        default=True,
        help="The daily scheduled billing creates a billing run for the leases due and "
        "approves and starts it. Off: the run waits as a draft for an accountant to preview, "
        "approve and run it.",
    )

    def _property_get_rent_journal(self):
        self.ensure_one()
        return self.property_rent_journal_id or self.env["account.journal"].search(
            [*self.env["account.journal"]._check_company_domain(self), ("type", "=", "sale")],
            limit=1,
        )

    def _property_get_deposit_account(self):
        """The deposit liability account; created on first use when the company has none."""
        self.ensure_one()
        if self.property_deposit_account_id:
            return self.property_deposit_account_id
        Account = self.env["account.account"].sudo().with_company(self)
        account = Account.search(
            [
                *Account._check_company_domain(self),
                ("code", "=", DEPOSIT_ACCOUNT_CODE),
            ],
            limit=1,
        )
        if not account:
            account = Account.create(
                {
                    "name": self.env._("Tenant Security Deposits"),
                    "code": DEPOSIT_ACCOUNT_CODE,
                    "account_type": "liability_current",
                    "reconcile": False,
                    "company_ids": [Command.link(self.id)],
                }
            )
        self.sudo().property_deposit_account_id = account
        return account
