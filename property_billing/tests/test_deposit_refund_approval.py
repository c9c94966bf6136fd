# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestDepositRefundApproval(BillingTestCommon):
    """A deposit refund above the company's threshold needs a Property Manager's approval:
    finance requests it, the manager approves (who/when recorded), finance settles."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.property_refund_approval_amount = 2000.0
        cls.lease = cls._create_lease(units=cls.spare_units[0])
        cls.lease.action_submit()
        cls.lease.action_approve()
        cls.lease.action_mark_signed()

    def _wizard(self, user, refund):
        wizard = Form(
            self.env["property.deposit.settlement"]
            .with_user(user)
            .with_context(active_model="property.lease", active_id=self.lease.id)
        )
        wizard.amount_refund = refund
        wizard.refund_journal_id = self.bank_journal
        return wizard.save()

    def _held(self):
        self.lease.invalidate_recordset(["deposit_balance"])
        return self.lease.deposit_balance

    def test_refund_below_the_threshold_needs_no_approval(self):
        self._pay(self.lease.invoice_ids)
        wizard = self._wizard(self.user_accountant, 1500.0)
        self.assertFalse(wizard.refund_needs_manager)
        wizard.action_confirm()
        self.assertEqual(self._held(), 4500.0)
        self.assertFalse(self.lease.deposit_refund_approved_by_id)

    def test_refund_above_the_threshold_is_approved_first(self):
        self._pay(self.lease.invoice_ids)
        wizard = self._wizard(self.user_accountant, 6000.0)
        self.assertTrue(wizard.refund_needs_manager)
        with self.assertRaisesRegex(AccessError, "above the approval threshold"):
            wizard.action_confirm()
        self.assertEqual(self._held(), 6000.0, "nothing refunded")
        wizard.action_request_approval()
        self.assertEqual(self.lease.deposit_refund_requested, 6000.0)
        todo = self.lease.activity_ids.filtered(lambda a: "deposit refund" in (a.summary or ""))
        self.assertEqual(todo.user_id, self.user_manager, "the building's manager approves")
        # finance may not approve it itself
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.lease.with_user(self.user_accountant).action_approve_deposit_refund()
        self.lease.with_user(self.user_manager).action_approve_deposit_refund()
        self.assertEqual(self.lease.deposit_refund_approved, 6000.0)
        self.assertEqual(self.lease.deposit_refund_approved_by_id, self.user_manager)
        self.assertTrue(self.lease.deposit_refund_approved_on)
        self.assertFalse(self.lease.activity_ids.filtered(lambda a: a == todo))
        # a larger refund than approved is still refused
        with self.assertRaises(AccessError):
            self._wizard(self.user_accountant, 6000.5).action_confirm()
        self._wizard(self.user_accountant, 6000.0).action_confirm()
        self.assertEqual(self._held(), 0.0)
        self.assertEqual(self.lease.deposit_refund_approved, 0.0, "the approval is used up")
        self.assertEqual(self.lease.deposit_refund_approved_by_id, self.user_manager)
        self.assertTrue(
            any(
                "approved by Property Manager" in body
                for body in self.lease.message_ids.mapped("body")
            )
        )
