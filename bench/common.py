"""Shared helpers of the benchmark scripts: Odoo bootstrap, database copies, measuring.

The scripts run with the project's virtualenv python; `bench/run` sets the environment
(ODOO_PATH, PGPORT, PROPERTY_STATE) the way `./dev` does.
"""

import contextlib
import hashlib
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ODOO_PATH = Path(os.environ.get("ODOO_PATH", "/opt/odoo18"))
PGPORT = os.environ.get("PROPERTY_PGPORT", os.environ.get("PGPORT", "5433"))
STATE = Path(
    os.environ.get("PROPERTY_STATE")
    or Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "property-odoo"
)
VENV_PYTHON = str(STATE / "venv" / "bin" / "python")
ADDONS = [
    "property_tenant",
    "property_billing",
    "property_maintenance",
    "property_maintenance_billing",
    "property_dashboard",
]
# installed in the bench templates besides ADDONS: China's chart (the bench companies bill in
# CNY with VAT, property_l10n_cn gives the property products their VAT) and the job queue
# (property_billing_queue, auto-installed: the queue variants bill a run with real workers)
TEMPLATE_MODULES = [*ADDONS, "l10n_cn", "property_l10n_cn", "queue_job", "property_billing_queue"]
SIZES = {"smoke": 200, "200": 200, "1k": 1000, "10k": 10000, "50k": 50000}
# Billing reference date of every run: each active lease has exactly one period due by it.
DATE_REF = "2026-03-01"

if str(ODOO_PATH) not in sys.path:
    sys.path.insert(0, str(ODOO_PATH))


def psql(sql, db="postgres", user="odoo", check=True):
    """Run one SQL statement with psql, return stdout (tuples only, unaligned)."""
    out = subprocess.run(
        ["psql", "-X", "-h", "127.0.0.1", "-p", PGPORT, "-U", user, "-d", db, "-tAc", sql],
        capture_output=True,
        text=True,
        check=False,
    )
    if check and out.returncode:
        raise RuntimeError(f"psql failed: {sql[:200]}\n{out.stderr}")
    return out.stdout.strip()


def db_exists(db):
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{db}'") == "1"


def drop_db(db):
    psql(
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}'",
        user="postgres",
    )
    psql(f'DROP DATABASE IF EXISTS "{db}"')


def copy_db(template, db):
    """Restore a template: CREATE DATABASE ... TEMPLATE (a file-level copy)."""
    drop_db(db)
    psql(f'CREATE DATABASE "{db}" TEMPLATE "{template}"')


def code_hash():
    """Hash of the addons' code and of the generator: a template is rebuilt when it changes."""
    digest = hashlib.sha256()
    paths = [REPO / addon for addon in TEMPLATE_MODULES if (REPO / addon).is_dir()]
    paths.append(REPO / "bench" / "generate.py")
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in files:
            if path.is_file() and path.suffix in (".py", ".xml", ".csv", ".sql"):
                digest.update(str(path.relative_to(REPO)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def odoo_args(db=None, *extra, addons_dir=None):
    """The odoo-bin options of the project, in one place: ./dev (`python3 bench/common.py
    odoo-args`), the benchmark, tests/load_portal.py and tests/upgrade_check.py use them.

    :param addons_dir: where our addons are read from (default: this repository; "": only
        Odoo's, e.g. for addons installed as wheels)"""
    addons_path = ",".join(
        str(p) for p in (ODOO_PATH / "addons", REPO if addons_dir is None else addons_dir) if p
    )
    args = [
        "-c",
        str(REPO / "odoo.conf"),
        f"--addons-path={addons_path}",
        f"--data-dir={STATE / 'data'}",
        "--db_host=127.0.0.1",
        f"--db_port={PGPORT}",
        "--db_user=odoo",
    ]
    if db:
        args += ["-d", db]
    return [*args, *extra]


def odoo_command(db=None, *extra, subcommand=None, python=None, addons_dir=None):
    """The whole odoo-bin command line (an odoo-bin subcommand such as `shell` comes first)."""
    return [
        python or VENV_PYTHON,
        str(ODOO_PATH / "odoo-bin"),
        *([subcommand] if subcommand else []),
        *odoo_args(db, *extra, addons_dir=addons_dir),
    ]


def odoo_env(db, log_level="warn"):
    """Load the registry of `db` in this process; return it."""
    import odoo
    from odoo.tools import config

    config.parse_config(odoo_args(db, f"--log-level={log_level}", "--workers=0"))
    odoo.service.server.load_server_wide_modules()
    from odoo.modules.registry import Registry

    return Registry(db)


@contextlib.contextmanager
def environment(registry, context=None):
    """A superuser environment on a fresh cursor, committed on success."""
    from odoo import SUPERUSER_ID, api

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        companies = env["res.company"].search([])
        ctx = {"allowed_company_ids": companies.ids, "lang": "en_US", **(context or {})}
        yield api.Environment(cr, SUPERUSER_ID, ctx)


class Meter:
    """Wall time, SQL queries issued by this thread, and peak RSS of the process."""

    def __enter__(self):
        thread = threading.current_thread()
        if not hasattr(thread, "query_count"):
            thread.query_count = 0
            thread.query_time = 0.0
        self.thread = thread
        self.q0 = thread.query_count
        self.qt0 = thread.query_time
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        self.queries = self.thread.query_count - self.q0
        self.query_seconds = self.thread.query_time - self.qt0
        self.maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        return False


def percentile(values, pct):
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100.0
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def emit(result):
    """Print the machine-readable result line the orchestrator parses."""
    print("BENCH-RESULT " + json.dumps(result, default=str), flush=True)


def parse_results(stdout):
    return [
        json.loads(line[len("BENCH-RESULT ") :])
        for line in stdout.splitlines()
        if line.startswith("BENCH-RESULT ")
    ]


if __name__ == "__main__":
    # `python3 bench/common.py odoo-args`: the options, one a line, for ./dev
    if sys.argv[1:] != ["odoo-args"]:
        raise SystemExit("usage: common.py odoo-args")
    print("\n".join(odoo_args()))


def make_active_leases(env, building, name, code, count, date_start, unit_vals=None):
    """`count` new active leases of one shape for the in-shell timing scripts
    (bench/auditlog_timing.py, bench/rules_timing.py): one new tenant and one new unit of
    `building` each, 2,000 a month from `date_start` to 31 Dec 2031; committed."""
    from datetime import date

    from odoo import Command

    partners = env["res.partner"].create(
        [{"name": f"{name} {i}", "is_property_tenant": True} for i in range(count)]
    )
    units = env["property.unit"].create(
        [
            {"code": f"{code}-{i}", "building_id": building.id, **(unit_vals or {})}
            for i in range(count)
        ]
    )
    leases = env["property.lease"].create(
        [
            {
                "partner_id": partner.id,
                "date_start": date_start,
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
