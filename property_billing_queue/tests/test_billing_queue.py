# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.property_billing.tests.common import BillingTestCommon
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs

from ..models.property_billing_run import BILLING_CHANNEL, CHUNK_MAX_RETRIES

DATE_REF = date(2025, 1, 1)
CHUNK = 2


@tagged("post_install", "-at_install")
class TestBillingQueue(BillingTestCommon):
    """A billing run on queue_job: one job per chunk of leases on the billing channel, a
    chunk never queued twice, a failing chunk retried then its leases failed on the run,
    the other chunks billed, the run closed by its watcher job."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leases = cls._create_tenant_leases(5, "QJ")
        for lease in cls.leases:
            cls._activate_direct(lease)
        cls.Run = cls.env["property.billing.run"]
        chunk_size = patch.object(type(cls.Run), "_get_chunk_size", lambda self: CHUNK)
        chunk_size.start()
        cls.addClassCleanup(chunk_size.stop)

    def _started_run(self):
        run = self.Run.create({"company_id": self.company.id, "date_ref": DATE_REF})
        run.action_preview()
        run.action_approve()
        run.action_run()
        self.assertEqual(run.state, "running")
        return run

    def _stored_jobs(self, run):
        return self.env["queue.job"].search(
            [("identity_key", "=like", f"property.billing.run:{run.id}:%")], order="id"
        )

    def _perform(self, job_record):
        """Perform a stored job as the job runner's controller does (one attempt)."""
        job = Job.load(self.env, job_record.uuid)
        job.set_started()
        job.store()
        try:
            job.perform()
        except RetryableJobError:
            job.postpone()
            job.set_pending(reset_retry=False)
            job.store()
            return False
        job.set_done()
        job.store()
        return True

    def test_one_job_per_chunk_on_the_billing_channel(self):
        run = self._started_run()
        with trap_jobs() as trap:
            # as outside tests: jobs delayed (in tests the bridge performs them at once)
            run.with_context(queue_job__no_delay=False)._execute()
            # 5 leases in chunks of 2: 3 chunk jobs, and the watcher
            trap.assert_jobs_count(4)
            trap.assert_jobs_count(3, only=run._job_run_chunk)
            trap.assert_jobs_count(1, only=run._job_watch)
            chunks = run._get_chunk_ids()
            trap.assert_enqueued_job(
                run._job_run_chunk,
                args=(chunks[0],),
                properties={
                    "channel": BILLING_CHANNEL,
                    "max_retries": CHUNK_MAX_RETRIES,
                    "identity_key": run._get_job_identity_key("chunk", chunks[0]),
                },
            )
            self.assertFalse(self._rent_moves(self.leases), "nothing billed before the jobs run")
            trap.perform_enqueued_jobs()
        moves = self._rent_moves(self.leases)
        self.assertEqual(len(moves), 5, "one invoice per lease")
        self.assertEqual(set(moves.property_lease_id.ids), set(self.leases.ids))
        self.assertTrue(all(m.state == "posted" for m in moves))
        self.assertEqual(run.state, "done")
        self.assertEqual(run.invoiced_count, 5)

    def test_performed_at_once_in_tests(self):
        """Without a job runner (tests), the jobs are performed at once: billing suites
        that start runs keep working with this bridge installed."""
        run = self._started_run()
        run._execute()
        self.assertEqual(run.state, "done")
        self.assertEqual(len(self._rent_moves(self.leases)), 5)

    def test_chunk_never_queued_twice(self):
        run = self._started_run().with_context(queue_job__no_delay=False)
        run._execute()
        run._execute()  # e.g. the scheduled action again while the jobs wait
        jobs = self._stored_jobs(run)
        self.assertEqual(len(jobs), 4, "3 chunks and the watcher, once")
        self.assertEqual(len(set(jobs.mapped("identity_key"))), 4)
        self.assertEqual(set(jobs.mapped("channel")), {BILLING_CHANNEL})
        # the watcher waits while chunks are queued
        watcher = jobs.filtered(lambda j: j.method_name == "_job_watch")
        self.assertFalse(self._perform(watcher))
        for job in jobs - watcher:
            self.assertTrue(self._perform(job))
        self.assertTrue(self._perform(watcher))
        self.assertEqual(run.state, "done")
        self.assertEqual(len(self._rent_moves(self.leases)), 5)
        self.assertFalse(run._get_active_jobs())

    def test_failed_chunk_retried_then_its_leases_failed(self):
        run = self._started_run().with_context(queue_job__no_delay=False)
        run._execute()
        jobs = self._stored_jobs(run)
        watcher = jobs.filtered(lambda j: j.method_name == "_job_watch")
        failing = (jobs - watcher)[1]
        failing_ids = set(failing.args[0])
        original = type(self.Run)._run_chunk

        def run_chunk(this, lease_ids):
            if set(lease_ids) == failing_ids:
                raise ValueError("database went away")
            return original(this, lease_ids)

        with (
            patch.object(type(self.Run), "_run_chunk", run_chunk),
            mute_logger("odoo.addons.property_billing_queue.models.property_billing_run"),
        ):
            for job in jobs - watcher - failing:
                self.assertTrue(self._perform(job))
            for _attempt in range(CHUNK_MAX_RETRIES - 1):
                self.assertFalse(self._perform(failing), "retried")
                self.assertEqual(failing.state, "pending")
            self.assertTrue(self._perform(failing), "last attempt: leases failed, job done")
        self.assertEqual(failing.retry, CHUNK_MAX_RETRIES)
        self.assertTrue(self._perform(watcher))
        lines = run.line_ids
        failed = lines.filtered(lambda line: line.state == "failed")
        self.assertEqual(set(failed.lease_id.ids), failing_ids)
        self.assertIn("database went away", failed[0].message)
        self.assertEqual(
            set(lines.filtered(lambda line: line.state == "invoiced").lease_id.ids),
            set(self.leases.ids) - failing_ids,
            "the other chunks are billed",
        )
        self.assertEqual(run.state, "done_errors")
        billed = self._rent_moves(self.leases)
        self.assertEqual(len(billed), 5 - len(failing_ids))
