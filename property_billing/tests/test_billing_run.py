# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.property_billing.models import property_lease as billing_lease

from .common import BillingTestCommon

DATE_REF = date(2025, 3, 1)
# monthly leases from 1 January 2025, invoiced 10 days ahead: January to March are due on
# DATE_REF (April's invoice is dated 22 March)
PERIODS = 3


class BillingRunCase(BillingTestCommon):
    """Four monthly leases of 2025 in their own building, one with a taxed recurring fee."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.run_building = cls.env["property.building"].create(
            {"name": "Run Tower", "code": "RUNT"}
        )
        cls.leases = cls._create_tenant_leases(
            4, "RUN", unit_vals=lambda i: {"building_id": cls.run_building.id}
        )
        for lease in cls.leases:
            cls._activate_direct(lease)
        cls.lease_a, cls.lease_b, cls.lease_c, cls.lease_d = cls.leases
        cls.fee_product = cls.env.ref("property_billing.product_management_fee")
        cls.fee = cls.env["property.lease.charge"].create(
            {"lease_id": cls.lease_a.id, "product_id": cls.fee_product.id, "price": 300.0}
        )
        # a 9 % tax on the fee: the preview counts untaxed amounts, accounting adds the tax
        cls.tax = cls.env["account.tax"].create(
            {"name": "Run VAT 9%", "amount": 9.0, "type_tax_use": "sale"}
        )
        cls.fee_product.taxes_id = [Command.set(cls.tax.ids)]
        cls.user_property_only = new_test_user(
            cls.env,
            login="prop_run_officer",
            groups="property_tenant.group_property_user",
        )

    def _new_run(self, user=None, **vals):
        Run = self.env["property.billing.run"].with_user(user or self.user_accountant)
        return Run.create(
            {"date_ref": DATE_REF, "building_ids": [Command.set(self.run_building.ids)], **vals}
        )

    @classmethod
    def _deprecated_account_product(cls):
        account = cls.env["account.account"].create(
            {
                "name": "Old storage income",
                "code": "609RUN",
                "account_type": "income",
                "deprecated": True,
            }
        )
        return cls.env["product.product"].create(
            {
                "name": "Run storage room",
                "type": "service",
                "property_account_income_id": account.id,
            }
        )

    def _billed_periods(self):
        moves = self._rent_moves(self.leases).filtered(lambda m: m.state == "posted")
        return [(m.property_lease_id.id, m.property_period_start) for m in moves]

    def assert_billed_once(self):
        periods = self._billed_periods()
        self.assertEqual(len(periods), len(self.leases) * PERIODS)
        self.assertEqual(len(periods), len(set(periods)), "one invoice per lease and period")


@tagged("post_install", "-at_install")
class TestBillingRun(BillingRunCase):
    # ------------------------------------------------------------------ the flow
    def test_preview_writes_nothing_and_equals_the_run(self):
        run = self._new_run()
        moves_before = self.env["account.move"].search_count([])
        run.action_preview()
        self.assertEqual(run.state, "previewed")
        self.assertEqual(self.env["account.move"].search_count([]), moves_before)
        self.assertEqual(run.lease_count, 4)
        self.assertEqual(run.preview_invoice_count, 4 * PERIODS)
        self.assertEqual(run.preview_failure_count, 0)
        self.assertEqual(set(run.line_ids.mapped("preview_state")), {"bill"})
        self.assertAlmostEqual(run.preview_amount_rent, 4 * PERIODS * 2500.0)
        self.assertAlmostEqual(run.preview_amount_charges, PERIODS * 300.0)
        self.assertAlmostEqual(run.preview_amount_utilities, 0.0)
        # the 9 % tax of the fee, as account will compute it
        self.assertAlmostEqual(run.preview_amount_tax, PERIODS * 300.0 * 0.09)
        self.assertAlmostEqual(
            run.preview_amount_total, run.preview_amount_untaxed + PERIODS * 27.0
        )
        line_a = run.line_ids.filtered(lambda ln: ln.lease_id == self.lease_a)
        self.assertAlmostEqual(line_a.preview_tax_charges, PERIODS * 27.0)
        self.assertAlmostEqual(line_a.preview_tax_rent, 0.0)
        self.assertIn("Run Tower", run.preview_summary)

        run.action_approve()
        self.assertEqual(run.approved_by_id, self.user_accountant)
        run.action_run()
        self.assertEqual(run.state, "running")
        self.assertEqual(run.pending_count, 4)
        self.assertFalse(self._billed_periods(), "a run bills in the background")
        run._execute()

        self.assertEqual(run.state, "done")
        self.assertEqual(run.progress, 100.0)
        self.assertEqual(set(run.line_ids.mapped("state")), {"invoiced"})
        moves = run.line_ids.move_ids
        self.assertEqual(moves, self._rent_moves(self.leases))
        self.assertEqual(set(moves.mapped("state")), {"posted"})
        self.assertEqual(run.invoice_count, run.preview_invoice_count)
        self.assertEqual(
            run.currency_id.compare_amounts(
                sum(moves.mapped("amount_untaxed")), run.preview_amount_untaxed
            ),
            0,
        )
        self.assertEqual(
            run.currency_id.compare_amounts(run.amount_untaxed_billed, run.preview_amount_untaxed),
            0,
        )
        # the fee's tax is added by accounting at posting
        self.assertAlmostEqual(
            run.amount_total_billed, run.preview_amount_untaxed + PERIODS * 300.0 * 0.09
        )
        self.assertEqual(
            run.currency_id.compare_amounts(run.amount_total_billed, run.preview_amount_total), 0
        )
        for line in run.line_ids:
            self.assertEqual(len(line.move_ids), line.preview_invoice_count)
            self.assertAlmostEqual(
                sum(line.move_ids.mapped("amount_untaxed")), line.preview_amount_untaxed
            )
        self.assertBalanced(moves)
        self.assert_billed_once()

    def test_failing_lease_is_reported_then_retried(self):
        """A recurring charge booked on a deprecated income account: the preview says so,
        the run fails that lease only, the accountant fixes the charge and retries the
        lease alone."""
        storage = self._deprecated_account_product()
        bad = self.env["property.lease.charge"].create(
            {"lease_id": self.lease_b.id, "product_id": storage.id, "price": 90.0}
        )
        run = self._new_run()
        run.action_preview()
        line_b = run.line_ids.filtered(lambda ln: ln.lease_id == self.lease_b)
        self.assertEqual(line_b.preview_state, "fail")
        self.assertIn("deprecated", line_b.preview_message)
        self.assertEqual(run.preview_failure_count, 1)
        run.action_approve()
        run.action_run()
        with mute_logger("odoo.addons.property_billing.models.property_lease"):
            run._execute()
        self.assertEqual(run.state, "done_errors")
        self.assertEqual(line_b.state, "failed")
        self.assertTrue(line_b.message)
        self.assertFalse(line_b.move_ids)
        self.assertEqual(run.invoiced_count, 3)
        bad.product_id = self.fee_product
        line_b.with_user(self.user_accountant).action_retry()
        self.assertEqual(line_b.state, "invoiced")
        self.assertEqual(len(line_b.move_ids), PERIODS)
        self.assertEqual(run.state, "done")
        self.assert_billed_once()

    def test_database_error_fails_that_lease_only(self):
        """A database error while one lease's invoices are prepared (here a real division
        by zero in PostgreSQL) aborts the transaction: it is not swallowed, the chunk is
        billed again lease by lease, that lease fails with the database's message and the
        three others are billed; once the cause is gone, a retry bills it."""
        original = billing_lease.PropertyLease._prepare_rent_invoice_vals
        broken = self.lease_b

        def divide_by_zero(lease, *args, **kwargs):
            if lease == broken:
                lease.env.cr.execute("SELECT 1 / 0")
            return original(lease, *args, **kwargs)

        run = self._new_run()
        run.action_preview()
        run.action_approve()
        run.action_run()
        with (
            patch.object(billing_lease.PropertyLease, "_prepare_rent_invoice_vals", divide_by_zero),
            mute_logger("odoo.addons.property_billing.models.property_lease", "odoo.sql_db"),
        ):
            run._execute()
        self.assertEqual(run.state, "done_errors")
        line_b = run.line_ids.filtered(lambda ln: ln.lease_id == broken)
        self.assertEqual(line_b.state, "failed")
        self.assertIn("division by zero", line_b.message)
        self.assertFalse(self._rent_moves(broken))
        self.assertEqual(run.invoiced_count, 3)
        self.assertEqual(len(run.line_ids.move_ids), 3 * PERIODS)
        # the transaction is still usable and the others' invoices are numbered
        self.assertTrue(all(move.name != "/" for move in run.line_ids.move_ids))
        line_b.with_user(self.user_accountant).action_retry()
        self.assertEqual(line_b.state, "invoiced")
        self.assertEqual(run.state, "done")
        self.assert_billed_once()

    def test_negative_total_fails_in_preview_and_run(self):
        """A one-off credit larger than the period's rent: the preview (in the user's date
        format) and the run agree that the invoice cannot be posted."""
        self.env["property.charge"].create(
            {
                "lease_id": self.lease_c.id,
                "name": "Large credit",
                "product_id": self.env.ref("property_billing.product_other_charge").id,
                "amount": -3000.0,
                "date": date(2025, 1, 5),
            }
        )
        run = self._new_run()
        run.action_preview()
        line_c = run.line_ids.filtered(lambda ln: ln.lease_id == self.lease_c)
        self.assertEqual(line_c.preview_state, "fail")
        self.assertIn("negative total", line_c.preview_message)
        self.assertIn("01/01/2025", line_c.preview_message, "the user's date format")
        self.assertNotIn("2025-01-01", line_c.preview_message)
        self.assertAlmostEqual(line_c.preview_amount_untaxed, PERIODS * 2500.0 - 3000.0)
        self.assertAlmostEqual(
            line_c.preview_amount_total, line_c.preview_amount_untaxed + line_c.preview_amount_tax
        )
        run.action_approve()
        run.action_run()
        with mute_logger("odoo.addons.property_billing.models.property_lease"):
            run._execute()
        self.assertEqual(line_c.state, "failed")
        self.assertEqual(
            run.line_ids.filtered(lambda ln: ln.state == "failed").lease_id, self.lease_c
        )

    def test_states_and_rights(self):
        with self.assertRaises(AccessError):
            self._new_run(user=self.user_property_only)
        run = self._new_run()
        with self.assertRaises(UserError):
            run.action_approve()  # not previewed
        with self.assertRaises(UserError):
            run.action_run()
        run.action_preview()
        with self.assertRaises(AccessError):
            run.with_user(self.user_property_only).action_approve()
        run.with_user(self.user_manager).action_approve()
        self.assertEqual(run.approved_by_id, self.user_manager)
        run.action_run()
        with self.assertRaises(UserError):
            run.action_cancel()
        with self.assertRaises(UserError):
            run.unlink()

    def test_company_rule(self):
        other = self.env["res.company"].create({"name": "Run Other Co"})
        run = self.env["property.billing.run"].create({"company_id": other.id})
        self.assertFalse(
            self.env["property.billing.run"]
            .with_user(self.user_accountant)
            .search([("id", "=", run.id)])
        )

    # ------------------------------------------------------- execution interface
    def test_chunks_and_done(self):
        run = self._new_run()
        run.action_preview()
        run.action_approve()
        run.action_run()
        with patch.object(billing_lease, "BILLING_CHUNK_SIZE", 3):
            chunks = run._get_chunk_ids()
        self.assertEqual(chunks, [self.leases.ids[:3], self.leases.ids[3:]])
        moves = run._run_chunk(chunks[0])
        self.assertEqual(moves.property_lease_id.ids, chunks[0])
        run._check_done()
        self.assertEqual(run.state, "running", "a lease is still pending")
        self.assertEqual(run.pending_count, 1)
        self.assertEqual(run._get_chunk_ids(), [chunks[1]])
        run._run_chunk(chunks[1])
        run._check_done()
        self.assertEqual(run.state, "done")
        self.assert_billed_once()

    def _running_run(self):
        run = self._new_run()
        run.action_preview()
        run.action_approve()
        run.action_run()
        return run

    def test_cron_call_hands_back_after_its_time_budget(self):
        run = self._running_run()
        cron = self.env.ref("property_billing.ir_cron_billing_run_execute")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Run = type(run)
        with (
            patch.object(billing_lease, "BILLING_CHUNK_SIZE", 2),
            patch.object(Run, "_get_execute_time_budget", return_value=-1),
        ):
            run.with_context(ir_cron_progress_id=progress.id)._execute_in_process()
        self.assertEqual((progress.done, progress.remaining), (2, 2))
        self.assertEqual(run.state, "running")
        self.assertEqual(run.pending_count, 2)
        run._execute()
        self.assertEqual(run.state, "done")
        self.assert_billed_once()

    def test_lease_locked_elsewhere_stays_pending(self):
        """A lease another process is billing is not marked skipped (that process may
        still fail): it stays pending, the run is called again a minute later and bills
        it then."""
        run = self._running_run()
        Trigger = self.env["ir.cron.trigger"]
        cron = self.env.ref("property_billing.ir_cron_billing_run_execute")
        Trigger.search([("cron_id", "=", cron.id)]).unlink()
        Lease = billing_lease.PropertyLease
        with patch.object(Lease, "_lock_for_billing", lambda leases, date_ref: leases.browse()):
            run._execute_in_process()
        self.assertEqual(run.state, "running")
        self.assertEqual(run.pending_count, 4)
        self.assertIn("another process", run.line_ids[0].message)
        self.assertTrue(Trigger.search([("cron_id", "=", cron.id)]), "called again later")
        self.assertFalse(self._billed_periods())
        run._execute()
        self.assertEqual(run.state, "done")
        self.assertEqual(set(run.line_ids.mapped("state")), {"invoiced"})
        self.assert_billed_once()

    def test_crash_after_first_chunk_committed(self):
        """Chunk one billed and recorded (committed in production), chunk two lost: the
        rerun bills only the pending leases."""
        run = self._new_run()
        run.action_preview()
        run.action_approve()
        run.action_run()
        first, second = [self.leases.ids[:2], self.leases.ids[2:]]
        run._run_chunk(first)
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            run._run_chunk(second)
            raise RuntimeError("worker killed before commit")
        self.env.invalidate_all()
        self.assertEqual(run.pending_count, 2)
        self.assertEqual(len(self._billed_periods()), 2 * PERIODS)
        with patch.object(billing_lease, "BILLING_CHUNK_SIZE", 2):
            self.assertEqual(run._get_chunk_ids(), [second])
            run._execute()
        self.assertEqual(run.state, "done")
        self.assert_billed_once()

    def test_rerun_and_second_run_bill_nothing_twice(self):
        run_1 = self._new_run()
        run_2 = self._new_run()
        for run in run_1 | run_2:
            run.action_preview()
            run.action_approve()
            run.action_run()
        run_1._execute()
        run_1._execute()
        run_2._execute()
        self.assertEqual(run_1.state, "done")
        self.assertEqual(run_2.state, "done")
        self.assertEqual(set(run_2.line_ids.mapped("state")), {"skipped"})
        self.assertIn("already billed", run_2.line_ids[0].message)
        self.assertFalse(run_2.line_ids.move_ids)
        self.assert_billed_once()
        # a third run on the same date finds nothing due
        run_3 = self._new_run()
        run_3.action_preview()
        self.assertEqual(run_3.lease_count, 0)

    def test_no_mail_in_billing_transaction(self):
        self.lease_a.message_subscribe(self.user_manager.partner_id.ids)
        run = self._new_run()
        run.message_subscribe(self.user_manager.partner_id.ids)
        run.action_preview()
        run.action_approve()
        run.action_run()
        mails = self.env["mail.mail"].search_count([])
        run._execute()
        self.assertEqual(self.env["mail.mail"].search_count([]), mails, "no mail queued")
        moves = run.line_ids.move_ids
        self.assertTrue(moves)
        self.assertFalse(
            self.env["mail.message"].search_count(
                [("model", "=", "account.move"), ("res_id", "in", moves.ids)]
            ),
            "no chatter on the run's invoices",
        )
        self.assertFalse(moves.message_follower_ids)

    # ------------------------------------------------------------------ the cron
    def test_cron_creates_and_starts_the_run(self):
        Run = self.env["property.billing.run"]
        self.company.property_billing_run_auto_start = True
        runs = Run._cron_create_runs()
        run = runs.filtered(lambda r: r.company_id == self.company)
        self.assertEqual(run.state, "running")
        self.assertTrue(run.auto_started)
        self.assertIn(self.lease_a, run.line_ids.lease_id)
        self.assertFalse(Run._cron_create_runs(), "today's run is already open")
        with mute_logger("odoo.addons.property_billing.models.property_lease"):
            Run._cron_execute_runs()
        self.assertIn(run.state, ("done", "done_errors"))
        self.assertTrue(self.lease_a.invoice_ids)
        periods = [(m.property_lease_id.id, m.property_period_start) for m in run.line_ids.move_ids]
        self.assertEqual(len(periods), len(set(periods)))

    def test_cron_leaves_a_draft_when_the_company_approves(self):
        Run = self.env["property.billing.run"]
        self.company.property_billing_run_auto_start = False
        before = Run.search([])
        self.assertFalse(Run._cron_create_runs(), "nothing started")
        run = Run.search([("company_id", "=", self.company.id)]) - before
        self.assertEqual(len(run), 1)
        self.assertEqual(run.state, "draft")
        self.assertFalse(run.line_ids)
        self.assertFalse(self.lease_a.invoice_ids)
