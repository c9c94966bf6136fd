#!/usr/bin/env python3
"""Billing run on queue_job end to end, with a real job runner: a script run by ./dev test.

    tests/queue_e2e.py --template property_test [--db property_test_queue] [--leases 300]
                       [--port 8179] [--keep]

1. copies the template database (all addons, property_billing_queue and queue_job included),
   adds `--leases` active leases of the main company (bench/generate.py), creates a billing
   run for bench's reference date, previews, approves and starts it and enqueues its jobs
   (`_execute()`: one job per chunk of 100 leases, and the watcher);
2. holds the journal's billing numbering lock, starts Odoo with 2 HTTP workers (and the job
   runner, odoo.conf's server_wide_modules) on loopback, waits until a job is blocked on that
   lock - mid-chunk: its invoices are created, not yet numbered - and kills (SIGKILL) the
   worker running it, then releases the lock; queue_job requeues the dead job and runs it
   again;
3. checks: the run is done, every lease of it invoiced, exactly one rent invoice per lease and
   period, the names unique in their journal, every move balanced, the killed job retried.

Exit status 0 when every check holds; the last line is `queue e2e: N passed, N failed`."""

import argparse
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psycopg2

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from common import DATE_REF, PGPORT, STATE, copy_db, drop_db, odoo_command

# property_billing/models/account_move.py SEQUENCE_LOCK_CLASS: the advisory lock class of
# a journal's billing numbers
SEQUENCE_LOCK_CLASS = 0x50524F50
results = []


def say(msg):
    print(f"[queue-e2e] {msg}", flush=True)


def check(name, ok, detail=""):
    results.append((name, ok))
    say(f"{'PASS' if ok else 'FAIL'} {name}{(': ' + str(detail)) if detail and not ok else ''}")


def connect(db):
    conn = psycopg2.connect(host="127.0.0.1", port=PGPORT, user="odoo", dbname=db)
    conn.autocommit = True
    return conn


def query(conn, sql, params=()):
    with conn.cursor() as cr:
        cr.execute(sql, params)
        return cr.fetchall()


SETUP = textwrap.dedent(
    """
    import random, sys
    sys.path.insert(0, {bench!r})
    import generate
    from datetime import date
    rnd = random.Random(16)
    company = env.ref("base.main_company")
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    units = generate.make_portfolio(env, company, {leases}, rnd)
    tenants = generate.make_tenants(env, {leases})
    leases = generate.make_leases(env, units, tenants, {leases}, rnd)
    Run = env["property.billing.run"]
    run = Run.create({{"company_id": company.id, "date_ref": date.fromisoformat({date_ref!r})}})
    run.action_preview()
    run.action_approve()
    run.action_run()
    run.line_ids.filtered(lambda l: l.lease_id not in leases).unlink()
    run._execute()
    env.cr.commit()
    print("RUN", run.id, company._property_get_rent_journal().id, len(run.line_ids))
    """
)


def setup(db, leases):
    script = SETUP.format(bench=str(REPO / "bench"), leases=leases, date_ref=DATE_REF)
    proc = subprocess.run(
        odoo_command(db, "--log-level=warn", "--no-http", subcommand="shell"),
        input=script,
        text=True,
        capture_output=True,
        timeout=600,
        check=False,
    )
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RUN ")]
    if proc.returncode or not line:
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n", file=sys.stderr)
        raise SystemExit("queue e2e: setup failed")
    _tag, run_id, journal_id, count = line[0].split()
    return int(run_id), int(journal_id), int(count)


def wait_for(what, predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(1)
    say(f"timed out after {timeout} s waiting for {what}")
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--template", default=os.environ.get("PROPERTY_TEST_DB", "property_test"))
    parser.add_argument("--db")
    parser.add_argument("--leases", type=int, default=300)
    parser.add_argument("--port", type=int, default=8179)
    parser.add_argument("--timeout", type=int, default=150, help="seconds for the run")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    db = args.db or f"{args.template}_queue"
    t0 = time.monotonic()
    say(f"copying {args.template} to {db}, {args.leases} leases")
    copy_db(args.template, db)
    server = None
    try:
        run_id, journal_id, count = setup(db, args.leases)
        say(f"run {run_id}: {count} leases enqueued ({time.monotonic() - t0:.0f} s)")
        conn = connect(db)
        chunk_jobs = query(
            conn,
            "SELECT count(*) FROM queue_job WHERE identity_key LIKE %s",
            [f"property.billing.run:{run_id}:chunk:%"],
        )[0][0]
        check("several chunk jobs enqueued", chunk_jobs >= 3, chunk_jobs)
        holder = psycopg2.connect(host="127.0.0.1", port=PGPORT, user="odoo", dbname=db)
        with holder.cursor() as cr:  # a transaction holding the numbering lock
            cr.execute("SELECT pg_advisory_xact_lock(%s, %s)", [SEQUENCE_LOCK_CLASS, journal_id])
        log = STATE / "queue-e2e-odoo.log"
        server = subprocess.Popen(
            odoo_command(
                db,
                "--workers=2",
                "--max-cron-threads=0",
                f"--http-port={args.port}",
                f"--gevent-port={args.port + 1}",
                f"--logfile={log}",
                "--log-level=info",
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        say(f"Odoo with 2 workers and the job runner on 127.0.0.1:{args.port}, log {log}")

        def all_started_blocked():
            """The started chunk jobs (with their worker's pid, as queue_job stores it) once
            each of them waits for the numbering lock: their invoices are created."""
            blocked = query(
                conn,
                """SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                    WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = %s
                      AND l.classid = %s AND l.objid = %s""",
                [db, SEQUENCE_LOCK_CLASS, journal_id],
            )[0][0]
            started = query(
                conn,
                """SELECT uuid, worker_pid FROM queue_job
                    WHERE state = 'started' AND identity_key LIKE %s ORDER BY date_started""",
                [f"property.billing.run:{run_id}:chunk:%"],
            )
            return started if started and blocked >= len(started) else None

        started = wait_for("the chunk jobs blocked mid-chunk", all_started_blocked, 120)
        check("chunk jobs reached the numbering of their invoices", bool(started))
        killed_uuid = None
        if started:
            killed_uuid, worker_pid = started[0]
            os.kill(worker_pid, signal.SIGKILL)  # its transaction dies with its connection
            say(f"killed worker {worker_pid} mid-chunk (job {killed_uuid}, {len(started)} started)")
        holder.rollback()  # releases the lock: the other jobs go on
        holder.close()

        def run_state():
            state = query(conn, "SELECT state FROM property_billing_run WHERE id = %s", [run_id])
            return state[0][0] if state[0][0] in ("done", "done_errors") else None

        state = wait_for("the end of the run", run_state, args.timeout)
        check("the run ended done", state == "done", state)
        lines = dict(
            query(
                conn,
                "SELECT state, count(*) FROM property_billing_run_line WHERE run_id = %s "
                "GROUP BY state",
                [run_id],
            )
        )
        check("every lease of the run invoiced", lines == {"invoiced": count}, lines)
        per_lease = query(
            conn,
            """SELECT count(m.id) FROM property_billing_run_line l
                 LEFT JOIN account_move m ON m.property_lease_id = l.lease_id
                  AND m.property_invoice_kind = 'rent' AND m.state = 'posted'
                WHERE l.run_id = %s GROUP BY l.lease_id""",
            [run_id],
        )
        check(
            "exactly one rent invoice per lease and period",
            len(per_lease) == count and all(row[0] == 1 for row in per_lease),
            sorted({row[0] for row in per_lease}),
        )
        duplicates = query(
            conn,
            """SELECT journal_id, name FROM account_move WHERE state = 'posted'
                GROUP BY journal_id, name HAVING count(*) > 1""",
        )
        check("invoice numbers unique in their journal", not duplicates, duplicates[:5])
        unbalanced = query(
            conn,
            """SELECT move_id FROM account_move_line GROUP BY move_id
               HAVING abs(sum(debit) - sum(credit)) > 0.001""",
        )
        check("every move balanced", not unbalanced, unbalanced[:5])
        retried = query(
            conn,
            "SELECT uuid, state, retry FROM queue_job WHERE identity_key LIKE %s",
            [f"property.billing.run:{run_id}:chunk:%"],
        )
        check(
            "the killed job was retried and done",
            killed_uuid
            and any(uuid == killed_uuid and retry >= 1 for uuid, _s, retry in retried)
            and all(state == "done" for _u, state, _r in retried),
            retried,
        )
        conn.close()
    finally:
        if server:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if not args.keep:
            drop_db(db)
    passed = sum(1 for _n, ok in results if ok)
    say(f"done in {time.monotonic() - t0:.0f} s")
    print(f"queue e2e: {passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()
