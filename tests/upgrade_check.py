#!/usr/bin/env python3
"""Upgrade and uninstall check, a script: too slow for every `./dev test`.

    tests/upgrade_check.py [--db property_upgrade_check] [--leases 60] [--keep]

1. builds a fresh database with the four addons and demo data, generates a portfolio with
   bench/generate.py (leases, tenants, portal users, tickets, history invoices) and bills it;
2. `-u` of each addon in turn: every row of every table is still there (counts before/after);
3. uninstalls property_dashboard, then property_maintenance: the remaining addons still work
   (a lease is created, activated and billed) and no accounting entry was ever deleted.

Exit status 0 when every check holds; the last line is `upgrade check: N passed, N failed`.
Run through ./dev's environment (PostgreSQL on 127.0.0.1:$PROPERTY_PGPORT, the virtualenv)."""

import argparse
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from common import ADDONS, PGPORT, VENV_PYTHON, odoo_command

# where the addons are read from (default: this repository)
ADDONS_PATH = os.environ.get("PROPERTY_ADDONS_DIR", str(REPO))
results = []


def say(msg):
    print(f"[upgrade-check] {msg}", flush=True)


def check(name, ok, detail=""):
    results.append((name, ok))
    say(f"{'PASS' if ok else 'FAIL'} {name}{(': ' + detail) if detail and not ok else ''}")


def run(*args, stdin=None, timeout=1800):
    proc = subprocess.run(
        args, input=stdin, text=True, capture_output=True, timeout=timeout, cwd=REPO, check=False
    )
    if proc.returncode:
        say(f"command failed ({proc.returncode}): {' '.join(args)[:200]}")
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n", file=sys.stderr)
    return proc


def odoo(db, *args, stdin=None, command=()):
    """odoo-bin with the arguments ./dev gives it (`./dev odoo` cannot run subcommands)."""
    return run(
        *odoo_command(
            db,
            "--log-level=warn",
            *args,
            subcommand=command[0] if command else None,
            addons_dir=ADDONS_PATH,
        ),
        stdin=stdin,
    )


def shell(db, code):
    """Run python in `odoo-bin shell` (env is the superuser environment); commits at the end."""
    script = textwrap.dedent(code) + "\nenv.cr.commit()\nprint('SHELL-OK')\n"
    proc = odoo(db, "--no-http", stdin=script, command=("shell",))
    return proc.returncode == 0 and "SHELL-OK" in proc.stdout, proc.stdout


def psql(db, sql):
    proc = run("psql", "-h", "127.0.0.1", "-p", PGPORT, "-U", "odoo", "-d", db, "-tAc", sql)
    return proc.stdout.strip()


def table_counts(db):
    """{table: rows} of every base table, transient models' tables left out."""
    transient = set(
        psql(
            db,
            "SELECT replace(model, '.', '_') FROM ir_model WHERE transient",
        ).split()
    )
    tables = psql(
        db,
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
    ).split()
    tables = [t for t in tables if t not in transient and not t.startswith(("bus_", "ir_logging"))]
    union = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM \"{t}\"" for t in tables)
    rows = psql(db, union)
    return {line.split("|")[0]: int(line.split("|")[1]) for line in rows.splitlines() if line}


def move_ids(db):
    return set(psql(db, "SELECT id FROM account_move").split())


def compare(before, after, ignore=()):
    lost = {
        t: (n, after.get(t))
        for t, n in before.items()
        if t not in ignore and after.get(t) is not None and after[t] < n
    }
    changed = {
        t: (n, after.get(t))
        for t, n in before.items()
        if t not in ignore and after.get(t) != n and t not in lost
    }
    return lost, changed


# tables whose rows Odoo itself rewrites on every -u (registry, translations, assets, sessions)
VOLATILE = (
    "ir_attachment",
    "ir_model_data",
    "ir_model_fields",
    "ir_model_fields_selection",
    "ir_model_constraint",
    "ir_model_relation",
    "ir_model",
    "ir_ui_view",
    "ir_translation",
    "ir_asset",
    "ir_module_module_dependency",
    "res_users_log",
    "mail_message",
    "mail_tracking_value",
    "mail_notification",
    "mail_mail",
    "ir_cron_progress",
    "ir_cron_trigger",
)

# business tables checked after an uninstall (the uninstalled module's own rows excepted):
# every property_* table and these
BUSINESS_TABLES = (
    "account_move",
    "account_move_line",
    "account_payment",
    "account_partial_reconcile",
    "res_partner",
    "res_users",
    "maintenance_request",
    "maintenance_equipment",
)


SMOKE = """
from datetime import date, timedelta
from odoo import Command
company = env.company
code = "UPG%s" % env["property.building"].search_count([])
building = env["property.building"].create({"name": "Upgrade check", "code": code})
unit = env["property.unit"].create({"code": code + "-1", "building_id": building.id, "area": 30})
partner = env["res.partner"].create({"name": "Upgrade check tenant", "is_property_tenant": True})
start = date.today().replace(day=1)
lease = env["property.lease"].create({
    "partner_id": partner.id, "date_start": start, "date_end": start + timedelta(days=364),
    "rent_price": 1000, "line_ids": [Command.create({"unit_id": unit.id})],
})
lease.write({"state": "active"})
assert lease.schedule_line_ids, "no rent schedule"
if "_generate_invoices" in dir(lease):
    moves = lease._generate_invoices(start + timedelta(days=31))
    assert moves, "no invoice billed"
    assert all(m.state == "posted" for m in moves)
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="property_upgrade_check")
    parser.add_argument("--leases", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    args = parser.parse_args()
    db = args.db

    say(f"fresh database {db} with {', '.join(ADDONS)}")
    run("dropdb", "-h", "127.0.0.1", "-p", PGPORT, "-U", "odoo", "--if-exists", db)
    if odoo(db, "-i", ",".join(ADDONS), "--stop-after-init").returncode:
        check("install", False)
        return finish(db, args.keep)
    say(f"generating {args.leases} leases (bench/generate.py) and billing them")
    gen = run(
        VENV_PYTHON,
        str(REPO / "bench/generate.py"),
        "--db",
        db,
        "--leases",
        str(args.leases),
        "--portal-users",
        "5",
    )
    check("generate data", gen.returncode == 0, gen.stderr[-500:])
    ok, out = shell(db, "env['property.lease']._generate_invoices()")
    check("billing run", ok, out[-500:])
    baseline = table_counts(db)
    moves = move_ids(db)
    say(
        f"baseline: {len(baseline)} tables, {sum(baseline.values())} rows, "
        f"{len(moves)} journal entries"
    )
    check("data generated", baseline.get("property_lease", 0) >= args.leases)

    for addon in ADDONS:
        proc = odoo(db, "-u", addon, "--stop-after-init")
        check(f"-u {addon}", proc.returncode == 0, proc.stderr[-500:])
        after = table_counts(db)
        lost, changed = compare(baseline, after, ignore=VOLATILE)
        check(f"-u {addon} keeps every record", not lost and not changed, f"{lost} {changed}")
        check(f"-u {addon} keeps every journal entry", moves <= move_ids(db))
        baseline = after

    for addon in ("property_dashboard", "property_maintenance"):
        # rows that are the module's own data (demo users, teams, tickets...) go with it
        owned = {
            line.split("|")[0].replace(".", "_"): int(line.split("|")[1])
            for line in psql(
                db,
                "SELECT model, count(*) FROM ir_model_data "
                f"WHERE module = '{addon}' GROUP BY model",
            ).splitlines()
            if line
        }
        ok, out = shell(
            db,
            f"env['ir.module.module'].search([('name', '=', '{addon}')])"
            ".button_immediate_uninstall()",
        )
        state = psql(db, f"SELECT state FROM ir_module_module WHERE name = '{addon}'")
        check(f"uninstall {addon}", ok and state == "uninstalled", out[-500:])
        after = table_counts(db)
        lost = {
            table: (rows, after.get(table), owned.get(table, 0))
            for table, rows in baseline.items()
            if (table.startswith("property_") or table in BUSINESS_TABLES)
            and table in after
            and after[table] < rows - owned.get(table, 0)
        }
        check(f"uninstall {addon} keeps the other addons' records", not lost, str(lost))
        check(f"uninstall {addon} deletes no journal entry", moves <= move_ids(db))
        ok, out = shell(db, SMOKE)  # billing commits per chunk: the smoke data stays
        check(f"after uninstalling {addon}: lease, schedule and billing work", ok, out[-800:])
        baseline = after
    return finish(db, args.keep)


def finish(db, keep):
    if not keep:
        run("dropdb", "-h", "127.0.0.1", "-p", PGPORT, "-U", "odoo", "--if-exists", db)
    passed = sum(1 for _name, ok in results if ok)
    failed = len(results) - passed
    print(f"upgrade check: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
