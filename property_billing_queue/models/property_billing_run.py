# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import logging

from odoo import models

from odoo.addons.queue_job.exception import RetryableJobError

_logger = logging.getLogger(__name__)

BILLING_CHANNEL = "root.property_billing"
# attempts of a chunk job before its leases are marked failed on the run
CHUNK_MAX_RETRIES = 3
# seconds between two looks of the watcher job at a run's jobs
WATCH_INTERVAL = 10


class PropertyBillingRun(models.Model):
    _inherit = "property.billing.run"

    # --------------------------------------------------------------- execution
    def _execute(self):
        """Enqueue the run on queue_job instead of billing in this process: one job per
        chunk of `_get_chunk_ids()` on the channel `root.property_billing` (its capacity,
        and so the number of chunks billed at once on all the Odoo servers whose job runner
        is up, is set in the Odoo configuration), plus one watcher job that closes the run
        when no lease is left pending. A run whose jobs are still queued or running is not
        enqueued again; the identity key of each job (run, chunk) guards the rest."""
        for run in self.filtered(lambda r: r.state == "running"):
            run._enqueue_jobs()

    def _enqueue_jobs(self):
        self.ensure_one()
        if self._get_active_jobs(kind="chunk"):
            return
        for lease_ids in self._get_chunk_ids():
            self.with_delay(**self._prepare_chunk_job_options(lease_ids))._job_run_chunk(lease_ids)
        self.with_delay(**self._prepare_watch_job_options())._job_watch()

    def _get_job_identity_key(self, kind, lease_ids=None):
        """`property.billing.run:<run id>:chunk:<digest of the lease ids>` for a chunk,
        `property.billing.run:<run id>:watch` for the watcher."""
        self.ensure_one()
        key = f"property.billing.run:{self.id}:{kind}"
        if lease_ids is not None:
            ids = ",".join(str(i) for i in sorted(lease_ids))
            key += ":" + hashlib.sha256(ids.encode()).hexdigest()[:20]
        return key

    def _prepare_chunk_job_options(self, lease_ids):
        return {
            "channel": BILLING_CHANNEL,
            "identity_key": self._get_job_identity_key("chunk", lease_ids),
            "max_retries": CHUNK_MAX_RETRIES,
            "description": self.env._(
                "Billing run %(run)s: %(count)s leases", run=self.name, count=len(lease_ids)
            ),
        }

    def _prepare_watch_job_options(self):
        return {
            "channel": BILLING_CHANNEL,
            "identity_key": self._get_job_identity_key("watch"),
            "priority": 20,  # after the chunks of the same run
            "eta": WATCH_INTERVAL,
            "description": self.env._("Billing run %(run)s: progress", run=self.name),
        }

    def _get_active_jobs(self, kind=None):
        """The run's jobs (of `kind`: chunk or watch) not yet done, failed or cancelled."""
        self.ensure_one()
        prefix = self._get_job_identity_key(kind) if kind else f"property.billing.run:{self.id}:"
        return (
            self.env["queue.job"]
            .sudo()
            .search(
                [
                    ("identity_key", "=like", prefix.replace("%", r"\%") + "%"),
                    ("state", "not in", ("done", "failed", "cancelled")),
                ]
            )
        )

    def _get_current_job(self):
        """The stored queue.job this method runs in (none when performed directly)."""
        uuid = self.env.context.get("job_uuid")
        if not uuid:
            return self.env["queue.job"]
        return self.env["queue.job"].sudo().search([("uuid", "=", uuid)], limit=1)

    # ------------------------------------------------------------------- jobs
    def _job_run_chunk(self, lease_ids):
        """Job: bill one chunk of the run (`_run_chunk`) in the job's transaction. When the
        chunk's transaction fails as a whole, the job is retried (queue_job's retry
        pattern of this method); at its last attempt the chunk's leases are marked failed
        on the run with the error, the other chunks are not affected."""
        self.ensure_one()
        if self.state != "running":
            return f"run {self.name} is {self.state}: nothing done"
        try:
            with self.env.cr.savepoint():
                moves = self._run_chunk(lease_ids)
        except RetryableJobError:
            raise
        except Exception as error:
            job = self._get_current_job()
            # `retry` is stored before this attempt: this is attempt retry + 1
            if job and job.retry + 1 < (job.max_retries or CHUNK_MAX_RETRIES):
                raise RetryableJobError(str(error)) from error
            _logger.warning("Billing run %s: chunk failed for good: %s", self.name, error)
            self._mark_leases_failed(
                lease_ids, self.env._("The billing job failed: %(error)s", error=str(error))
            )
            return f"{len(lease_ids)} leases failed: {error}"
        return f"{len(moves)} invoices for {len(lease_ids)} leases"

    def _mark_leases_failed(self, lease_ids, message):
        lines = self.env["property.billing.run.line"].search(
            [
                ("run_id", "=", self.id),
                ("lease_id", "in", list(lease_ids)),
                ("state", "=", "pending"),
            ]
        )
        lines.write(
            {
                "state": "failed",
                "message": message,
            }
        )

    def _job_watch(self):
        """Job: closes the run once its chunks are through (`_check_done`). While chunk
        jobs are queued or running it looks again after WATCH_INTERVAL seconds; leases
        still pending when no chunk job is left (a job that died too many times: queue_job
        failed it) are marked failed, so that the run ends and shows them."""
        self.ensure_one()
        if self.state != "running":
            return f"run {self.name} is {self.state}"
        active = self._get_active_jobs(kind="chunk")
        if active and self._get_current_job():
            raise RetryableJobError(
                f"{len(active)} chunk jobs left", seconds=WATCH_INTERVAL, ignore_retry=True
            )
        pending = self.line_ids.filtered(lambda line: line.state == "pending")
        if pending and not active:
            self._mark_leases_failed(
                pending.lease_id.ids,
                self.env._("The billing job of this lease stopped before billing it."),
            )
        self._check_done()
        return f"run {self.name}: {self.state}"
