"""Portal load: Odoo in multi-worker mode on loopback, tenants as concurrent clients.

    python bench/portal.py --db DB [--levels 1,2,5,10,20,50] [--seconds 6]

Starts `odoo-bin --workers=2` on free loopback ports (stopped at the end), logs the generated
portal tenants in (one requests.Session each), then for each route and each concurrency level
runs that many client threads for a fixed duration and records every request's latency:

- GET /my/invoices       (account's portal list)
- GET /my/tickets        (property_maintenance's list)
- POST /my/tickets/new   (ticket submit: GET the form for its CSRF token, unit and category,
                          then POST; the POST is what is timed)

Before the levels, every session opens each GET route once ("first visit", reported apart
in `first_visit`): a tenant's first list view can write (e.g. account's /my/invoices gives
each listed invoice an access token, one ORM write per invoice), and without this the
levels that bring new tenants in would time those one-off writes instead of the steady
state.
"""

import argparse
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from generate import PORTAL_PASSWORD

CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
OPTION_RE = r'<select[^>]*name="{name}".*?</select>'
VALUE_RE = re.compile(r'<option[^>]*value="(\d+)"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(db):
    """Portal tenants' logins, and a portal-visible ticket category per company."""
    registry = common.odoo_env(db)
    with common.environment(registry) as env:
        users = env["res.users"].search(
            [("share", "=", True), ("login", "like", "@bench.example.com")], order="id"
        )
        if "property.ticket.category" in env:
            Category = env["property.ticket.category"]
            for company in env["res.company"].search([]):
                if not Category.search_count(
                    [("company_id", "=", company.id), ("portal_visible", "=", True)]
                ):
                    team = env["maintenance.team"].search(
                        [("company_id", "=", company.id)], limit=1
                    )
                    Category.create(
                        {
                            "name": "Plumbing (bench)",
                            "company_id": company.id,
                            "ticket_type": Category._fields["ticket_type"].selection[0][0],
                            "team_id": team.id,
                            "portal_visible": True,
                        }
                    )
        env.cr.commit()
        return users.mapped("login")


def start_server(db, workers=2, log=None):
    """odoo-bin --workers on free loopback ports; returns (process, base URL) once it
    answers. Stop it with `stop_server`."""
    port, gevent_port = free_port(), free_port()
    log = log or common.STATE / "bench-portal.log"
    proc = subprocess.Popen(
        common.odoo_command(
            db,
            f"--workers={workers}",
            "--max-cron-threads=0",
            f"--http-port={port}",
            f"--gevent-port={gevent_port}",
            "--http-interface=127.0.0.1",
            f"--db-filter=^{db}$",
            "--no-database-list",
            "--log-level=warn",
            f"--logfile={log}",
            "--limit-time-real=120",
            python=sys.executable,
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"odoo-bin exited ({proc.returncode}), see {log}")
        try:
            if requests.get(f"{base}/web/login", timeout=5).status_code == 200:
                return proc, base
        except requests.RequestException:
            pass
        time.sleep(1)
    stop_server(proc)
    raise SystemExit("odoo-bin did not answer on /web/login within 120 s")


def stop_server(proc):
    """Stop the server of `start_server` (its master stops the workers)."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def login(base, login_name):
    session = requests.Session()
    page = session.get(f"{base}/web/login", timeout=60)
    token = CSRF_RE.search(page.text).group(1)
    resp = session.post(
        f"{base}/web/login",
        data={
            "login": login_name,
            "password": PORTAL_PASSWORD,
            "csrf_token": token,
            "redirect": "/my",
        },
        timeout=60,
    )
    if resp.status_code != 200 or "/web/login" in resp.url:
        raise RuntimeError(f"login of {login_name} failed ({resp.status_code} {resp.url})")
    return session


def submit_ticket(base, session):
    form = session.get(f"{base}/my/tickets/new", timeout=60)
    match = CSRF_RE.search(form.text)
    if not match:
        raise RuntimeError(f"no ticket form (HTTP {form.status_code})")
    token = match.group(1)
    values = {}
    for name in ("unit_id", "category_id"):
        select = re.search(OPTION_RE.format(name=name), form.text, re.DOTALL)
        options = VALUE_RE.findall(select.group(0)) if select else []
        values[name] = options[0] if options else ""
    t0 = time.perf_counter()
    resp = session.post(
        f"{base}/my/tickets/new",
        data={
            "csrf_token": token,
            "name": "Bench: the heating does not work",
            "description": "Submitted by the portal benchmark.",
            "priority": "2",
            **values,
        },
        timeout=60,
        allow_redirects=False,
    )
    elapsed = (time.perf_counter() - t0) * 1000
    ok = resp.status_code in (302, 303) and "/my/tickets/" in resp.headers.get("Location", "")
    return ok, elapsed


def get_route(route):
    def run(base, session):
        t0 = time.perf_counter()
        resp = session.get(f"{base}{route}", timeout=60)
        ok = resp.status_code == 200 and "/web/login" not in resp.url
        return ok, (time.perf_counter() - t0) * 1000

    return run


ROUTES = {
    "GET /my/invoices": get_route("/my/invoices"),
    "GET /my/tickets": get_route("/my/tickets"),
    "POST /my/tickets/new (submit)": submit_ticket,
}


def first_visits(base, sessions):
    """Each session opens each GET route once, two at a time (as many as workers)."""
    stats = {}
    for route, action in ROUTES.items():
        if not route.startswith("GET "):
            continue
        with ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(lambda session, a=action: a(base, session), sessions))
        latencies = [ms for ok, ms in runs if ok]
        stats[route] = {
            "requests": len(runs),
            "errors": len(runs) - len(latencies),
            "p50_ms": common.percentile(latencies, 50),
            "max_ms": max(latencies, default=None),
        }
        print(
            f"[portal] {route} first visit of {len(runs)} tenants: "
            f"p50 {stats[route]['p50_ms'] or 0:.0f} ms, max {stats[route]['max_ms'] or 0:.0f} ms, "
            f"{stats[route]['errors']} errors",
            flush=True,
        )
    return stats


def load(base, sessions, action, clients, seconds):
    latencies, errors = [], []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def worker(session):
        while time.perf_counter() < stop_at:
            try:
                ok, ms = action(base, session)
            except Exception as exc:  # noqa: BLE001 - any failure is an error of the run
                ok, ms = False, None
                with lock:
                    errors.append(str(exc)[:200])
            with lock:
                if ok:
                    latencies.append(ms)
                elif ms is not None:
                    errors.append("bad response")

    t0 = time.perf_counter()
    threads = [
        threading.Thread(target=worker, args=(sessions[i % len(sessions)],)) for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - t0
    return {
        "clients": clients,
        "requests": len(latencies),
        "errors": len(errors),
        "p50_ms": common.percentile(latencies, 50),
        "p95_ms": common.percentile(latencies, 95),
        "rps": len(latencies) / wall if wall else 0,
        "error_sample": errors[:3],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--levels", default="1,2,5,10,20,50")
    parser.add_argument("--seconds", type=float, default=6.0)
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    logins = prepare(args.db)
    if not logins:
        raise SystemExit("no portal tenant in the database")
    proc, base = start_server(args.db)
    result = {"results": [], "tenants": len(logins)}
    try:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(4) as pool:
            sessions = list(pool.map(lambda name: login(base, name), logins[: max(levels)]))
        result["login_s"] = time.perf_counter() - t0
        print(f"[portal] {len(sessions)} tenants logged in on {base}", flush=True)
        result["first_visit"] = first_visits(base, sessions)
        for route, action in ROUTES.items():
            load(base, sessions, action, 1, 1.0)  # warm-up
            for clients in levels:
                res = load(base, sessions, action, clients, args.seconds)
                res["route"] = route
                result["results"].append(res)
                print(
                    f"[portal] {route} x{clients}: {res['requests']} req, "
                    f"p50 {res['p50_ms'] or 0:.0f} ms, p95 {res['p95_ms'] or 0:.0f} ms, "
                    f"{res['rps']:.1f} req/s, {res['errors']} errors",
                    flush=True,
                )
    finally:
        stop_server(proc)
    doubles = {}
    for route in ROUTES:
        rows = [r for r in result["results"] if r["route"] == route and r["p50_ms"]]
        base_p50 = rows[0]["p50_ms"] if rows else None
        hit = next((r["clients"] for r in rows if base_p50 and r["p50_ms"] >= 2 * base_p50), None)
        doubles[route] = f"{hit} clients" if hit else f"not within {max(levels)} clients"
    result["p50_doubles_at"] = "; ".join(f"{k}: {v}" for k, v in doubles.items())
    result["note"] = (
        f"{len(logins)} portal tenants, each client thread with its own logged-in session "
        f"(sessions reused when clients > tenants); {args.seconds:.0f} s per level; "
        "the ticket submit times the POST only; every tenant opened each list once before "
        "(first_visit)."
    )
    common.emit(result)


if __name__ == "__main__":
    main()
