"""Billing safety: re-runs, crashes, concurrent workers, lock dates, posted invoices, mails.

Whatever happens, each lease has exactly one live rent invoice per period, every move is
balanced and posted numbers are unique."""

import contextlib
import threading
from datetime import date, timedelta
from unittest.mock import patch

import psycopg2
from security_common import SecurityCase
from suite_common import CommittedTransactionsMixin

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.modules import module as odoo_module

DATE_REF = date(2026, 3, 31)


def billing_module():
    from odoo.addons.property_billing.models import property_lease

    return property_lease


class BillingCase(SecurityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.has_billing:
            return
        cls.leases = cls.lease_a | cls.lease_b
        cls.leases.write({"state": "active"})
        cls.env.flush_all()

    in_transaction = True

    def setUp(self):
        super().setUp()
        if not self.has_billing:
            self.skipTest("property_billing not installed")
        if self.in_transaction:
            # Odoo's test runner marks the running test (billing commits per chunk only
            # outside tests); pytest-odoo does so only from Odoo 19 on: mark it here too.
            self.startPatcher(patch.object(odoo_module, "current_test", self))
            self.startPatcher(patch.object(type(self.registry), "in_test_mode", lambda reg: True))

    def rent_moves(self, leases=None):
        return self.env["account.move"].search(
            [
                ("property_lease_id", "in", (leases or self.leases).ids),
                ("property_invoice_kind", "=", "rent"),
                ("state", "!=", "cancel"),
            ]
        )

    def expected_periods(self, leases, date_ref=DATE_REF):
        days = self.company_a.property_invoice_issue_days_before
        return {
            (lease.id, line.date_start)
            for lease in leases
            for line in lease.schedule_line_ids
            if line.date_start - timedelta(days=days) <= date_ref
        }

    def assert_billed_once(self, leases=None, date_ref=DATE_REF):
        leases = leases or self.leases
        moves = self.rent_moves(leases)
        periods = [(m.property_lease_id.id, m.property_period_start) for m in moves]
        self.assertEqual(len(periods), len(set(periods)), "a period is billed twice")
        self.assertEqual(set(periods), self.expected_periods(leases, date_ref))
        posted = moves.filtered(lambda m: m.state == "posted")
        self.assertEqual(posted, moves, "every rent invoice is posted")
        self.assertEqual(len(set(posted.mapped("name"))), len(posted), "duplicate numbers")
        for move in moves:
            self.assertTrue(
                move.currency_id.is_zero(sum(move.line_ids.mapped("balance"))),
                f"{move.name} is not balanced",
            )
        return moves


class TestBillingReruns(BillingCase):
    def test_billing_twice_bills_once(self):
        first = self.leases._generate_invoices(DATE_REF)
        self.assertTrue(first)
        second = self.leases._generate_invoices(DATE_REF)
        self.assertFalse(second, "the second run bills nothing")
        self.assert_billed_once()

    def test_cron_entry_point_twice(self):
        self.leases._generate_invoices(DATE_REF)
        count = len(self.rent_moves())
        Lease = self.env["property.lease"].with_context(tz="UTC")
        with patch.object(
            type(Lease),
            "_generate_invoices",
            autospec=True,
            side_effect=type(Lease)._generate_invoices,
        ) as spy:
            Lease._cron_generate_invoices()
            Lease._cron_generate_invoices()
        self.assertEqual(spy.call_count, 2)
        # the cron bills up to today: our 2026 leases may have more periods due by then
        moves = self.rent_moves()
        self.assertGreaterEqual(len(moves), count)
        periods = [(m.property_lease_id.id, m.property_period_start) for m in moves]
        self.assertEqual(len(periods), len(set(periods)))

    def test_bill_now_after_cron_does_not_duplicate(self):
        self.leases._generate_invoices(DATE_REF)
        before = self.rent_moves()
        accountant = self.users["accountant"]
        accountant.groups_id = [
            Command.link(self.env.ref("property_tenant.group_property_user").id)
        ]
        try:
            self.lease_a.with_user(accountant).action_bill_now()
        except UserError:
            pass  # everything billed: refusing is fine
        after = self.rent_moves()
        periods = [(m.property_lease_id.id, m.property_period_start) for m in after]
        self.assertEqual(len(periods), len(set(periods)))
        self.assertLessEqual(len(after - before), 1, "bill now bills at most one new period")

    def test_unique_index_is_last_line_of_defence(self):
        self.leases._generate_invoices(DATE_REF)
        move = self.rent_moves(self.lease_a)[:1]
        with self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            move.copy(
                {
                    "property_lease_id": self.lease_a.id,
                    "property_period_start": move.property_period_start,
                    "property_invoice_kind": "rent",
                }
            )
            self.env.flush_all()


class TestBillingCrashes(BillingCase):
    def test_failing_lease_is_skipped_and_retried(self):
        Lease = type(self.env["property.lease"])
        original = Lease._prepare_rent_invoice_vals
        lease_b = self.lease_b

        def boom(lease, *args, **kwargs):
            if lease == lease_b:
                raise ValueError("SEC injected failure")
            return original(lease, *args, **kwargs)

        with patch.object(Lease, "_prepare_rent_invoice_vals", boom):
            self.leases._generate_invoices(DATE_REF)
        self.assertFalse(self.rent_moves(self.lease_b))
        self.assertIn("SEC injected failure", self.lease_b.billing_error or "")
        self.assert_billed_once(self.lease_a)
        self.leases._generate_invoices(DATE_REF)
        self.assert_billed_once()
        self.assertFalse(self.lease_b.billing_error)

    def test_crash_while_posting_falls_back_per_lease(self):
        Move = type(self.env["account.move"])
        original = Move.action_post
        calls = []

        def post_crashing_once(moves, *args, **kwargs):
            calls.append(len(moves))
            if len(calls) == 1:
                raise RuntimeError("SEC crash while posting")
            return original(moves, *args, **kwargs)

        with patch.object(Move, "action_post", post_crashing_once):
            self.leases._generate_invoices(DATE_REF)
        self.assertGreater(len(calls), 1, "the chunk was retried lease by lease")
        self.assert_billed_once()
        self.leases._generate_invoices(DATE_REF)
        self.assert_billed_once()


class TestBillingGuards(BillingCase):
    def test_lock_date_respected(self):
        lock = date(2026, 2, 28)
        self.company_a.write({"sale_lock_date": lock})
        self.leases._generate_invoices(DATE_REF)
        moves = self.assert_billed_once()
        self.assertTrue(moves)
        for move in moves:
            self.assertGreater(move.date, lock, f"{move.name} is dated inside the lock date")

    def test_posted_invoice_cannot_be_edited(self):
        self.leases._generate_invoices(DATE_REF)
        move = self.rent_moves(self.lease_a)[:1].with_user(self.users["accountant"])
        self.assertEqual(move.state, "posted")
        amount = move.amount_total
        line = move.invoice_line_ids[:1]
        with self.assertRaises(UserError):
            move.write({"invoice_line_ids": [Command.update(line.id, {"price_unit": 1.0})]})
        with self.assertRaises(UserError):
            move.unlink()
        balances = move.line_ids.mapped("balance")
        # core Odoo accepts a unit price on a posted line but never re-balances it: the
        # amounts that count (balances, total, residual) stay as posted
        with contextlib.suppress(UserError), self.env.cr.savepoint():
            line.write({"price_unit": 1.0})
            self.env.flush_all()
        move.invalidate_recordset()
        self.assertEqual(move.line_ids.mapped("balance"), balances)
        self.assertEqual(move.amount_total, amount)

    def test_posted_invoice_period_cannot_be_moved(self):
        """Moving a posted rent invoice to another lease or period would let the next run
        bill that period again."""
        self.leases._generate_invoices(DATE_REF)
        move = self.rent_moves(self.lease_a)[:1]
        start = move.property_period_start
        for vals in (
            {"property_period_start": start + timedelta(days=400)},
            {"property_lease_id": self.lease_b.id},
            {"property_invoice_kind": False},
        ):
            with self.assertRaises(Exception, msg=str(vals)) as caught, self.env.cr.savepoint():
                move.with_user(self.users["accountant"]).write(vals)
                self.env.flush_all()
            self.assertIsInstance(caught.exception, (UserError, ValidationError))
        move.invalidate_recordset()
        self.assertEqual(move.property_period_start, start)


class TestBillingMails(BillingCase):
    def test_no_mail_inside_billing_transaction(self):
        Mail = self.env["mail.mail"].sudo()
        mails = Mail.search_count([])
        sent = []
        IrMailServer = type(self.env["ir.mail_server"])
        with patch.object(IrMailServer, "send_email", lambda *a, **k: sent.append(a)):
            moves = self.leases._generate_invoices(DATE_REF)
        self.assertTrue(moves)
        self.assertEqual(sent, [], "mail sent while billing")
        self.assertEqual(Mail.search_count([]), mails, "mail queued while billing")
        self.assertFalse(moves.message_follower_ids.partner_id & (self.partner_a | self.partner_b))

    def test_reminders_run_twice_send_once(self):
        self.leases._generate_invoices(DATE_REF)
        moves = self.rent_moves()
        Level = self.env["property.dunning.level"]
        levels = Level.search([])
        self.assertTrue(levels, "collection levels exist")
        today = max(moves.mapped("invoice_date_due")) + timedelta(days=40)

        def counts():
            return (
                self.env["property.dunning.log"].search_count([("move_id", "in", moves.ids)]),
                self.env["mail.message"].search_count(
                    [("model", "=", "account.move"), ("res_id", "in", moves.ids)]
                ),
                self.env["mail.mail"].sudo().search_count([]),
                self.env["mail.activity"].search_count(
                    [("res_model", "=", "account.move"), ("res_id", "in", moves.ids)]
                ),
            )

        before = counts()
        levels._run(today)
        after_first = counts()
        self.assertGreater(after_first[0], before[0], "the first run fires levels")
        levels._run(today)
        self.assertEqual(counts(), after_first, "the second run fires nothing again")


class TestBillingConcurrentWorkers(CommittedTransactionsMixin, BillingCase):
    """Real, committed transactions in threads; everything created is removed afterwards."""

    LEASES = 4
    in_transaction = False

    def setUp(self):
        super().setUp()
        with self.real_env() as env:
            partner = env["res.partner"].create({"name": "SEC race tenant"})
            building = env["property.building"].create({"name": "SEC Race", "code": "SECRACE"})
            units = env["property.unit"].create(
                [{"code": f"SECR{i}", "building_id": building.id} for i in range(self.LEASES)]
            )
            leases = env["property.lease"].create(
                [
                    {
                        "partner_id": partner.id,
                        "date_start": date(2026, 1, 1),
                        "date_end": date(2026, 12, 31),
                        "rent_price": 1000.0,
                        "line_ids": [Command.create({"unit_id": unit.id})],
                    }
                    for unit in units
                ]
            )
            leases.write({"state": "active"})
            self.race = {
                "partner": partner.id,
                "building": building.id,
                "units": units.ids,
                "leases": leases.ids,
            }
        self.addCleanup(self.remove_race_data)

    def remove_race_data(self):
        with self.real_env() as env:
            leases = env["property.lease"].browse(self.race["leases"])
            moves = env["account.move"].search([("property_lease_id", "in", leases.ids)])
            moves.filtered(lambda m: m.state == "posted").button_draft()
            moves.with_context(force_delete=True).unlink()
            leases.write({"state": "cancel"})
            leases.unlink()
            env["property.unit"].browse(self.race["units"]).unlink()
            env["property.building"].browse(self.race["building"]).unlink()
            env["res.partner"].browse(self.race["partner"]).unlink()

    def race_result(self):
        with self.real_env() as env:
            leases = env["property.lease"].browse(self.race["leases"])
            moves = env["account.move"].search(
                [("property_lease_id", "in", leases.ids), ("property_invoice_kind", "=", "rent")]
            )
            days = leases.company_id.property_invoice_issue_days_before
            expected = {
                (lease.id, line.date_start)
                for lease in leases
                for line in lease.schedule_line_ids
                if line.date_start - timedelta(days=days) <= DATE_REF
            }
            periods = [(m.property_lease_id.id, m.property_period_start) for m in moves]
            balanced = all(m.currency_id.is_zero(sum(m.line_ids.mapped("balance"))) for m in moves)
            return periods, expected, len(set(moves.mapped("name"))), balanced

    def assert_race_billed_once(self):
        periods, expected, names, balanced = self.race_result()
        self.assertEqual(len(periods), len(set(periods)), "a period is billed twice")
        self.assertEqual(set(periods), expected)
        self.assertEqual(names, len(periods))
        self.assertTrue(balanced)

    def worker(self, results, key):
        try:
            with self.real_env() as env:
                leases = env["property.lease"].browse(self.race["leases"])
                results[key] = len(leases._generate_invoices(DATE_REF))
        except Exception as e:  # noqa: BLE001 - reported to the test thread
            results[key] = e

    def test_two_workers_at_once(self):
        module = billing_module()
        barrier = threading.Barrier(2, timeout=30)
        original = module.PropertyLease._lock_for_billing

        def lock_together(chunk, date_ref):
            barrier.wait()
            return original(chunk, date_ref)

        results = {}
        with patch.object(module.PropertyLease, "_lock_for_billing", lock_together):
            threads = [threading.Thread(target=self.worker, args=(results, k)) for k in "ab"]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        for value in results.values():
            self.assertNotIsInstance(value, Exception)
        self.assert_race_billed_once()

    def test_crash_mid_run_then_rerun(self):
        """Chunks of one lease; the run dies in its third chunk after two were committed:
        the re-run bills the rest, nothing twice."""
        module = billing_module()
        original = module.PropertyLease._generate_invoices_chunk
        calls = []

        def crash_third(chunk, date_ref):
            calls.append(chunk.ids)
            if len(calls) == 3:
                raise RuntimeError("SEC worker killed")
            return original(chunk, date_ref)

        results = {}
        with (
            patch.object(module, "BILLING_CHUNK_SIZE", 1),
            patch.object(module.PropertyLease, "_generate_invoices_chunk", crash_third),
        ):
            self.worker(results, "crashed")
        self.assertIsInstance(results["crashed"], RuntimeError)
        periods, _expected, _names, _balanced = self.race_result()
        billed_leases = {lease_id for lease_id, _start in periods}
        self.assertEqual(len(billed_leases), 2, "the two committed chunks stay billed")
        self.worker(results, "rerun")
        self.assertNotIsInstance(results["rerun"], Exception)
        self.assert_race_billed_once()

    def test_bill_now_racing_the_cron(self):
        module = billing_module()
        locked, release = threading.Event(), threading.Event()
        original = module.PropertyLease._lock_for_billing

        def lock_and_hold(chunk, date_ref):
            res = original(chunk, date_ref)
            locked.set()
            release.wait(timeout=60)
            return res

        results = {}
        with patch.object(module.PropertyLease, "_lock_for_billing", lock_and_hold):
            thread = threading.Thread(target=self.worker, args=(results, "cron"))
            thread.start()
            try:
                self.assertTrue(locked.wait(timeout=60))
                with self.assertRaises(UserError), self.real_env() as env:
                    env["property.lease"].browse(self.race["leases"][0]).action_bill_now()
            finally:
                release.set()
                thread.join(timeout=120)
        self.assertNotIsInstance(results["cron"], Exception)
        self.assert_race_billed_once()
