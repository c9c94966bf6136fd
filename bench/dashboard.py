"""Dashboard latencies: every KPI query and the opening of every dashboard action.

    python bench/dashboard.py --db DB [--reps 10] [--pad-invoices 100000] [--pad-leases 20000]

--pad-invoices first copies the posted rent invoices of the database (moves and lines,
periods shifted back month by month, unpaid) with INSERT ... SELECT until the database holds
that many customer invoices: the dashboards are then measured at that ledger size.
--pad-leases (default: 20000 when --pad-invoices is given, else 0) copies the ended leases
with their unit lines, dates shifted back year by year, until that many leases exist: a
lease history of that size behind the same units. Ended leases are outside the lease
exclusion constraint (only signature/deposit/active/expiring lines may not overlap).

Measured as the admin user (record rules of a multi-company user apply), cache cleared
between repetitions:
- KPI: `read_group` of each `property.*.report` model with all its aggregated measures,
  once without grouping and once per groupable field (many2one, selection, date:month);
  `_get_kpis()` when the model has it;
- open: what the web client does when a dashboard menu is clicked: `get_views` of the
  action's views, then `web_read_group` for the graph/pivot or `web_search_read` for a list;
- spreadsheet dashboards: opening each of our spreadsheet dashboards runs one `read_group` per
  pivot (the number tiles) and one `web_read_group` per Odoo chart of its JSON, with the
  default values of its global filters (the period); timed in sequence, one row per
  dashboard, plus its slowest data source.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

SHIFTED_DATES = ("date", "invoice_date", "invoice_date_due", "property_period_start")


def columns(cr, table, skip=()):
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND table_schema = 'public' ORDER BY ordinal_position""",
        [table],
    )
    return [c for (c,) in cr.fetchall() if c not in skip]


def copy_rows(cr, k, base, left, parent, child):
    """Copy round `k`: at most `left` of the `base` rows of a table (new ids from its
    sequence) and their child rows, through the select expressions of each column (which may
    use %(k)s). `parent` is (table, columns, select), `child` (table, fk, columns, select).
    Returns the number of parent rows copied."""
    table, cols, select = parent
    child_table, fk, child_cols, child_select = child
    cr.execute(
        f"""CREATE TEMP TABLE IF NOT EXISTS bench_pad (old_id int, new_id int);
            TRUNCATE bench_pad;
            INSERT INTO bench_pad
            SELECT id, nextval('{table}_id_seq') FROM {table}
             WHERE id = ANY(%(base)s) ORDER BY id LIMIT %(left)s""",
        {"base": base, "left": left},
    )
    cr.execute(
        f"""INSERT INTO {table} (id, {", ".join(cols)})
            SELECT p.new_id, {select} FROM {table} a JOIN bench_pad p ON p.old_id = a.id""",
        {"k": k},
    )
    copied = cr.rowcount
    cr.execute(
        f"""INSERT INTO {child_table} ({fk}, {", ".join(child_cols)})
            SELECT p.new_id, {child_select}
              FROM {child_table} l JOIN bench_pad p ON p.old_id = l.{fk}""",
        {"k": k},
    )
    return copied


def pad_invoices(env, target):
    """Copy the billed rent invoices k months back until `target` customer invoices exist."""
    cr = env.cr
    cr.execute("SELECT COUNT(*) FROM account_move WHERE move_type = 'out_invoice'")
    have = cr.fetchone()[0]
    cr.execute(
        """SELECT MAX(create_date) FROM account_move
            WHERE property_invoice_kind = 'rent' AND state = 'posted'"""
    )
    cr.execute(
        """SELECT id FROM account_move
            WHERE property_invoice_kind = 'rent' AND state = 'posted'
              AND invoice_date >= '2026-01-01' ORDER BY id"""
    )
    base = [r[0] for r in cr.fetchall()]
    if not base or have >= target:
        return {"padded": 0, "invoices": have}
    move_cols = columns(cr, "account_move", skip=("id",))
    line_cols = columns(cr, "account_move_line", skip=("id", "move_id"))
    shifted = {
        "name": "a.name || '-P' || %(k)s",
        "payment_reference": "NULL",
        "payment_state": "'not_paid'",
        "amount_residual": "a.amount_total",
        "amount_residual_signed": "a.amount_total_signed",
        "property_period_end": "(a.property_period_end - make_interval(months => %(k)s))::date",
    }
    for col in SHIFTED_DATES:
        shifted[col] = f"(a.{col} - make_interval(months => %(k)s))::date"
    move_select = ", ".join(shifted.get(c, f"a.{c}") for c in move_cols)
    line_shift = {
        "move_name": "l.move_name || '-P' || %(k)s",
        "date": "(l.date - make_interval(months => %(k)s))::date",
        "invoice_date": "(l.invoice_date - make_interval(months => %(k)s))::date",
        "date_maturity": "(l.date_maturity - make_interval(months => %(k)s))::date",
        "full_reconcile_id": "NULL",
        "matching_number": "NULL",
        "reconciled": "FALSE",
        "amount_residual": "CASE WHEN l.display_type = 'payment_term' THEN l.balance ELSE 0 END",
        "amount_residual_currency": "CASE WHEN l.display_type = 'payment_term' "
        "THEN l.amount_currency ELSE 0 END",
    }
    line_select = ", ".join(line_shift.get(c, f"l.{c}") for c in line_cols)
    k, padded = 0, 0
    t0 = time.perf_counter()
    while have + padded < target and k < 240:
        k += 1
        padded += copy_rows(
            cr,
            k,
            base,
            target - have - padded,
            ("account_move", move_cols, move_select),
            ("account_move_line", "move_id", line_cols, line_select),
        )
    cr.execute("ANALYZE account_move; ANALYZE account_move_line")
    cr.commit()
    return {"padded": padded, "invoices": have + padded, "pad_seconds": time.perf_counter() - t0}


def pad_leases(env, target):
    """Copy the ended leases (with their unit lines) k years back until `target` leases exist."""
    cr = env.cr
    cr.execute("SELECT COUNT(*) FROM property_lease")
    have = cr.fetchone()[0]
    cr.execute("SELECT id FROM property_lease WHERE state = 'ended' ORDER BY id")
    base = [r[0] for r in cr.fetchall()]
    if not base or have >= target:
        return {"padded": 0, "leases": have}
    cr.execute(
        """SELECT column_name, data_type FROM information_schema.columns
            WHERE table_name = 'property_lease' AND table_schema = 'public'
              AND column_name != 'id' ORDER BY ordinal_position"""
    )
    lease_cols = cr.fetchall()
    shifted = {"name": "a.name || '-H' || %(k)s", "access_token": "NULL", "state": "'ended'"}
    for col, kind in lease_cols:
        if kind == "date":
            shifted[col] = f"(a.{col} - make_interval(years => %(k)s))::date"
    cols = [c for c, _kind in lease_cols]
    lease_select = ", ".join(shifted.get(c, f"a.{c}") for c in cols)
    line_cols = columns(cr, "property_lease_line", skip=("id", "lease_id"))
    line_shift = {
        "lease_state": "'ended'",
        "date_start": "(l.date_start - make_interval(years => %(k)s))::date",
        "date_end": "(l.date_end - make_interval(years => %(k)s))::date",
    }
    line_select = ", ".join(line_shift.get(c, f"l.{c}") for c in line_cols)
    k, padded = 0, 0
    t0 = time.perf_counter()
    while have + padded < target and k < 50:
        k += 1
        padded += copy_rows(
            cr,
            k,
            base,
            target - have - padded,
            ("property_lease", cols, lease_select),
            ("property_lease_line", "lease_id", line_cols, line_select),
        )
    cr.execute("ANALYZE property_lease; ANALYZE property_lease_line")
    cr.commit()
    return {"padded": padded, "leases": have + padded, "pad_seconds": time.perf_counter() - t0}


def ticket_kinds(env):
    """The service analysis counts only tickets with a kind: templates generated before the
    generator set one (01:20 UTC, 27 Nov) get the generator's kinds here, so that the ticket
    report is measured on real rows. Returns the number of tickets given a kind."""
    cr = env.cr
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'maintenance_request' AND column_name = 'property_ticket_type'"""
    )
    if not cr.fetchone():
        return 0
    cr.execute(
        """UPDATE maintenance_request
              SET property_ticket_type = (ARRAY['repair', 'repair', 'complaint', 'suggestion'])
                                         [id % 4 + 1]
            WHERE property_ticket_type IS NULL AND property_unit_id IS NOT NULL"""
    )
    count = cr.rowcount
    cr.commit()
    return count


def groupables(model):
    """Fields a dashboard groups by; not the row's own key (one group per row is a list)."""
    out = []
    for name, field in model._fields.items():
        if not field.store or name in ("id", model._rec_name):
            continue
        if field.type in ("many2one", "selection"):
            out.append(name)
        elif field.type in ("date", "datetime"):
            out.append(f"{name}:month")
    return out


def measures(model):
    return [
        f"{name}:{field.aggregator}"
        for name, field in model._fields.items()
        if field.type in ("integer", "float", "monetary") and field.aggregator and name != "id"
    ]


def timed(env, func, reps):
    samples = []
    func()  # warm-up (view/registry caches, plan cache)
    for _i in range(reps):
        env.invalidate_all()
        t0 = time.perf_counter()
        func()
        samples.append((time.perf_counter() - t0) * 1000)
    return {
        "p50_ms": common.percentile(samples, 50),
        "p95_ms": common.percentile(samples, 95),
        "max_ms": max(samples),
    }


def open_action(env, action):
    from lxml import etree

    from odoo.tools.safe_eval import safe_eval

    Model = env[action.res_model]
    modes = [m for m in (action.view_mode or "list").split(",") if m]
    first = modes[0]
    ctx = dict(env.context)
    Model = Model.with_context(**ctx)
    domain = safe_eval(action.domain or "[]", {"uid": env.uid, "context_today": lambda: None})

    views = Model.get_views([(False, m) for m in modes] + [(False, "search")])
    arch = etree.fromstring(views["views"][first]["arch"])
    # the groupings of the graph/pivot view (row and column fields), as the client asks them
    groupby = [
        f.get("name") + (f":{f.get('interval')}" if f.get("interval") else "")
        for f in arch.iter("field")
        if f.get("type") != "measure"
    ][:2]
    view_measures = [
        f"{f.get('name')}:{Model._fields[f.get('name')].aggregator or 'sum'}"
        for f in arch.iter("field")
        if f.get("type") == "measure"
    ] or ["__count"]

    def run():
        Model.get_views([(False, m) for m in modes] + [(False, "search")])
        if first in ("graph", "pivot"):
            Model.web_read_group(domain, view_measures, groupby, lazy=False)
        else:
            Model.web_search_read(domain, {"display_name": {}}, limit=80)

    return run


def filter_domain(dashboard_filter, matching, today):
    """Domain of a global filter's default value on one data source (the period filters only:
    the relation filters of our dashboards have no default)."""
    from datetime import timedelta

    if not matching or not matching.get("chain"):
        return []
    if dashboard_filter.get("type") == "date" and dashboard_filter.get("defaultValue") == (
        "last_year"
    ):
        # spreadsheet/static/src/global_filters/helpers.js: last 365 days, today included
        start = today - timedelta(days=364)
        field = matching["chain"]
        return [(field, ">=", str(start)), (field, "<=", str(today))]
    return []


def module_spreadsheet(dashboard):
    """The dashboard's JSON as shipped in property_dashboard/data/files. A database copied with
    CREATE DATABASE ... TEMPLATE (every bench run) has no filestore of its own, so the
    attachment behind `spreadsheet_data` reads as empty there."""
    import json

    from lxml import etree

    xmlid = dashboard.get_external_id().get(dashboard.id, "")
    module, _dot, name = xmlid.partition(".")
    data_xml = common.REPO / module / "data" / "spreadsheet_dashboard_data.xml"
    if not name or not data_xml.exists():
        return {}
    files = etree.parse(str(data_xml)).xpath(
        f"//record[@id='{name}']/field[@name='spreadsheet_binary_data']/@file"
    )
    return json.loads((common.REPO / files[0]).read_text()) if files else {}


def spreadsheet_sources(env, dashboard):
    """[(label, callable)] of the data sources a spreadsheet dashboard loads when opened."""
    import json

    from odoo import fields

    data = json.loads(dashboard.spreadsheet_data or "{}") or module_spreadsheet(dashboard)
    today = fields.Date.context_today(env.user)
    filters = data.get("globalFilters", [])

    def source_domain(domain, matchings):
        domain = list(domain or [])
        for flt in filters:
            domain += filter_domain(flt, (matchings or {}).get(flt["id"]), today)
        return domain

    sources = []
    for pivot_id, pivot in sorted(data.get("pivots", {}).items()):
        Model = env[pivot["model"]].with_context(**pivot.get("context") or {})
        domain = source_domain(pivot.get("domain"), pivot.get("fieldMatching"))
        fnames = [m["fieldName"] for m in pivot.get("measures", [])]
        aggs = [
            f"{f}:{Model._fields[f].aggregator or 'sum'}" if f != "__count" else f for f in fnames
        ] or ["__count"]
        groupby = [
            g["fieldName"] + (f":{g['granularity']}" if g.get("granularity") else "")
            for g in pivot.get("rows", []) + pivot.get("columns", [])
        ]

        def run(M=Model, d=domain, a=aggs, g=groupby):
            M.read_group(d, a, g, lazy=False)

        sources.append((f"pivot {pivot_id} {pivot.get('name')}", run))
    for sheet in data.get("sheets", []):
        for figure in sheet.get("figures", []):
            chart = figure.get("data", {})
            if not str(chart.get("type", "")).startswith("odoo_"):
                continue
            meta = chart["metaData"]
            Model = env[meta["resModel"]]
            domain = source_domain(
                chart.get("searchParams", {}).get("domain"), chart.get("fieldMatching")
            )
            measure = meta["measure"]
            agg = (
                "__count"
                if measure == "__count"
                else f"{measure}:{Model._fields[measure].aggregator or 'sum'}"
            )

            groupby = tuple(meta["groupBy"])

            def run(M=Model, d=domain, a=agg, g=groupby):
                M.web_read_group(d, [a], list(g), lazy=False)

            sources.append((f"chart {chart.get('title', {}).get('text')}", run))
    return sources


def time_spreadsheet(env, dashboard, reps):
    """One row per dashboard (all its data sources in sequence) and one for its slowest."""
    sources = spreadsheet_sources(env, dashboard)
    if not sources:  # a dashboard without data sources would be timed as free: never silently
        raise RuntimeError(f"spreadsheet dashboard {dashboard.name!r}: no data source found")
    per_source = {label: [] for label, _run in sources}
    totals = []
    for _label, run in sources:
        run()  # warm-up
    for _i in range(reps):
        env.invalidate_all()
        t_all = time.perf_counter()
        for label, run in sources:
            t0 = time.perf_counter()
            run()
            per_source[label].append((time.perf_counter() - t0) * 1000)
        totals.append((time.perf_counter() - t_all) * 1000)

    def stats(samples):
        return {
            "p50_ms": common.percentile(samples, 50),
            "p95_ms": common.percentile(samples, 95),
            "max_ms": max(samples),
        }

    rows = [
        {
            "model": "spreadsheet.dashboard",
            "query": f"open dashboard '{dashboard.name}' ({len(sources)} data sources in sequence)",
            **stats(totals),
        }
    ]
    if per_source:
        slowest = max(per_source, key=lambda k: common.percentile(per_source[k], 95))
        rows.append(
            {
                "model": "spreadsheet.dashboard",
                "query": f"'{dashboard.name}' slowest data source: {slowest}",
                **stats(per_source[slowest]),
            }
        )
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--reps", type=int, default=10)
    parser.add_argument("--pad-invoices", type=int, default=0)
    parser.add_argument(
        "--pad-leases",
        type=int,
        default=None,
        help="lease count to reach (default: 20000 with --pad-invoices, else no padding)",
    )
    args = parser.parse_args()
    if args.pad_leases is None:
        args.pad_leases = 20000 if args.pad_invoices else 0
    registry = common.odoo_env(args.db)
    result = {"reps": args.reps, "kpis": [], "open": []}
    if args.pad_invoices:
        with common.environment(registry) as env:
            result["pad"] = pad_invoices(env, args.pad_invoices)
            print(f"[dashboard] ledger padded: {result['pad']}", flush=True)
    if args.pad_leases:
        with common.environment(registry) as env:
            result["pad_leases"] = pad_leases(env, args.pad_leases)
            print(f"[dashboard] leases padded: {result['pad_leases']}", flush=True)
    with common.environment(registry) as env:
        result["ticket_kinds_set"] = ticket_kinds(env)
    with common.environment(registry) as root:
        admin = root.ref("base.user_admin")
        admin.company_ids |= root["res.company"].search([])
        # the dashboards are for Property Managers (and accountants)
        admin.groups_id |= root.ref("property_tenant.group_property_manager") | root.ref(
            "account.group_account_manager"
        )
        env = root(user=admin.id)
        env.cr.execute("SELECT COUNT(*) FROM account_move WHERE move_type = 'out_invoice'")
        result["invoices"] = env.cr.fetchone()[0]
        result["leases"] = env["property.lease"].sudo().search_count([])
        result["tickets"] = (
            env["maintenance.request"].sudo().search_count([])
            if "maintenance.request" in env
            else 0
        )
        result["ticket_report_rows"] = (
            env["property.ticket.report"].sudo().search_count([])
            if "property.ticket.report" in env
            else 0
        )
        reports = sorted(
            name for name in env if name.startswith("property.") and name.endswith(".report")
        )
        for name in reports:
            Model = env[name]
            agg = measures(Model)
            cases = [("total", [])] + [(g, [g]) for g in groupables(Model)]
            for label, groupby in cases:
                stats = timed(
                    env,
                    lambda M=Model, gb=groupby, a=agg: M.read_group(
                        [], a or ["__count"], gb, lazy=False
                    ),
                    args.reps,
                )
                result["kpis"].append({"model": name, "query": f"read_group {label}", **stats})
            if hasattr(Model, "_get_kpis"):
                stats = timed(env, Model._get_kpis, args.reps)
                result["kpis"].append({"model": name, "query": "_get_kpis()", **stats})
            print(f"[dashboard] {name}: {len(cases)} queries", flush=True)
        menus = (
            env["ir.ui.menu"]
            .search([])
            .filtered(
                lambda m: (
                    m.action
                    and m.action._name == "ir.actions.act_window"
                    and m.action.res_model
                    and m.action.res_model.startswith("property.")
                    and m.action.res_model.endswith(".report")
                )
            )
        )
        for menu in menus:
            stats = timed(env, open_action(env, menu.action), args.reps)
            result["open"].append(
                {"menu": menu.complete_name, "model": menu.action.res_model, **stats}
            )
        for dashboard in env["spreadsheet.dashboard"].search([]):
            xmlid = dashboard.get_external_id().get(dashboard.id, "")
            if not xmlid.startswith("property_dashboard."):
                continue
            result["kpis"] += time_spreadsheet(env, dashboard, args.reps)
            print(f"[dashboard] spreadsheet '{dashboard.name}' measured", flush=True)
        env.cr.rollback()
    common.emit(result)


if __name__ == "__main__":
    main()
