# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestOnboardingDeposit(BillingTestCommon):
    def _sign(self, lease):
        lease.action_submit()
        lease.action_approve()
        lease.with_user(self.user_property).action_mark_signed()
        return lease

    def test_signing_issues_deposit_and_first_rent(self):
        lease = self._sign(
            self._create_lease(units=self.spare_units[0], housekeeper_id=self.user_property.id)
        )
        self.assertEqual(lease.state, "deposit")
        deposit = lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit")
        rent = lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "rent")
        self.assertEqual(len(deposit), 1)
        self.assertEqual(len(rent), 1)
        self.assertEqual(rent.property_period_start, date(2025, 1, 1))
        self.assertEqual((deposit | rent).mapped("state"), ["posted", "posted"])
        # the deposit is a liability, not revenue
        credit = deposit.line_ids.filtered(lambda ln: ln.account_id == self.deposit_account)
        self.assertEqual(credit.balance, -6000.0)
        self.assertFalse(
            deposit.line_ids.filtered(lambda ln: ln.account_id.internal_group == "income")
        )
        self.assertEqual(lease.deposit_balance, 0.0, "invoiced, not received yet")
        self.assertEqual(lease.next_invoice_date, date(2025, 1, 22), "second period next")

        # paying only the deposit keeps the gate closed
        self._pay(deposit)
        lease.invalidate_recordset()
        self.assertEqual(lease.deposit_balance, 6000.0)
        self.assertEqual(lease.state, "deposit")
        self._pay(rent)
        self.assertEqual(lease.state, "active", "both paid: the lease activates itself")
        handover = self.env.ref(
            "property_tenant.mail_activity_type_key_handover", raise_if_not_found=False
        )
        if handover:
            activity = lease.activity_ids.filtered(lambda a: a.activity_type_id == handover)
            self.assertEqual(activity.user_id, self.user_property)
        self.assertEqual(lease.amount_due, 0.0)
        self.assertEqual(lease.amount_paid, 9000.0)
        self.assertEqual(lease.invoice_count, 2)

    def test_corrected_first_rent_opens_the_gate(self):
        """A first rent reversed with the standard wizard and invoiced again: the corrected
        invoice is the one that must be paid; the reversed one and its credit note do not
        keep the lease waiting."""
        lease = self._sign(self._create_lease(units=self.spare_units[2]))
        deposit = lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit")
        rent = lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "rent")
        self.assertTrue(rent.access_token, "tokens are set at creation, not by a portal GET")
        self.assertNotEqual(rent.access_token, deposit.access_token)
        action = self._reversal_wizard(rent, "Wrong rent").modify_moves()
        corrected = self.env["account.move"].browse(action["res_id"])
        corrected.with_user(self.user_accountant).action_post()
        self.assertEqual(rent.payment_state, "reversed")
        self._pay(deposit)
        self.assertEqual(lease.state, "deposit", "the corrected rent is not paid yet")
        self._pay(corrected)
        self.assertEqual(lease.state, "active")

    def test_finance_confirms_payment(self):
        lease = self._sign(self._create_lease(units=self.spare_units[1]))
        with self.assertRaises(UserError):
            lease.with_user(self.user_property).action_confirm_onboarding_payment()
        lease.with_user(self.user_accountant).action_confirm_onboarding_payment()
        self.assertEqual(lease.state, "active")

    def test_schedule_line_shows_invoice(self):
        lease = self._sign(self._create_lease(units=self.spare_units[2]))
        first = lease.schedule_line_ids.sorted("date_start")[0]
        self.assertTrue(first.move_id)
        self.assertEqual(first.payment_state, "not_paid")
        self._pay(first.move_id)
        first.invalidate_recordset()
        self.assertIn(first.payment_state, ("paid", "in_payment"))
        self.assertEqual(
            lease.schedule_line_ids.sorted("date_start")[1].payment_state, "not_invoiced"
        )

    def _settle(self, lease, deductions, refund=None, journal=True):
        wizard_form = Form(
            self.env["property.deposit.settlement"]
            .with_user(self.user_accountant)
            .with_context(active_model="property.lease", active_id=lease.id)
        )
        for kind, name, amount in deductions:
            with wizard_form.line_ids.new() as line:
                line.kind = kind
                line.name = name
                line.amount = amount
        if refund is not None:
            wizard_form.amount_refund = refund
        if journal:
            wizard_form.refund_journal_id = self.bank_journal
        wizard = wizard_form.save()
        wizard.action_confirm()
        lease.invalidate_recordset()
        return wizard

    def test_move_out_settlement(self):
        lease = self._sign(self._create_lease(units=self.spare_units[3]))
        deposit = lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit")
        rent = lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "rent")
        self._pay(deposit)
        # the first rent stays unpaid: the deposit pays it
        wizard = self._settle(
            lease, [("damage", "Broken window", 600.0), ("cleaning", "Cleaning", 400.0)]
        )
        self.assertEqual(wizard.amount_unpaid, 3000.0)
        self.assertEqual(wizard.amount_refund, 2000.0)
        self.assertEqual(lease.deposit_balance, 0.0)
        self.assertTrue(rent.currency_id.is_zero(rent.amount_residual), "paid from the deposit")
        settlement = lease.invoice_ids.filtered(
            lambda m: m.property_invoice_kind == "settlement" and m.move_type == "out_invoice"
        )
        self.assertEqual(settlement.amount_total, 1000.0)
        self.assertTrue(settlement.currency_id.is_zero(settlement.amount_residual))
        credit_note = lease.invoice_ids.filtered(lambda m: m.move_type == "out_refund")
        self.assertEqual(credit_note.amount_total, 6000.0)
        self.assertTrue(
            credit_note.currency_id.is_zero(credit_note.amount_residual), "refund paid out"
        )
        self.assertBalanced(lease.invoice_ids)

    def test_partial_refund_keeps_balance(self):
        lease = self._sign(self._create_lease(units=self.spare_units[4]))
        deposit = lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit")
        self._pay(lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "rent") | deposit)
        self._settle(lease, [("damage", "Scratched floor", 500.0)], refund=1500.0)
        self.assertEqual(lease.deposit_balance, 4000.0)
        with self.assertRaises(UserError):
            self._settle(lease, [], refund=4500.0)

    def test_settlement_needs_accounting_rights(self):
        lease = self._sign(self._create_lease(units=self.spare_units[5]))
        with self.assertRaises(AccessError):
            self.env["property.deposit.settlement"].with_user(self.user_property).create(
                {"lease_id": lease.id, "line_ids": [Command.create({"name": "x", "amount": 1.0})]}
            )
