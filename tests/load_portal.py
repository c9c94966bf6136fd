#!/usr/bin/env python3
"""Portal load and isolation under load: not part of `./dev test`.

    tests/load_portal.py --db DB [--tenants 50] [--seconds 60] [--workers 2]

The database needs the four addons and the portfolio of bench/generate.py (portal tenants
`tenantNNNNNN@bench.example.com`); with --generate N the script generates N leases first.
It starts `odoo-bin --workers=W` on free loopback ports (stopped at the end) and logs the
tenants in (one session each), both as bench/portal.py does, then, for a bounded time, has
each of them loop over

    GET /my/leases, GET /my/leases/<own>, GET /my/leases/<another tenant's> (must be 403/404),
    GET /my/invoices, GET /my/tickets, GET /my/property/statement (when billing is installed)

Every body is searched for tenant names ("Bench Tenant NNNNNN"): a name other than the
tenant's own is a cross-tenant leak. Prints the figures; exit status 1 on any 5xx or leak
(connection errors, i.e. a saturated machine, are reported but do not fail the run)."""

import argparse
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import common
from portal import login, start_server, stop_server

NAME_RE = re.compile(r"Bench Tenant \d{6}")


def say(msg):
    print(f"[load-portal] {msg}", flush=True)


def psql(db, sql):
    return common.psql(sql, db=db)


def tenants(db, count):
    """[(login, own partner name, own lease ids, a foreign lease id)] of portal tenants."""
    rows = psql(
        db,
        """SELECT u.login, p.name,
                  coalesce(string_agg(l.id::text, ',' ORDER BY l.id), '')
             FROM res_users u
             JOIN res_partner p ON p.id = u.partner_id
        LEFT JOIN property_lease l ON l.partner_id = p.id AND l.state NOT IN ('draft', 'cancel')
            WHERE u.login LIKE 'tenant%%@bench.example.com' AND u.active
         GROUP BY u.login, p.name
         ORDER BY u.login""",
    )
    result = []
    all_leases = [int(x) for x in psql(db, "SELECT id FROM property_lease ORDER BY id").split()]
    for line in rows.splitlines():
        login, name, lease_ids = line.split("|")
        own = [int(x) for x in lease_ids.split(",") if x]
        foreign = next((lid for lid in all_leases if lid not in own), None)
        result.append((login, name, own, foreign))
    return result[:count]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.status = Counter()
        self.errors = Counter()
        self.leaks = []
        self.closed = False  # set at the end: stragglers are not counted

    def record(self, route, status, seconds):
        with self.lock:
            if self.closed:
                return
            self.latencies.append(seconds)
            self.status[(route, status)] += 1

    def error(self, route, exc):
        with self.lock:
            if self.closed:
                return
            self.errors[(route, type(exc).__name__)] += 1

    def leak(self, login, url, names):
        with self.lock:
            self.leaks.append((login, url, sorted(names)[:3]))


def client(base, tenant, clock, stats, with_billing, barrier):
    """One tenant; `clock["deadline"]` is set once every tenant has logged in."""
    login_name, own_name, own_leases, foreign = tenant
    try:
        session = login(base, login_name)
    except Exception as exc:  # noqa: BLE001 - counted
        stats.error("login", exc)
        barrier.wait()
        return
    barrier.wait()
    routes = ["/my/leases", "/my/invoices", "/my/tickets"]
    if own_leases:
        routes.append(f"/my/leases/{own_leases[0]}")
    if with_billing:
        routes.append("/my/property/statement")
    while time.time() < clock["deadline"]:
        for route in routes + ([f"/my/leases/{foreign}"] if foreign else []):
            if time.time() >= clock["deadline"]:
                break
            t0 = time.perf_counter()
            try:
                response = session.get(base + route, timeout=60, allow_redirects=False)
            except requests.RequestException as exc:
                stats.error(route.rsplit("/", 1)[0] if route[-1].isdigit() else route, exc)
                continue
            key = "/my/leases/<own>" if route.startswith("/my/leases/") else route
            if foreign and route == f"/my/leases/{foreign}":
                key = "/my/leases/<foreign>"
                if response.status_code not in (403, 404, 303, 302):
                    stats.leak(login_name, route, {f"status {response.status_code}"})
            stats.record(key, response.status_code, time.perf_counter() - t0)
            if response.headers.get("Content-Type", "").startswith("text/html"):
                names = set(NAME_RE.findall(response.text)) - {own_name}
                if names:
                    stats.leak(login_name, route, names)


def percentile(values, pct):
    values = sorted(values)
    if not values:
        return 0.0
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--tenants", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--generate", type=int, default=0, help="generate N leases first")
    args = parser.parse_args()
    seconds = max(5, min(args.seconds, 300))  # bounded

    if args.generate:
        say(f"generating {args.generate} leases with bench/generate.py")
        subprocess.run(
            [
                common.VENV_PYTHON,
                str(REPO / "bench/generate.py"),
                "--db",
                args.db,
                "--leases",
                str(args.generate),
                "--portal-users",
                str(args.tenants),
            ],
            check=True,
        )
    people = tenants(args.db, args.tenants)
    if len(people) < args.tenants:
        raise SystemExit(
            f"only {len(people)} portal tenants in {args.db}: run with --generate N "
            f"(N >= {args.tenants})"
        )
    with_billing = (
        psql(args.db, "SELECT state FROM ir_module_module WHERE name = 'property_billing'")
        == "installed"
    )
    proc, base = start_server(
        args.db, workers=args.workers, log=common.STATE / "load_portal_odoo.log"
    )
    say(f"odoo --workers={args.workers} on {base}, {len(people)} tenants, {seconds} s")
    stats = Stats()
    try:
        barrier = threading.Barrier(len(people) + 1, timeout=600)
        threads = []
        deadline_box = {}

        def run(tenant):
            barrier_started.wait()
            client(base, tenant, deadline_box, stats, with_billing, barrier)

        barrier_started = threading.Event()
        for tenant in people:
            thread = threading.Thread(target=run, args=(tenant,), daemon=True)
            thread.start()
            threads.append(thread)
        deadline_box["deadline"] = time.time() + 600  # provisional, during logins
        barrier_started.set()
        barrier.wait()  # every tenant logged in
        t0 = time.time()
        deadline_box["deadline"] = t0 + seconds
        # bounded: in-flight requests time out after 60 s, stragglers are abandoned
        hard_stop = time.monotonic() + seconds + 90
        for thread in threads:
            thread.join(timeout=max(0.0, hard_stop - time.monotonic()))
        elapsed = time.time() - t0
        deadline_box["deadline"] = 0
        with stats.lock:
            stats.closed = True
    finally:
        stop_server(proc)

    total = sum(stats.status.values())
    server_errors = sum(n for (_route, status), n in stats.status.items() if status >= 500)
    say(f"{total} requests in {elapsed:.0f} s: {total / elapsed:.1f} req/s")
    p50 = percentile(stats.latencies, 50)
    p95 = percentile(stats.latencies, 95)
    worst = max(stats.latencies or [0])
    say(f"latency p50 {p50:.2f} s, p95 {p95:.2f} s, max {worst:.2f} s")

    for (route, status), n in sorted(stats.status.items()):
        say(f"  {route:28} {status}: {n}")
    for (route, error), n in sorted(stats.errors.items()):
        say(f"  {route:28} {error}: {n}")
    say(
        f"5xx: {server_errors}, request errors: {sum(stats.errors.values())}, "
        f"cross-tenant leaks: {len(stats.leaks)}"
    )
    for leak in stats.leaks[:10]:
        say(f"  LEAK {leak}")
    # the guarantee: no 5xx and no cross-tenant data; connection errors (listen backlog full,
    # client starved of CPU) are reported as figures of the machine's capacity
    if stats.errors:
        say("warning: connection errors mean the server or this client ran out of capacity")
    ok = server_errors == 0 and not stats.leaks and total > 0
    print(f"load portal: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
