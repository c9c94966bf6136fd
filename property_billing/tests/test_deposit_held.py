# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.tests import Form, HttpCase, tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestDepositHeld(BillingTestCommon, HttpCase):
    """ "Deposit Held" is the deposit actually received minus what was deducted or refunded,
    on the lease and on the tenant's Rent Statement page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal_a.password = "tenant_a_pw"

    def _signed_lease(self, unit):
        lease = self._create_lease(units=unit)
        lease.action_submit()
        lease.action_approve()
        lease.with_user(self.user_property).action_mark_signed()
        return lease

    def _deposit(self, lease):
        return lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit")

    def _held(self, lease):
        lease.invalidate_recordset(["deposit_balance"])
        return lease.with_user(self.user_property).deposit_balance

    def _portal_deposit(self):
        """The "Deposit Held" figures of tenant A's Rent Statement page."""
        self.authenticate("tenant_a", "tenant_a_pw")
        page = self.url_open("/my/property/ledger")
        self.assertEqual(page.status_code, 200)
        return [
            re.sub(r"<[^>]*>|[^\d.,<>]", "", html)
            for html in re.findall(r'o_property_deposit"[^>]*>(.*?)</strong>', page.text, re.DOTALL)
        ]

    def _settle(self, lease, deductions=(), refund=None):
        wizard = Form(
            self.env["property.deposit.settlement"]
            .with_user(self.user_accountant)
            .with_context(active_model="property.lease", active_id=lease.id)
        )
        for name, amount in deductions:
            with wizard.line_ids.new() as line:
                line.name = name
                line.amount = amount
        if refund is not None:
            wizard.amount_refund = refund
        wizard.refund_journal_id = self.bank_journal
        wizard.save().action_confirm()

    def test_never_paid_deposit_holds_nothing(self):
        lease = self._signed_lease(self.spare_units[0])
        self.assertEqual(self._deposit(lease).amount_residual, 6000.0)
        self.assertEqual(self._held(lease), 0.0)
        # the rent statement lists the lease (its invoices are due) with nothing held
        self.assertEqual(self._portal_deposit(), ["0.00"])

    def test_paid_deposit_is_held(self):
        lease = self._signed_lease(self.spare_units[1])
        deposit = self._deposit(lease)
        self._pay(deposit, amount=2500.0)
        self.assertEqual(self._held(lease), 2500.0, "only what was received")
        self._pay(deposit)
        self.assertEqual(self._held(lease), 6000.0)
        self.assertEqual(self._portal_deposit(), ["6,000.00"])

    def test_deductions_reduce_the_deposit_held(self):
        lease = self._signed_lease(self.spare_units[2])
        self._pay(lease.invoice_ids)  # deposit and first rent: the lease is active
        self.assertEqual(lease.state, "active")
        self._settle(lease, deductions=[("Broken window", 800.0)], refund=0.0)
        self.assertEqual(self._held(lease), 5200.0)
        self.assertEqual(self._portal_deposit(), ["5,200.00"])

    def test_refund_releases_the_deposit(self):
        lease = self._signed_lease(self.spare_units[3])
        self._pay(lease.invoice_ids)
        self._settle(lease, refund=1000.0)
        self.assertEqual(self._held(lease), 5000.0, "part refunded, the rest held")
        self._settle(lease)  # the rest refunded
        self.assertEqual(self._held(lease), 0.0)
        self.assertEqual(self._portal_deposit(), ["0.00"])

    def test_reversed_deposit_invoice_holds_nothing(self):
        lease = self._signed_lease(self.spare_units[4])
        deposit = self._deposit(lease)
        action = self._reversal_wizard(deposit, "Wrong amount").refund_moves()
        credit_note = self.env["account.move"].browse(action["res_id"])
        credit_note.with_user(self.user_accountant).action_post()
        self.assertEqual(deposit.payment_state, "reversed")
        self.assertEqual(self._held(lease), 0.0)
