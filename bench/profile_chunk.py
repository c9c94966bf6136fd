"""Profile one billing chunk of our variant, then roll it back (repeatable on the same data).

    python bench/profile_chunk.py --db DB [--leases 100] [--repeat 3] [--cprofile N]
                                  [--queries N] [--dump FILE]
    python bench/profile_chunk.py --db DB --compare [--scenario all|plain,gap,month,year]

On a copy of a bench template (`createdb -T bench_tpl_1k_<hash> mydb`): takes the first
`--leases` leases due on common.DATE_REF, runs `_generate_invoices_chunk` on them as the
scheduled action does (batch context, the company of the chunk), counts the SQL queries of
this thread, the wall time and the CPU time of this thread (less sensitive than the wall
time to the load of a shared machine), and rolls the transaction back, `--repeat` times (the first
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
import time
from collections import Counter
from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta

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
            cpu0 = time.thread_time()
            with common.Meter() as meter:
                if profiler:
                    profiler.enable()
                moves = chunk._generate_invoices_chunk(date_ref)
                env.flush_all()
                if profiler:
                    profiler.disable()
            meter.cpu_seconds = time.thread_time() - cpu0
        finally:
            if queries is not None:
                thread.query_hooks = hooks or []
        posted = len(moves.filtered(lambda m: m.state == "posted"))
        env.cr.rollback()
    return posted, meter


# values our billing puts in the line vals although account would compute them: the plain
# create of --compare leaves them out
PRECOMPUTED_LINE_KEYS = ("amount_currency", "balance")
SKIP_FIELDS = {"id", "create_date", "write_date", "move_id", "access_token", "access_url"}


def snapshot(moves):
    """Stored values of the invoices and of their lines (ids and timestamps left out)."""
    moves.env.flush_all()
    out = []
    for move in moves.sorted("id"):
        fields = {
            name: move[name]
            for name, field in move._fields.items()
            if field.store and name not in SKIP_FIELDS and field.type != "one2many"
        }
        lines = [
            {
                name: line[name]
                for name, field in line._fields.items()
                if field.store and name not in SKIP_FIELDS and field.type != "one2many"
            }
            for line in move.line_ids.sorted(lambda ln: (ln.display_type, ln.sequence, ln.id))
        ]
        out.append((fields, lines))
    return out


SCENARIOS = ("plain", "gap", "month", "year")


def apply_scenario(env, scenario, journal):
    """Sequence history the chunk must continue as Odoo does (in the rolled-back
    transaction): `gap`: the journal's latest 2026 number is 00005 with nothing before;
    `month`: February 2026 is numbered monthly (INV/2026/02/0003); `year`: see
    `shift_year` (half of the invoices dated in the previous year)."""
    if scenario not in ("gap", "month"):
        return
    name = f"{journal.code}/2026/00005" if scenario == "gap" else f"{journal.code}/2026/02/0003"
    env.cr.execute(
        """UPDATE account_move SET name = %s, date = %s, invoice_date = %s,
                  sequence_prefix = %s, sequence_number = %s
            WHERE id = (SELECT max(id) FROM account_move
                         WHERE journal_id = %s AND state = 'posted')""",
        [
            name,
            "2026-01-15" if scenario == "gap" else "2026-02-01",
            "2026-01-15" if scenario == "gap" else "2026-02-01",
            name.rsplit("/", 1)[0] + "/",
            int(name.rsplit("/", 1)[1]),
            journal.id,
        ],
    )
    env.invalidate_all()


def shift_year(Lease):
    """`year` scenario: every other lease's invoice is dated three months earlier (into
    2025, whose sequence already has numbers), in both runs alike."""
    original = Lease._prepare_rent_invoice_vals

    def prepare(self, *args, **kwargs):
        vals = original(self, *args, **kwargs)
        if self.id % 2:
            vals["invoice_date"] = vals["invoice_date"] - relativedelta(months=3)
        return vals

    Lease._prepare_rent_invoice_vals = prepare
    return original


def compare_with_plain(registry, n, scenario="plain"):
    """Bill the chunk with our code, then (rolled back in between) the same invoice values
    with a plain `create(vals_list)` + `action_post()` in the default context (chatter,
    tracking, no batch shortcut, Odoo's own numbering invoice by invoice): every stored
    field of the invoices and their lines, names included, must be equal."""
    from odoo.addons.property_billing.models import property_lease as billing

    Lease = billing.PropertyLease
    original = Lease._create_and_post
    original_prepare = shift_year(Lease) if scenario == "year" else None
    captured = {}

    def plain(self, vals_by_lease, errors):
        vals = [v for vals_list in vals_by_lease.values() for v in vals_list]
        for move_vals in vals:  # what Odoo computes itself from the rest
            for command in move_vals["invoice_line_ids"]:
                for key in PRECOMPUTED_LINE_KEYS:
                    command[2].pop(key, None)
        captured["vals"] = vals
        moves = self.env["account.move"].with_context(
            {k: v for k, v in self.env.context.items() if k in ("allowed_company_ids", "lang")}
        )
        moves = moves.create(vals)
        moves.action_post()
        return moves

    snaps = []
    for impl in (original, plain):
        Lease._create_and_post = impl
        try:
            with common.environment(registry) as env:
                from odoo.addons.property_billing.models.property_lease import BATCH_CONTEXT

                leases, company = due_chunk(env, n)
                apply_scenario(env, scenario, company._property_get_rent_journal())
                chunk = leases.sudo().with_company(company).with_context(**BATCH_CONTEXT)
                moves = chunk._generate_invoices_chunk(date.fromisoformat(common.DATE_REF))
                snaps.append(snapshot(moves))
                names = sorted(moves.mapped("name"))
                env.cr.rollback()
        finally:
            Lease._create_and_post = original
    if original_prepare:
        Lease._prepare_rent_invoice_vals = original_prepare
    print(f"[{scenario}] names: {names[0]} .. {names[-1]}, {len(set(names))} distinct")
    ours, ref = snaps
    diffs = Counter()
    for (mf, ml), (rf, rl) in zip(ours, ref, strict=True):
        diffs.update(k for k in mf if mf[k] != rf[k])
        if len(ml) != len(rl):
            diffs["(number of lines)"] += 1
            continue
        for a, b in zip(ml, rl, strict=True):
            diffs.update(f"line.{k}" for k in a if a[k] != b[k])
    print(
        f"[{scenario}] compared {len(ours)} invoices with the plain create + post of the same "
        "values"
    )
    for key, count in diffs.most_common():
        print(f"  differs: {key} on {count}")
    if not diffs:
        print("  identical (every stored field of the invoices and their lines)")
    return not diffs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--leases", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cprofile", type=int, default=0)
    parser.add_argument("--queries", type=int, default=0)
    parser.add_argument("--dump", help="write the cProfile stats of the last run to this file")
    parser.add_argument(
        "--compare", action="store_true", help="compare with a plain create + post and exit"
    )
    parser.add_argument(
        "--scenario",
        default="all",
        help=f"with --compare: sequence histories, comma-separated among {SCENARIOS} or all",
    )
    args = parser.parse_args()
    registry = common.odoo_env(args.db)
    if args.compare:
        scenarios = SCENARIOS if args.scenario == "all" else args.scenario.split(",")
        results = [compare_with_plain(registry, args.leases, scenario) for scenario in scenarios]
        sys.exit(0 if all(results) else 1)
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
            f"({meter.queries / max(posted, 1):.2f}/invoice), SQL {meter.query_seconds:.2f} s, "
            f"Python CPU {meter.cpu_seconds:.2f} s "
            f"({1000 * meter.cpu_seconds / max(posted, 1):.1f} ms/invoice)",
            flush=True,
        )
        if i or args.repeat == 1:
            figures.append((posted, meter.seconds, meter.queries, meter.cpu_seconds))
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
            f"{sum(f[2] for f in figures) / max(posted, 1):.2f} queries/invoice, "
            f"Python CPU {1000 * sum(f[3] for f in figures) / max(posted, 1):.2f} ms/invoice"
        )


if __name__ == "__main__":
    main()
