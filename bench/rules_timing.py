"""Billing speed with the shipped automation rules active and inactive, and the cost of one
pass of base_automation's time-based scheduled action, in `odoo shell` on a throwaway copy of
a database that has the addons (it commits: billing commits per chunk):

    createdb -h 127.0.0.1 -p 5433 -U odoo -T property x_rules_bench
    RULES_BENCH_LEASES=200 ./dev odoo shell -d x_rules_bench --no-http < bench/rules_timing.py
    dropdb -h 127.0.0.1 -p 5433 -U odoo x_rules_bench

The rules are the ones the suite ships (renewal to-do, ticket past its SLA, fapiao requested).
For each round and mode a fresh set of N active leases of one shape is billed for one period
by `_generate_invoices`, after a 5-lease warm-up in the same mode (switching rules resets the
registry). Modes alternate their order per round (RULES_BENCH_ROUNDS, 2 by default)."""

import os
import statistics
import sys
import time
from datetime import date

sys.path.insert(0, "bench")  # run from the repository root, as the command above
from common import make_active_leases

N = int(os.environ.get("RULES_BENCH_LEASES", "200"))
ROUNDS = int(os.environ.get("RULES_BENCH_ROUNDS", "2"))
DATE_REF = date(2031, 1, 1)
MODES = ("rules inactive", "rules active")
env = env(context=dict(env.context, tracking_disable=True))  # noqa: F821 - odoo shell
RULE_XMLIDS = (
    "property_tenant.base_automation_lease_renewal",
    "property_maintenance.base_automation_ticket_sla_breached",
    "property_billing.base_automation_fapiao_requested",
)
rules = (
    env["base.automation"]
    .with_context(active_test=False)
    .browse([env.ref(xmlid).id for xmlid in RULE_XMLIDS])
)
TAG = time.strftime("%H%M%S")
building = env["property.building"].create({"name": f"Rules bench {TAG}", "code": f"RB{TAG}"})


def make_leases(label, count):
    return make_active_leases(
        env, building, f"Rules bench {label}", f"RB{TAG}-{label}", count, DATE_REF
    )


def set_mode(mode):
    rules.write({"active": mode == "rules active"})  # runs _unregister_hook/_register_hook
    env.cr.commit()


def bill(leases):
    start = time.perf_counter()
    moves = leases._generate_invoices(DATE_REF)
    elapsed = time.perf_counter() - start
    env.cr.commit()
    assert len(moves) == len(leases), (len(moves), len(leases))
    return len(leases) / elapsed


speeds = {mode: [] for mode in MODES}
load_before = os.getloadavg()
for r in range(ROUNDS):
    for mode in MODES if r % 2 == 0 else MODES[::-1]:
        set_mode(mode)
        bill(make_leases(f"W{r}{mode[6]}", 5))
        speed = bill(make_leases(f"{r}{mode[6]}", N))
        speeds[mode].append(speed)
        print(f"RULES-BENCH round {r + 1} {mode}: {N} leases, {speed:.1f} leases/s")
set_mode("rules active")
start = time.perf_counter()
env["base.automation"]._check()
check = time.perf_counter() - start
env.cr.commit()
load_after = os.getloadavg()
leases_total = env["property.lease"].search_count([("state", "in", ("active", "expiring"))])
base = statistics.median(speeds["rules inactive"])
print(
    f"\nRULES-BENCH {N} leases per run, {ROUNDS} rounds; load average "
    f"{', '.join(f'{x:.2f}' for x in load_before)} before, "
    f"{', '.join(f'{x:.2f}' for x in load_after)} after"
)
print("| mode | " + " | ".join(f"round {r + 1}" for r in range(ROUNDS)) + " | median | ratio |")
print("|---" * (ROUNDS + 3) + "|")
for mode in MODES:
    median = statistics.median(speeds[mode])
    print(
        f"| {mode} | {' | '.join(f'{s:.1f}' for s in speeds[mode])} | {median:.1f} leases/s | "
        f"{median / base:.2f}x |"
    )
print(
    f"RULES-BENCH one pass of the time-based rules' scheduled action: {check:.2f} s "
    f"({leases_total} running leases)"
)
