"""Billing speed with and without the audit log (property_auditlog), run in `odoo shell` on a
throwaway copy of a database that has the addons (it commits: billing commits per chunk):

    createdb -h 127.0.0.1 -p 5433 -U odoo -T property x_auditlog_bench
    ./dev odoo shell -d x_auditlog_bench --no-http < bench/auditlog_timing.py
    dropdb -h 127.0.0.1 -p 5433 -U odoo x_auditlog_bench

Three sets of N new active leases (one tenant and unit each) are billed for one period by
`_generate_invoices`, one set per mode:
- `no rules`: the auditlog rules unsubscribed (as without property_auditlog);
- `shipped`: the rules subscribed, billing runs not logged (what property_auditlog ships);
- `logged runs`: the rules subscribed and the billing run logged like any other write.
Prints leases/s and audit log rows created per mode."""

import time
from datetime import date
from unittest.mock import patch

from odoo import Command

from odoo.addons.property_auditlog.models import auditlog_rule as rule_module

N = int(__import__("os").environ.get("AUDIT_BENCH_LEASES", "300"))
DATE_REF = date(2031, 1, 1)
env = env(context=dict(env.context, tracking_disable=True))  # noqa: F821 - odoo shell
Rule = env["auditlog.rule"]
rules = Rule.search([("property_field_ids", "!=", False)])
building = env["property.building"].create({"name": "Audit bench", "code": "AUDB"})


def make_leases(tag):
    partners = env["res.partner"].create(
        [{"name": f"Audit bench {tag} {i}", "is_property_tenant": True} for i in range(N)]
    )
    units = env["property.unit"].create(
        [{"code": f"AUD{tag}{i}", "building_id": building.id, "area": 40} for i in range(N)]
    )
    leases = env["property.lease"].create(
        [
            {
                "partner_id": partner.id,
                "date_start": DATE_REF,
                "date_end": date(2031, 12, 31),
                "rent_price": 2000.0,
                "line_ids": [Command.create({"unit_id": unit.id})],
            }
            for partner, unit in zip(partners, units, strict=True)
        ]
    )
    leases.write({"state": "active"})
    env.cr.commit()
    return leases


def run(mode, leases):
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
    print(
        f"AUDIT-BENCH {mode:12s} {N} leases, {len(moves)} invoices in {elapsed:.2f} s: "
        f"{N / elapsed:.1f} leases/s, {logs} audit log rows"
    )


sets = {mode: make_leases(i) for i, mode in enumerate(("no rules", "shipped", "logged runs"))}
rules.unsubscribe()
env.cr.commit()
run("no rules", sets["no rules"])
rules.subscribe()
env.cr.commit()
run("shipped", sets["shipped"])
run("logged runs", sets["logged runs"])
