# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Two billing workers, or a manual "Bill now" racing the cron, on real concurrent
transactions. The data is committed by separate connections and removed afterwards."""

import threading
from contextlib import closing
from datetime import date
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api, sql_db
from odoo.api import Transaction
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.property_billing.models import account_move as billing_move
from odoo.addons.property_billing.models import property_lease as billing_lease

PERIOD_END = date(2025, 3, 31)
LEASE_COUNT = 4
# periods invoiced by PERIOD_END: January to April (April's invoice is dated 22 March)
PERIODS = 4


@tagged("post_install", "-at_install")
class TestBillingConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname
        with self._cursor() as env:
            partner = env["res.partner"].create({"name": "Concurrency tenant"})
            building = env["property.building"].create({"name": "Race Tower", "code": "RACE"})
            units = env["property.unit"].create(
                [
                    {"code": f"R{i}", "building_id": building.id, "area": 20.0}
                    for i in range(LEASE_COUNT)
                ]
            )
            leases = env["property.lease"].create(
                [
                    {
                        "partner_id": partner.id,
                        "date_start": date(2025, 1, 1),
                        "date_end": date(2025, 12, 31),
                        "rent_price": 1000.0,
                        "line_ids": [Command.create({"unit_id": unit.id})],
                        "state": "active",
                    }
                    for unit in units
                ]
            )
            self.ids = {
                "partner": partner.id,
                "building": building.id,
                "units": units.ids,
                "leases": leases.ids,
            }
        self.addCleanup(self._cleanup)

    def _cursor(self):
        """A real, independent transaction (not the test cursor), committed on success."""
        test = self

        class _Env:
            def __enter__(self):
                self.cr = sql_db.db_connect(test.dbname).cursor()
                # Bind the test's registry directly: looking it up by name would wait for the
                # registry lock the test runner holds.
                self.cr.transaction = Transaction(test.registry)
                return api.Environment(self.cr, SUPERUSER_ID, {"tracking_disable": True})

            def __exit__(self, exc_type, exc, tb):
                with closing(self.cr):
                    if exc_type:
                        self.cr.rollback()
                    else:
                        self.cr.commit()  # pylint: disable=invalid-commit

        return _Env()

    def _cleanup(self):
        with self._cursor() as env:
            leases = env["property.lease"].browse(self.ids["leases"])
            moves = env["account.move"].search([("property_lease_id", "in", leases.ids)])
            moves.filtered(lambda m: m.state == "posted").button_draft()
            moves.with_context(force_delete=True).unlink()
            leases.write({"state": "cancel"})
            leases.unlink()
            env["property.unit"].browse(self.ids["units"]).unlink()
            env["property.building"].browse(self.ids["building"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _count_invoices(self):
        with self._cursor() as env:
            moves = env["account.move"].search(
                [
                    ("property_lease_id", "in", self.ids["leases"]),
                    ("property_invoice_kind", "=", "rent"),
                ]
            )
            periods = {(m.property_lease_id.id, m.property_period_start) for m in moves}
            names = set(moves.mapped("name"))
            return len(moves), len(periods), len(names)

    def _worker(self, results, key, lease_ids=None):
        try:
            with self._cursor() as env:
                leases = env["property.lease"].browse(lease_ids or self.ids["leases"])
                results[key] = len(leases._generate_invoices(PERIOD_END))
        except Exception as e:  # noqa: BLE001 - reported to the main thread
            results[key] = e

    def _run_threads(self, threads, results):
        """Start the worker threads, wait for them; none may have failed."""
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        for value in results.values():
            self.assertNotIsInstance(value, Exception, value)

    def test_two_workers_at_once(self):
        """Both workers select the same leases and try to lock them at the same moment."""
        barrier = threading.Barrier(2, timeout=30)
        original = billing_lease.PropertyLease._lock_for_billing

        def lock_together(chunk, date_ref):
            barrier.wait()
            return original(chunk, date_ref)

        results = {}
        with patch.object(billing_lease.PropertyLease, "_lock_for_billing", lock_together):
            self._run_threads(
                [threading.Thread(target=self._worker, args=(results, k)) for k in ("a", "b")],
                results,
            )
        self.assertEqual(sum(results.values()), LEASE_COUNT * PERIODS, results)
        total, periods, names = self._count_invoices()
        self.assertEqual(total, LEASE_COUNT * PERIODS, "one invoice per lease and period")
        self.assertEqual(periods, total)
        self.assertEqual(names, total)

    def test_second_worker_with_stale_snapshot(self):
        """Worker B selects its leases, worker A bills and commits them, then B locks: B sees
        that the rows changed under it and skips them."""
        selected, committed = threading.Event(), threading.Event()
        original = billing_lease.PropertyLease._lock_for_billing

        def lock(chunk, date_ref):
            if threading.current_thread().name == "worker-b":
                selected.set()
                committed.wait(timeout=60)
            else:
                selected.wait(timeout=60)
            return original(chunk, date_ref)

        results = {}
        with patch.object(billing_lease.PropertyLease, "_lock_for_billing", lock):
            worker_b = threading.Thread(target=self._worker, args=(results, "b"), name="worker-b")
            worker_b.start()
            worker_a = threading.Thread(target=self._worker, args=(results, "a"))
            worker_a.start()
            worker_a.join(timeout=120)
            committed.set()
            worker_b.join(timeout=120)
        self.assertEqual(results, {"a": LEASE_COUNT * PERIODS, "b": 0})
        total, periods, names = self._count_invoices()
        self.assertEqual((total, periods, names), (LEASE_COUNT * PERIODS,) * 3)

    def test_numbering_lock_only_for_numbering(self):
        """Two workers bill different leases in one journal. Worker A takes the journal's
        numbering lock and holds it until worker B has created and posted its whole chunk:
        B does that meanwhile (its invoices are numbered last, in one go), then waits for
        the lock only to number them, after A's commit. Fails if the lock were taken when
        posting (B could not post while A holds it) and held to the commit."""
        a_numbering, b_posted = threading.Event(), threading.Event()
        overlap = {}
        original_lock = billing_move.AccountMove._property_lock_sequences
        original_post = billing_lease.PropertyLease._post_invoices

        def lock(moves):
            original_lock(moves)
            if threading.current_thread().name == "worker-a" and "a" not in overlap:
                a_numbering.set()
                # B creates and posts its chunk while A holds the lock
                overlap["a"] = b_posted.wait(timeout=20)

        def post(leases, moves):
            res = original_post(leases, moves)
            if threading.current_thread().name == "worker-b":
                overlap.setdefault("b_names_when_posted", moves.mapped("name"))
                b_posted.set()
            return res

        def worker_b(results):
            if a_numbering.wait(timeout=60):
                self._worker(results, "b", self.ids["leases"][2:])

        results = {}
        with (
            patch.object(billing_move.AccountMove, "_property_lock_sequences", lock),
            patch.object(billing_lease.PropertyLease, "_post_invoices", post),
        ):
            self._run_threads(
                [
                    threading.Thread(
                        target=self._worker,
                        args=(results, "a", self.ids["leases"][:2]),
                        name="worker-a",
                    ),
                    threading.Thread(target=worker_b, args=(results,), name="worker-b"),
                ],
                results,
            )
        self.assertTrue(overlap.get("a"), "B posted its chunk while A held the numbering lock")
        self.assertFalse(any(overlap["b_names_when_posted"]), "numbered after posting")
        self.assertEqual(results, {"a": 2 * PERIODS, "b": 2 * PERIODS})
        total, periods, names = self._count_invoices()
        self.assertEqual((total, periods, names), (LEASE_COUNT * PERIODS,) * 3)
        with self._cursor() as env:
            moves = env["account.move"].search([("property_lease_id", "in", self.ids["leases"])])
            # no gap in any sequence (year) the two workers numbered
            for prefix_moves in moves.grouped("sequence_prefix").values():
                numbers = sorted(prefix_moves.mapped("sequence_number"))
                self.assertEqual(numbers, list(range(numbers[0], numbers[0] + len(numbers))))

    def test_bill_now_while_cron_runs(self):
        """A manual "Bill now" on a lease the cron is billing fails fast instead of billing
        the period a second time."""
        locked, release = threading.Event(), threading.Event()
        original = billing_lease.PropertyLease._lock_for_billing

        def lock_and_hold(chunk, date_ref):
            res = original(chunk, date_ref)
            locked.set()
            release.wait(timeout=60)
            return res

        results = {}
        with patch.object(billing_lease.PropertyLease, "_lock_for_billing", lock_and_hold):
            worker = threading.Thread(target=self._worker, args=(results, "cron"))
            worker.start()
            self.assertTrue(locked.wait(timeout=60))
            try:
                with self._cursor() as env:
                    lease = env["property.lease"].browse(self.ids["leases"][0])
                    with self.assertRaises(UserError):
                        lease.action_bill_now()
            finally:
                release.set()
                worker.join(timeout=120)
        self.assertEqual(results["cron"], LEASE_COUNT * PERIODS)
        total, periods, _names = self._count_invoices()
        self.assertEqual((total, periods), (LEASE_COUNT * PERIODS, LEASE_COUNT * PERIODS))

    def test_two_billing_runs_at_once(self):
        """Two billing runs of the same leases and date executed in process at the same
        moment: they share the leases chunk by chunk, bill each
        lease and period once, and every lease ends invoiced in one run and skipped in the
        other."""
        with self._cursor() as env:
            building = env["property.building"].browse(self.ids["building"])
            runs = env["property.billing.run"].create(
                [
                    {"date_ref": PERIOD_END, "building_ids": [Command.set(building.ids)]}
                    for _i in range(2)
                ]
            )
            for run in runs:
                run._compute_lines(preview=False)
            runs.state = "running"
            run_ids = runs.ids
        self.addCleanup(self._unlink_runs, run_ids)
        barrier = threading.Barrier(2, timeout=30)
        original = billing_lease.PropertyLease._lock_for_billing

        def lock_together(chunk, date_ref):
            barrier.wait()
            return original(chunk, date_ref)

        results = {}

        def execute(run_id):
            try:
                with self._cursor() as env:
                    env["property.billing.run"].browse(run_id)._execute_in_process()
            except Exception as e:  # noqa: BLE001 - reported to the main thread
                results[run_id] = e

        with patch.object(billing_lease.PropertyLease, "_lock_for_billing", lock_together):
            threads = [threading.Thread(target=execute, args=(run_id,)) for run_id in run_ids]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        self.assertFalse(results)
        total, periods, names = self._count_invoices()
        self.assertEqual((total, periods, names), (LEASE_COUNT * PERIODS,) * 3)
        with self._cursor() as env:
            runs = env["property.billing.run"].browse(run_ids)
            # the leases the other run held stay pending (it could still have failed):
            # executed again, the run finds them billed
            waiting = runs.filtered(lambda r: r.state == "running")
            self.assertEqual(len(waiting), 1, runs.mapped("state"))
            self.assertEqual(waiting.pending_count, LEASE_COUNT)
            waiting._execute_in_process()
            self.assertEqual(runs.mapped("state"), ["done", "done"])
            self.assertEqual(len(runs.line_ids.move_ids), LEASE_COUNT * PERIODS)
            for lease_id in self.ids["leases"]:
                lines = runs.line_ids.filtered(lambda ln, lid=lease_id: ln.lease_id.id == lid)
                self.assertEqual(sorted(lines.mapped("state")), ["invoiced", "skipped"])

    def _unlink_runs(self, run_ids):
        with self._cursor() as env:
            runs = env["property.billing.run"].browse(run_ids).exists()
            runs.state = "cancelled"
            runs.unlink()
