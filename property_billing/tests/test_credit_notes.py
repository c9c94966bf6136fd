# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestCreditNotes(BillingTestCommon):
    """Credit notes made with Odoo's reversal wizard belong to the lease of the invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease = cls._activate_direct(cls._create_lease(units=cls.spare_units[0]))
        # January and February 2025, 3,000 each, due in 2025: overdue today
        cls.lease._generate_invoices(date(2025, 2, 1))
        cls.jan, cls.feb = cls._rent_moves(cls, cls.lease)

    def _new_move(self, action):
        return self.env["account.move"].browse(action["res_id"])

    def _assert_totals(self, invoiced, paid, due, overdue):
        self.lease.invalidate_recordset()
        self.assertEqual(
            (
                self.lease.amount_invoiced,
                self.lease.amount_paid,
                self.lease.amount_due,
                self.lease.amount_overdue,
            ),
            (invoiced, paid, due, overdue),
        )

    def _assign_outstanding(self, invoice, counterpart):
        """Add an outstanding credit (payment, credit note) to an invoice, as in its form."""
        line = counterpart.line_ids.filtered(
            lambda ln: ln.account_id.account_type == "asset_receivable" and not ln.reconciled
        )
        invoice.with_user(self.user_accountant).js_assign_outstanding_line(line.id)

    def test_partial_credit_note(self):
        self.assertEqual((self.jan.amount_total, self.feb.amount_total), (3000.0, 3000.0))
        self._assert_totals(6000.0, 0.0, 6000.0, 6000.0)
        self._pay(self.jan)
        self._assert_totals(6000.0, 3000.0, 3000.0, 3000.0)

        credit_note = self._new_move(self._reversal_wizard(self.feb).refund_moves())
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.reversed_entry_id, self.feb)
        self.assertEqual(credit_note.property_lease_id, self.lease)
        self.assertEqual(credit_note.property_invoice_kind, "rent")
        self.assertEqual(credit_note.property_period_start, date(2025, 2, 1))
        self.assertEqual(credit_note.property_period_end, date(2025, 2, 28))
        with (
            Form(credit_note.with_user(self.user_accountant)) as form,
            form.invoice_line_ids.edit(0) as line,
        ):
            line.price_unit = 500.0
        credit_note.with_user(self.user_accountant).action_post()
        self.assertIn(credit_note, self.lease.invoice_ids)
        # posted, the credit note is reconciled with February: invoiced and due drop by 500
        self.assertEqual(self.feb.amount_residual, 2500.0)
        self.assertEqual(self.feb.payment_state, "partial")
        self._assert_totals(5500.0, 3000.0, 2500.0, 2500.0)
        # the February period keeps its (partly credited) invoice, nothing is billed again
        self.assertEqual(
            self.lease.schedule_line_ids.filtered(
                lambda ln: ln.date_start == date(2025, 2, 1)
            ).move_id,
            self.feb,
        )
        self.assertFalse(self.lease._generate_invoices(date(2025, 2, 1)))

    def test_full_credit_note(self):
        self._pay(self.jan)
        credit_note = self._new_move(self._reversal_wizard(self.feb).refund_moves())
        credit_note.with_user(self.user_accountant).action_post()
        self.assertEqual(credit_note.amount_total, 3000.0)
        self.assertEqual(self.feb.payment_state, "reversed")
        # February is cancelled for good: invoiced and due drop by its amount
        self._assert_totals(3000.0, 3000.0, 0.0, 0.0)
        # and the billing run does not bill that period again (no re-billing by accident)
        self.assertFalse(self.lease._generate_invoices(date(2025, 2, 1)))

    def test_rebill_after_full_reversal(self):
        self._check_rebill_after_full_reversal()

    def test_rebill_after_full_reversal_near_midnight(self):
        """An hour before midnight UTC, when the staff's timezone has already turned the date:
        the corrected invoice posted by the accountant is still due from today."""
        with freeze_time("2026-12-01 23:30:00"):
            self._check_rebill_after_full_reversal()

    def _check_rebill_after_full_reversal(self):
        self._pay(self.jan)
        wizard = self._reversal_wizard(self.jan)
        corrected = self._new_move(wizard.modify_moves())
        credit_note = wizard.new_move_ids.filtered(lambda m: m.move_type == "out_refund") or (
            self.jan.reversal_move_ids
        )
        self.assertEqual(credit_note.property_lease_id, self.lease)
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(self.jan.payment_state, "reversed")
        # "Reverse and create invoice": a draft invoice of the same lease and period
        self.assertEqual(corrected.move_type, "out_invoice")
        self.assertEqual(corrected.state, "draft")
        self.assertEqual(corrected.property_lease_id, self.lease)
        self.assertEqual(corrected.property_invoice_kind, "rent")
        self.assertEqual(corrected.property_period_start, date(2025, 1, 1))
        with (
            Form(corrected.with_user(self.user_accountant)) as form,
            form.invoice_line_ids.edit(0) as line,
        ):
            line.price_unit = 2800.0
        corrected.with_user(self.user_accountant).action_post()
        self.assertEqual(corrected.state, "posted")
        # the payment of the reversed invoice is outstanding again until it is assigned; the
        # corrected invoice is due from today (not overdue), February is still overdue
        self._assert_totals(5800.0, 0.0, 5800.0, 3000.0)
        payment_move = self.jan.matched_payment_ids.move_id or self.env["account.move"].search(
            [("partner_id", "=", self.tenant_a.id), ("origin_payment_id", "!=", False)]
        )
        self._assign_outstanding(corrected, payment_move)
        self.assertEqual(corrected.payment_state, "paid")
        self._assert_totals(5800.0, 2800.0, 3000.0, 3000.0)
        # the period shows its corrected invoice; the run does not bill it a third time
        self.assertEqual(
            self.lease.schedule_line_ids.filtered(
                lambda ln: ln.date_start == date(2025, 1, 1)
            ).move_id,
            corrected,
        )
        self.assertFalse(self.lease._generate_invoices(date(2025, 2, 1)))
        # still one live invoice per period: a second one for January is refused
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            corrected.copy(
                {
                    "property_lease_id": self.lease.id,
                    "property_period_start": date(2025, 1, 1),
                    "property_invoice_kind": "rent",
                }
            )
            self.env.flush_all()

    def test_live_invoice_blocks_second_one(self):
        """A partial credit note leaves its invoice live: no second invoice of its period."""
        credit_note = self._new_move(self._reversal_wizard(self.feb).refund_moves())
        credit_note.invoice_line_ids.price_unit = 100.0
        credit_note.action_post()
        self.assertEqual(self.feb.payment_state, "partial")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.feb.copy(
                {
                    "property_lease_id": self.lease.id,
                    "property_period_start": date(2025, 2, 1),
                    "property_invoice_kind": "rent",
                }
            )
            self.env.flush_all()
