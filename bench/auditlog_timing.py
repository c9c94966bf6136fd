"""Billing speed with and without the audit log (property_auditlog), side by side in one run,
in `odoo shell` on a throwaway copy of a database that has the addons (it commits: billing
commits per chunk):

    createdb -h 127.0.0.1 -p 5433 -U odoo -T property x_auditlog_bench
    AUDIT_BENCH_LEASES=300 ./dev odoo shell -d x_auditlog_bench --no-http < bench/auditlog_timing.py
    dropdb -h 127.0.0.1 -p 5433 -U odoo x_auditlog_bench

Sets of N new active leases of the same shape (one tenant and unit each, same rent and dates)
are billed for one period by `_generate_invoices`, one fresh set per mode and round:
- `no rules`: the auditlog rules unsubscribed (as without property_auditlog);
- `shipped`: the rules subscribed, billing runs not logged (what property_auditlog ships);
- `logged runs`: the rules subscribed and the billing run logged like any other write.
Each timed run follows a small warm-up run in the same mode (not counted: switching the rules
on or off resets the registry's caches, which the first billing after it rebuilds); each round
runs the three modes in a rotated order, so that none is always first or last
(AUDIT_BENCH_ROUNDS rounds, 2 by default). Prints
one line per run, then a table: leases/s per round, the median, the ratio to `no rules` and
the audit log rows written, with the load average before and after."""

import os
import statistics
import sys
import time
from datetime import date
from unittest.mock import patch

sys.path.insert(0, "bench")  # run from the repository root, as the command above
from common import make_active_leases

from odoo.addons.property_auditlog.models import auditlog_rule as rule_module

N = int(os.environ.get("AUDIT_BENCH_LEASES", "300"))
ROUNDS = int(os.environ.get("AUDIT_BENCH_ROUNDS", "2"))
WARM_UP = 5
MODES = ("no rules", "shipped", "logged runs")
DATE_REF = date(2031, 1, 1)
env = env(context=dict(env.context, tracking_disable=True))  # noqa: F821 - odoo shell
Rule = env["auditlog.rule"]
rules = Rule.search([("property_field_ids", "!=", False)])
RUN = time.strftime("%H%M%S")  # the script can run again on the same database
building = env["property.building"].create({"name": f"Audit bench {RUN}", "code": f"AUDB{RUN}"})


def make_leases(tag, count):
    return make_active_leases(
        env, building, f"Audit bench {tag}", f"AUD{RUN}-{tag}", count, DATE_REF, {"area": 40}
    )


def set_rules(mode):
    subscribed = set(rules.mapped("state")) == {"subscribed"}
    if mode == "no rules" and subscribed:
        rules.unsubscribe()
    elif mode != "no rules" and not subscribed:
        rules.subscribe()
    env.cr.commit()


def run(mode, leases, counted=True):
    set_rules(mode)
    logs_before = env["auditlog.log"].search_count([])
    start = time.perf_counter()
    if mode == "logged runs":
        with patch.object(rule_module, "in_billing_run", lambda: False):
            moves = leases._generate_invoices(DATE_REF)
    else:
        moves = leases._generate_invoices(DATE_REF)
    elapsed = time.perf_counter() - start
    env.cr.commit()
    logs = env["auditlog.log"].search_count([]) - logs_before
    assert len(moves) == len(leases), f"{mode}: {len(moves)} invoices for {len(leases)} leases"
    if not counted:
        return None
    print(
        f"AUDIT-BENCH {mode:12s} {len(leases)} leases, {len(moves)} invoices in {elapsed:.2f} s: "
        f"{len(leases) / elapsed:.1f} leases/s, {logs} audit log rows"
    )
    return len(leases) / elapsed, logs


load_before = os.getloadavg()
sets = [
    {
        mode: (make_leases(f"W{r}{m}", WARM_UP), make_leases(f"{r}{m}", N))
        for m, mode in enumerate(MODES)
    }
    for r in range(ROUNDS)
]
speeds = {mode: [] for mode in MODES}
log_rows = {mode: [] for mode in MODES}
for r in range(ROUNDS):
    for mode in MODES[r % 3 :] + MODES[: r % 3]:
        warm_up, leases = sets[r][mode]
        run(mode, warm_up, counted=False)
        speed, logs = run(mode, leases)
        speeds[mode].append(speed)
        log_rows[mode].append(logs)
set_rules("shipped")
load_after = os.getloadavg()

base = statistics.median(speeds["no rules"])
print(
    f"\nAUDIT-BENCH {N} leases per run, {ROUNDS} rounds; load average "
    f"{', '.join(f'{x:.2f}' for x in load_before)} before, "
    f"{', '.join(f'{x:.2f}' for x in load_after)} after\n"
)
rounds_head = " | ".join(f"round {r + 1}" for r in range(ROUNDS))
print(f"| mode | {rounds_head} | median leases/s | vs no rules | audit log rows per run |")
print("|---" * (ROUNDS + 4) + "|")
for mode in MODES:
    median = statistics.median(speeds[mode])
    print(
        f"| {mode} | {' | '.join(f'{s:.1f}' for s in speeds[mode])} | {median:.1f} | "
        f"{median / base:.2f}x | {', '.join(map(str, log_rows[mode]))} |"
    )
