"""Benchmark orchestrator (called by bench/run, i.e. `./dev bench`).

    ./dev bench [--size 1k|10k|50k] [--variants ours,ours2,oca,naive,floor]
                [--skip-dashboards] [--skip-portal] [--naive-limit N] [--keep]
    ./dev bench --smoke      200 leases, ours + ours2 + floor + a few naive invoices + dashboards,
                             exits non-zero when a check fails; BENCHMARKS.md untouched

1. A template database per size, keyed by a hash of the addons' code and of the generator
   (`bench_tpl_<size>_<hash>`): the four addons installed without demo data, then
   bench/generate.py. Rebuilt only when that code changes.
2. Each billing variant runs in its own process on its own copy (CREATE DATABASE ...
   TEMPLATE) of that template: identical data, identical expected invoices.
3. Dashboards and portal are measured on the copy billed by our variant.
4. The results go to bench/results/<size>.json; BENCHMARKS.md is rewritten from all the
   result files present (so sizes can be compared).
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import report

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
PY = sys.executable


def say(msg):
    print(f"[bench] {msg}", flush=True)


def run_py(script, *args, timeout=None):
    """Run a bench script; its stdout goes through, BENCH-RESULT lines are returned."""
    proc = subprocess.Popen(
        [PY, str(BENCH / script), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line)
            if not line.startswith("BENCH-RESULT "):
                print("    " + line.rstrip()[:300], flush=True)
        proc.wait(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
    results = common.parse_results("".join(lines))
    if proc.returncode or not results:
        return None, "".join(lines[-30:])
    return results, None


def odoo_once(db, *args):
    """odoo-bin on `db` with `args`, stopped after init, no HTTP; output captured."""
    return subprocess.run(
        common.odoo_command(
            db, *args, "--stop-after-init", "--log-level=warn", "--http-port=0", python=PY
        ),
        capture_output=True,
        text=True,
        check=False,
    )


def ensure_template(n_leases, label, reuse=False):
    digest = common.code_hash()
    name = f"bench_tpl_{label}_{digest}"
    if common.db_exists(name):
        say(f"template {name} is up to date")
        return name
    existing = common.psql(
        f"SELECT datname FROM pg_database WHERE datname LIKE 'bench_tpl_{label}_%'"
    ).split()
    if reuse and existing:
        say(f"reusing template {existing[0]} (--reuse-template): updating its modules to the code")
        proc = odoo_once(existing[0], "-u", ",".join(common.TEMPLATE_MODULES))
        if proc.returncode:
            raise SystemExit(f"[bench] updating the template failed:\n{proc.stderr[-3000:]}")
        common.psql(f'ALTER DATABASE "{existing[0]}" RENAME TO "{name}"')
        return name
    # a build database of our own (two runs may build at once); the outdated templates are
    # dropped only once the new one exists, so that runs reusing them are not cut short
    build = f"bench_build_{label}_{os.getpid()}"
    common.drop_db(build)
    say(f"building template {name}: installing {', '.join(common.TEMPLATE_MODULES)}")
    t0 = time.perf_counter()
    proc = odoo_once(build, "-i", ",".join(common.TEMPLATE_MODULES), "--without-demo=all")
    if proc.returncode:
        raise SystemExit(f"[bench] installing the addons failed:\n{proc.stderr[-3000:]}")
    say(f"  installed in {time.perf_counter() - t0:.0f} s; generating {n_leases} leases")
    t1 = time.perf_counter()
    portal_users = 60 if n_leases >= 1000 else 5
    gen = subprocess.run(
        [PY, str(BENCH / "generate.py"), "--db", build, "--leases", str(n_leases)]
        + ["--portal-users", str(portal_users)],
        check=False,
    )
    if gen.returncode:
        raise SystemExit("[bench] the data generator failed")
    if common.db_exists(name):  # built meanwhile by another run
        common.drop_db(build)
    else:
        common.psql(f'ALTER DATABASE "{build}" RENAME TO "{name}"')
    say(f"  generated in {time.perf_counter() - t1:.0f} s: template {name}")
    for old in existing:
        say(f"dropping the outdated template {old}")
        common.drop_db(old)
    return name


def ensure_oca_contract():
    """OCA contract 18.0 from PyPI into the virtualenv (never into the repository); it is
    installed as an Odoo module in the OCA variant's database copy only. Idempotent."""
    probe = subprocess.run(
        [
            PY,
            "-c",
            "import importlib.util as u, sys; "
            + "sys.exit(u.find_spec('odoo.addons.contract') is None)",
        ],
        capture_output=True,
        check=False,
        env=dict(os.environ, PYTHONPATH=str(common.ODOO_PATH)),
    )
    if probe.returncode == 0:
        return True
    say("installing OCA contract 18.0 from PyPI into the virtualenv (pip --no-deps)")
    # its manifest depends on base, account, product and portal only: no other OCA wheel
    pip = subprocess.run(
        [PY, "-m", "pip", "install", "-q", "--no-deps", "odoo-addon-contract==18.0.*"],
        check=False,
    )
    return pip.returncode == 0


def check_variant(res):
    """List of problems of one billing variant's result."""
    problems = []
    if res["posted"] != res["expected_invoices"] or res["invoices"] != res["posted"]:
        problems.append(
            f"{res['posted']} posted / {res['invoices']} created, "
            f"{res['expected_invoices']} expected"
        )
    # the same invoices as the data says: every cent of the total and of the VAT, every line
    if abs(res["total"] - res["expected_total"]) >= 0.005:
        problems.append(f"total {res['total']:.2f} != expected {res['expected_total']:.2f}")
    if "expected_tax" in res and abs(res["tax"] - res["expected_tax"]) >= 0.005:
        problems.append(f"tax {res['tax']:.2f} != expected {res['expected_tax']:.2f}")
    if "expected_lines" in res and res["lines"] != res["expected_lines"]:
        problems.append(f"{res['lines']} lines != expected {res['expected_lines']}")
    for key in ("unbalanced", "unnamed", "duplicate_names"):
        if res.get(key):
            problems.append(f"{res[key]} {key.replace('_', ' ')} invoices")
    return problems


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    sys.path.insert(0, str(common.ODOO_PATH))
    from odoo import release

    git = subprocess.run(
        ["git", "-C", str(common.ODOO_PATH), "log", "-1", "--format=%H %cs"],
        capture_output=True,
        text=True,
        check=False,
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "mem_mb": mem,
        "load": os.getloadavg(),
        "python": platform.python_version(),
        "odoo": release.version,
        "odoo_commit": git.stdout.strip() if git.returncode == 0 else "not a git checkout",
        "postgres": common.psql("SHOW server_version"),
        "repo_commit": subprocess.run(
            ["git", "-C", str(common.REPO), "log", "-1", "--format=%h %s"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def save(run):
    """Merge this run into bench/results/<size>.json (variants or parts not run this time are
    kept from the previous run) and rewrite BENCHMARKS.md. Called after every stage."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{run['size']}.json"
    merged = json.loads(path.read_text()) if path.exists() else {}
    billing = {**merged.get("billing", {}), **run["billing"]}
    runs = [r for r in merged.get("runs", []) if r.get("date") != run["machine"]["date"]]
    runs.append(
        {
            "date": run["machine"]["date"],
            "command": run["command"],
            "repo_commit": run["machine"]["repo_commit"],
            "load": run["machine"]["load"],
            "parts": sorted(run["billing"]) + [p for p in ("dashboards", "portal") if p in run],
        }
    )
    merged.update({k: v for k, v in run.items() if k != "billing"})
    merged["billing"] = billing
    merged["runs"] = runs
    path.write_text(json.dumps(merged, indent=1, default=str) + "\n")
    report.write_markdown(RESULTS, common.REPO / "BENCHMARKS.md")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1k", choices=[s for s in common.SIZES if s != "smoke"])
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--variants", default="ours,queue1,queue2,queue4,oca,naive,floor")
    parser.add_argument("--naive-limit", type=int, default=1000)
    parser.add_argument("--skip-dashboards", action="store_true")
    parser.add_argument("--skip-portal", action="store_true")
    parser.add_argument("--dash-invoices", type=int, default=100000)
    parser.add_argument("--keep", action="store_true", help="keep the billed databases")
    parser.add_argument("--build-only", action="store_true", help="only build the template")
    parser.add_argument(
        "--reuse-template",
        action="store_true",
        help="use the existing template of that size even if the addons' code changed",
    )
    args = parser.parse_args()
    label = "smoke" if args.smoke else args.size
    n_leases = common.SIZES[label]
    variants = ["ours", "queue2", "floor", "naive"] if args.smoke else args.variants.split(",")
    naive_limit = 20 if args.smoke else args.naive_limit
    t_start = time.perf_counter()
    # which command measured a variant: ratios are honest between variants of one command
    run_id = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()) + f" pid {os.getpid()}"
    problems = []
    run = {
        "seconds": 0,
        "size": label,
        "leases": n_leases,
        "machine": machine(),
        "command": "./dev bench " + " ".join(sys.argv[1:]),
        "billing": {},
    }
    if (
        not args.build_only
        and any(v.startswith("oca") for v in variants)
        and not ensure_oca_contract()
    ):
        problems.append("billing oca: could not install odoo-addon-contract")
        variants = [v for v in variants if not v.startswith("oca")]
    # copies of the template: bench_<size>_<variant>, or <BENCH_DB_PREFIX>_<size>_<variant>;
    # the smoke run of a `./dev test` with its own PROPERTY_TEST_DB uses <that db>_bench, so
    # that two test runs on the machine do not drop each other's copies
    test_db = os.environ.get("PROPERTY_TEST_DB")
    prefix = os.environ.get("BENCH_DB_PREFIX") or (
        f"{test_db}_bench" if args.smoke and test_db else "bench"
    )
    template = ensure_template(n_leases, label, args.reuse_template)
    if args.build_only:
        return
    for variant in variants:
        db = f"{prefix}_{label}_{variant}"
        say(f"billing variant '{variant}' on a copy of the template ({db})")
        common.copy_db(template, db)
        extra = ["--limit", naive_limit] if variant == "naive" else []
        results, error = run_py("variants.py", "--db", db, "--variant", variant, *extra)
        if error:
            problems.append(f"billing {variant}: the run crashed")
            say(f"  variant {variant} crashed:\n{error}")
            run["billing"][variant] = {"variant": variant, "error": error[-1500:]}
        else:
            res = results[-1]
            res["measured_at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
            res["run"] = run_id
            res["load"] = os.getloadavg()
            res["problems"] = check_variant(res)
            problems += [f"billing {variant}: {p}" for p in res["problems"]]
            run["billing"][variant] = res
            say(
                f"  {res['posted']} invoices in {res['seconds']:.2f} s = "
                f"{res['invoices_per_s']:.1f}/s, {res['queries_per_invoice']:.1f} queries/inv, "
                f"checks: {'; '.join(res['problems']) or 'all good'}"
            )
        if variant != "ours" and not args.keep:
            common.drop_db(db)
        if not args.smoke:
            save(run)
    billed = f"{prefix}_{label}_ours"
    if common.db_exists(billed) and not args.skip_dashboards:
        say("dashboards")
        dash_args = ["--db", billed, "--reps", 3 if args.smoke else 10]
        if not args.smoke:
            dash_args += ["--pad-invoices", args.dash_invoices]
        results, error = run_py("dashboard.py", *dash_args)
        if error:
            problems.append("dashboards: the run crashed")
            say(f"  dashboards crashed:\n{error}")
        else:
            run["dashboards"] = results[-1]
            if not args.smoke:
                save(run)
    if common.db_exists(billed) and not args.smoke and not args.skip_portal:
        say("portal (odoo-bin --workers=2 on loopback)")
        results, error = run_py("portal.py", "--db", billed)
        if error:
            problems.append("portal: the run crashed")
            say(f"  portal crashed:\n{error}")
        else:
            run["portal"] = results[-1]
    if not args.keep and common.db_exists(billed):
        common.drop_db(billed)
    run["seconds"] = time.perf_counter() - t_start
    run["problems"] = problems
    print(report.table(run), flush=True)
    if not args.smoke:
        save(run)
        say(f"wrote bench/results/{label}.json and BENCHMARKS.md")
    if problems:
        say("PROBLEMS:\n  " + "\n  ".join(problems))
        sys.exit(1)
    say(f"{'smoke run' if args.smoke else 'run'} OK in {run['seconds']:.0f} s")


if __name__ == "__main__":
    main()
