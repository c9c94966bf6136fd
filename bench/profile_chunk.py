"""Profile one billing chunk of our variant, then roll it back (repeatable on the same data).

    python bench/profile_chunk.py --db DB [--leases 100] [--repeat 3] [--cprofile N]
                                  [--queries N] [--dump FILE]

On a copy of a bench template (`createdb -T bench_tpl_1k_<hash> mydb`): takes the first
`--leases` leases due on common.DATE_REF, runs `_generate_invoices_chunk` on them as the
scheduled action does (batch context, the company of the chunk), counts the SQL queries of
this thread and the wall time, and rolls the transaction back, `--repeat` times (the first
run warms the caches and is reported apart). With `--cprofile N` the last run is profiled
and the N most expensive functions (cumulative) are printed; with `--queries N`, the N most
frequent query shapes of the last run.
"""

import argparse
import cProfile
import io
import pstats
import re
import sys
import threading
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common


def due_chunk(env, n):
    env.cr.execute(
        """SELECT id, company_id FROM property_lease
            WHERE state IN ('active', 'expiring') AND next_invoice_date <= %s
         ORDER BY company_id, next_invoice_date, id LIMIT %s""",
        [date.fromisoformat(common.DATE_REF), n],
    )
    rows = env.cr.fetchall()
    company = env["res.company"].browse(rows[0][1])
    return env["property.lease"].browse([r[0] for r in rows if r[1] == company.id]), company


def shape(query):
    """A query without its literals, to group queries by shape."""
    text = query if isinstance(query, str) else query.decode(errors="replace")
    text = re.sub(r"'[^']*'", "?", text)
    text = re.sub(r"\b\d+\b", "?", text)
    text = re.sub(r"(\?\s*,\s*)+\?", "?..", text)
    return " ".join(text.split())[:220]


def run_once(registry, n, profiler=None, queries=None):
    from odoo.addons.property_billing.models.property_lease import BATCH_CONTEXT

    with common.environment(registry) as env:
        leases, company = due_chunk(env, n)
        chunk = leases.sudo().with_company(company).with_context(**BATCH_CONTEXT)
        thread = threading.current_thread()
        hooks = getattr(thread, "query_hooks", None)
        if queries is not None:
            thread.query_hooks = [lambda _cr, query, *_args: queries.append(query)]
        date_ref = date.fromisoformat(common.DATE_REF)
        try:
            with common.Meter() as meter:
                if profiler:
                    profiler.enable()
                moves = chunk._generate_invoices_chunk(date_ref)
                env.flush_all()
                if profiler:
                    profiler.disable()
        finally:
            if queries is not None:
                thread.query_hooks = hooks or []
        posted = len(moves.filtered(lambda m: m.state == "posted"))
        env.cr.rollback()
    return posted, meter


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--leases", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cprofile", type=int, default=0)
    parser.add_argument("--queries", type=int, default=0)
    parser.add_argument("--dump", help="write the cProfile stats of the last run to this file")
    args = parser.parse_args()
    registry = common.odoo_env(args.db)
    figures = []
    for i in range(args.repeat):
        last = i == args.repeat - 1
        profiler = cProfile.Profile() if last and args.cprofile else None
        queries = [] if last and args.queries else None
        posted, meter = run_once(registry, args.leases, profiler, queries)
        label = "warm-up" if i == 0 and args.repeat > 1 else f"run {i}"
        print(
            f"{label}: {posted} invoices in {meter.seconds:.2f} s "
            f"({posted / meter.seconds:.1f}/s), {meter.queries} queries "
            f"({meter.queries / max(posted, 1):.2f}/invoice), SQL {meter.query_seconds:.2f} s",
            flush=True,
        )
        if i or args.repeat == 1:
            figures.append((posted, meter.seconds, meter.queries))
        if profiler and args.dump:
            profiler.dump_stats(args.dump)
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.cprofile)
            print(out.getvalue())
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.cprofile)
            print(out.getvalue())
        if queries:
            for text, count in Counter(shape(q) for q in queries).most_common(args.queries):
                print(f"{count:5d}  {text}")
    if figures:
        posted = sum(f[0] for f in figures)
        seconds = sum(f[1] for f in figures)
        print(
            f"mean of {len(figures)} runs: {posted / seconds:.1f} invoices/s, "
            f"{sum(f[2] for f in figures) / max(posted, 1):.2f} queries/invoice"
        )


if __name__ == "__main__":
    main()
