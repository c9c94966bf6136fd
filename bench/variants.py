"""One billing variant on one database copy, measured in its own process.

    python bench/variants.py --db DB --variant ours|ours2|oca|naive|floor [--no-poster]
    python bench/variants.py --db DB --poster STOPFILE      (the concurrent user, see below)
    python bench/variants.py --db DB --worker GOFILE        (the second worker of ours2)

Prints one `BENCH-RESULT {json}` line: invoices created and posted, their total, balance
and numbering checks, seconds, invoices/s, SQL queries per invoice (queries issued by the
billing thread, counted by odoo.sql_db), peak RSS, and the latencies of the concurrent user.

The concurrent user is a second process that posts one manual invoice in the same sales
journal every 0.5 s while the variant runs (create + post + commit, each measured).
"""

import argparse
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

_logger = logging.getLogger("bench.variants")

POSTER_REF = "BENCH-POSTER"
CHUNK = 100


def date_ref():
    return date.fromisoformat(common.DATE_REF)


def max_move_id(env):
    env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM account_move")
    return env.cr.fetchone()[0]


def check_moves(env, first_id):
    """Figures and sanity checks of the invoices created after move id `first_id`."""
    env.cr.execute(
        """SELECT COUNT(*), COUNT(*) FILTER (WHERE state = 'posted'),
                  COALESCE(SUM(amount_total), 0), COALESCE(SUM(amount_tax), 0),
                  COUNT(*) FILTER (WHERE name IS NULL OR name = '/'),
                  COUNT(DISTINCT (journal_id, name))
             FROM account_move
            WHERE id > %s AND move_type = 'out_invoice'
              AND (ref IS NULL OR ref != %s)""",
        [first_id, POSTER_REF],
    )
    count, posted, total, tax, unnamed, names = env.cr.fetchone()
    env.cr.execute(
        """SELECT COUNT(*) FROM (
               SELECT l.move_id FROM account_move_line l
                 JOIN account_move m ON m.id = l.move_id
                WHERE m.id > %s AND m.move_type = 'out_invoice'
             GROUP BY l.move_id HAVING ROUND(SUM(l.balance), 2) != 0
                    OR ROUND(SUM(l.debit) - SUM(l.credit), 2) != 0) u""",
        [first_id],
    )
    unbalanced = env.cr.fetchone()[0]
    env.cr.execute(
        """SELECT COUNT(*) FROM account_move_line l JOIN account_move m ON m.id = l.move_id
            WHERE m.id > %s AND m.move_type = 'out_invoice'
              AND (m.ref IS NULL OR m.ref != %s)""",
        [first_id, POSTER_REF],
    )
    lines = env.cr.fetchone()[0]
    return {
        "invoices": count,
        "posted": posted,
        "lines": lines,
        "total": float(total),
        "tax": float(tax),
        "unnamed": unnamed,
        "duplicate_names": count - names,
        "unbalanced": unbalanced,
    }


def expected(env, due=None):
    """Invoices every variant must create, from the data and not from any variant's code:
    one per period due by DATE_REF of the active leases, with its rent, property fee and
    utility lines (`due_invoices`), each line's VAT rounded per line, one tax line per tax
    and one receivable line per invoice."""
    due = due_invoices(env) if due is None else due
    total = tax = 0.0
    lines = 0
    for _lease, _period, invoice_lines in due:
        taxes = set()
        for line in invoice_lines:
            total += line["price"] + line["tax_amount"]
            tax += line["tax_amount"]
            taxes.update(line["taxes"].ids)
        lines += len(invoice_lines) + len(taxes) + 1
    return {
        "expected_invoices": len(due),
        "expected_total": round(total, 2),
        "expected_tax": round(tax, 2),
        "expected_lines": lines,
    }


def due_invoices(env, limit=None):
    """[(lease, schedule line, [invoice line])] of the periods due by DATE_REF: the rent of
    the period, each recurring charge of the lease for the period's months (the property
    fee), each validated reading not yet invoiced dated within the period (utilities); a
    line is {"key", "product", "name", "price", "taxes", "tax_amount"}, the taxes those of
    the line's product in the lease's company (VAT rounded per line, as the bench companies
    round)."""
    products = {
        "rent": env.ref("property_billing.product_rent"),
        "utility": env.ref("property_billing.product_utility"),
    }
    periods = due_periods(env)[:limit]
    leases = env["property.lease"].browse([lease.id for lease, _line in periods])
    readings = (
        env["property.meter.reading"]
        .search(
            [("lease_id", "in", leases.ids), ("state", "=", "validated"), ("move_id", "=", False)],
            order="date, id",
        )
        .grouped("lease_id")
    )
    out = []
    for lease, period in periods:
        company = lease.company_id
        if company.tax_calculation_rounding_method != "round_per_line":
            raise SystemExit(f"bench: {company.name} must round taxes per line")
        currency = company.currency_id
        lines = [("rent", products["rent"], f"Rent {lease.name}", period.amount)]
        months = None
        for charge in lease.charge_ids:
            months = lease._period_months(period.date_start, period.date_end)
            lines.append(
                (
                    "charge",
                    charge.product_id,
                    f"{charge.product_id.name} {lease.name}",
                    currency.round(charge.monthly_amount * months),
                )
            )
        for reading in readings.get(lease, ()):
            if reading.date <= period.date_end and not currency.is_zero(reading.amount):
                product = reading.meter_id.tariff_id.product_id or products["utility"]
                lines.append(("utility", product, f"Water {reading.meter_id.name}", reading.amount))
        invoice_lines = []
        for key, product, name, price in lines:
            if key != "rent" and currency.is_zero(price):
                continue
            taxes = product.taxes_id.filtered(lambda t, c=company: t.company_id == c)
            if any(t.amount_type != "percent" or t.price_include for t in taxes):
                raise SystemExit(f"bench: {product.name}: only percent taxes on the net price")
            tax_amount = sum(currency.round(price * t.amount / 100) for t in taxes)
            invoice_lines.append(
                {
                    "key": key,
                    "product": product,
                    "name": name,
                    "price": price,
                    "taxes": taxes,
                    "tax_amount": tax_amount,
                }
            )
        out.append((lease, period, invoice_lines))
    return out


def due_periods(env):
    """[(lease, schedule line)] due by DATE_REF, one per active lease here."""
    env.cr.execute(
        """SELECT l.id, s.id
             FROM property_lease l
             JOIN res_company c ON c.id = l.company_id
             JOIN property_lease_schedule_line s ON s.lease_id = l.id
            WHERE l.state IN ('active', 'expiring')
              AND s.date_start - COALESCE(c.property_invoice_issue_days_before, 0) <= %s
         ORDER BY l.company_id, l.id, s.date_start""",
        [date_ref()],
    )
    rows = env.cr.fetchall()
    leases = env["property.lease"].browse([r[0] for r in rows])
    lines = env["property.lease.schedule.line"].browse([r[1] for r in rows])
    return list(zip(leases, lines, strict=True))


def sales_journal(env, company):
    if hasattr(company, "_property_get_rent_journal"):
        return company._property_get_rent_journal()
    return env["account.journal"].search(
        [("company_id", "=", company.id), ("type", "=", "sale")], limit=1
    )


# --------------------------------------------------------------------- variants
def run_ours(env):
    """The property_billing scheduled action's body, as the cron calls it."""
    moves = env["property.lease"]._generate_invoices(date_ref=date_ref())
    env.cr.commit()
    return {"invoices_by_worker": [len(moves)]}


def run_ours2(env, worker):
    """Two cron workers: the scheduled action's body in this process and, at the same moment,
    in a second process started beforehand (as the two cron records of property_billing run
    in two cron threads when max_cron_threads >= 2). Both see the same due leases and share
    them chunk by chunk (FOR UPDATE SKIP LOCKED); the clock stops when both are done."""
    Path(worker["go"]).touch()
    mine = run_ours(env)
    other = finish_worker(worker)
    return {
        "invoices_by_worker": mine["invoices_by_worker"] + [other["invoices"]],
        "worker_queries": other["queries"],
        "worker_maxrss_mb": other["maxrss_mb"],
        "worker_seconds": other["seconds"],
    }


def run_worker(db, go_file):
    """The second billing worker of `ours2`: load the registry, wait for the go, bill."""
    registry = common.odoo_env(db)
    with common.environment(registry) as env:
        env["property.lease"].search_count([])  # warm the registry like the first worker
        env.cr.rollback()
    Path(go_file + ".ready").touch()
    while not Path(go_file).exists():
        time.sleep(0.01)
    with common.environment(registry) as env, common.Meter() as meter:
        out = run_ours(env)
    common.emit(
        {
            "invoices": out["invoices_by_worker"][0],
            "queries": meter.queries,
            "seconds": meter.seconds,
            "maxrss_mb": meter.maxrss_mb,
        }
    )


def start_worker(db):
    go = tempfile.mktemp(prefix="bench-worker-")
    proc = subprocess.Popen(
        [sys.executable, __file__, "--db", db, "--worker", go], stdout=subprocess.PIPE, text=True
    )
    deadline = time.time() + 600  # a loaded machine takes minutes to load a registry
    while not Path(go + ".ready").exists():
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            raise SystemExit("the second billing worker did not start")
        time.sleep(0.1)
    return {"proc": proc, "go": go}


def finish_worker(worker):
    out, _err = worker["proc"].communicate(timeout=3600)
    for path in (worker["go"], worker["go"] + ".ready"):
        if os.path.exists(path):
            os.unlink(path)
    results = common.parse_results(out)
    if worker["proc"].returncode or not results:
        raise SystemExit(f"the second billing worker failed:\n{out[-3000:]}")
    return results[-1]


def plain_invoice_vals(env, lease, line, invoice_lines):
    """A plain invoice of the period with the lines of `due_invoices`; account computes
    the taxes from the products."""
    days = lease.company_id.property_invoice_issue_days_before
    invoice_date = line.date_start - timedelta(days=days)
    return {
        "move_type": "out_invoice",
        "company_id": lease.company_id.id,
        "partner_id": lease.partner_id.id,
        "journal_id": sales_journal(env, lease.company_id).id,
        "invoice_date": invoice_date,
        "invoice_date_due": max(line.due_date or invoice_date, invoice_date),
        "invoice_origin": lease.name,
        "property_lease_id": lease.id,
        "property_period_start": line.date_start,
        "property_period_end": line.date_end,
        "property_invoice_kind": "rent",
        "invoice_line_ids": [
            (
                0,
                0,
                {
                    "product_id": vals["product"].id,
                    "name": f"{vals['name']} {line.date_start} - {line.date_end}",
                    "quantity": 1.0,
                    "price_unit": vals["price"],
                },
            )
            for vals in invoice_lines
        ],
    }


def run_naive(env, limit=None):
    """What a first version of a billing cron looks like: one lease at a time, default
    context (chatter, tracking), create, post, advance the lease, commit.

    With `limit`, only the first `limit` due leases (the loop is slow at 10k)."""
    Move = env["account.move"]
    for lease, line, invoice_lines in due_invoices(env, limit):
        move = Move.with_company(lease.company_id).create(
            plain_invoice_vals(env, lease, line, invoice_lines)
        )
        move.action_post()
        lease._update_next_invoice_date()
        env.cr.commit()


def setup_oca(db):
    """Install OCA contract in this database copy and create one contract per due lease
    (one line, the period's amount, the lease's cycle). Not timed."""
    proc = subprocess.run(
        [
            sys.executable,
            str(common.ODOO_PATH / "odoo-bin"),
            *common.odoo_args(db, "-i", "contract", "--stop-after-init", "--log-level=warn"),
            "--http-port=0",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise SystemExit(f"installing OCA contract failed:\n{proc.stderr[-3000:]}")


OCA_RULES = {"monthly": "monthly", "quarterly": "quarterly", "half_yearly": "semesterly"}


def make_contracts(env):
    Contract = env["contract.contract"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
    )
    vals_list = []
    for lease, line, invoice_lines in due_invoices(env):
        vals_list.append(
            {
                "name": lease.name,
                "partner_id": lease.partner_id.id,
                "company_id": lease.company_id.id,
                "contract_type": "sale",
                "journal_id": sales_journal(env, lease.company_id).id,
                "line_recurrence": True,
                # the rent, the property fee and the utilities of the period, one contract
                # line each (the same products, hence the same taxes)
                "contract_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": vals["product"].id,
                            "name": vals["name"],
                            "quantity": 1.0,
                            "price_unit": vals["price"],
                            "recurring_rule_type": OCA_RULES.get(lease.payment_cycle, "yearly"),
                            "recurring_interval": 1,
                            "recurring_invoicing_type": "pre-paid",
                            "date_start": line.date_start,
                            "date_end": lease.date_end,
                        },
                    )
                    for vals in invoice_lines
                ],
            }
        )
    for i in range(0, len(vals_list), 500):
        Contract.with_company(env.company).create(vals_list[i : i + 500])
        env.cr.commit()
    return len(vals_list)


def run_oca(env):
    """OCA contract's invoicing in its most favourable form: what its cron does per company
    (`_recurring_create_invoice` on the contracts due, chatter as it ships), but on chunks of
    CHUNK contracts, each chunk's drafts posted and committed before the next one.

    The cron as it ships creates all drafts of a company in one call; posting them afterwards
    is quadratic on Odoo 18 (each number lookup skips the journal's unnumbered drafts):
    --variant oca_cron measures that."""
    days = max(env["res.company"].search([]).mapped("property_invoice_issue_days_before") or [0])
    day = date_ref() + timedelta(days=days)
    Contract = env["contract.contract"]
    contracts = Contract.search(Contract._get_contracts_to_invoice_domain(day), order="id")
    for company, company_contracts in contracts.grouped("company_id").items():
        for i in range(0, len(company_contracts), CHUNK):
            chunk = company_contracts[i : i + CHUNK].with_company(company)
            moves = chunk._recurring_create_invoice(day)
            moves.action_post()
            env.cr.commit()


def run_oca_cron(env):
    """OCA contract's cron as it ships (one create per company), then posting of the drafts
    in chunks of CHUNK."""
    first = max_move_id(env)
    days = max(env["res.company"].search([]).mapped("property_invoice_issue_days_before") or [0])
    env["contract.contract"].cron_recurring_create_invoice(date_ref() + timedelta(days=days))
    env.cr.commit()
    drafts = env["account.move"].search(
        [("id", ">", first), ("state", "=", "draft"), ("move_type", "=", "out_invoice")],
        order="id",
    )
    for i in range(0, len(drafts), CHUNK):
        drafts[i : i + CHUNK].action_post()
        env.cr.commit()


FLOOR_LINES = "bench_floor_lines"


def prepare_floor(env):
    """Before the clock: the invoice lines of `due_invoices` (amount, product, income
    account, tax, tax amount, tax account) in a table the floor's statements read, so that
    the floor writes the same lines and totals as the other variants. What it times is the
    writing: the ORM's computation of these figures is what the other variants pay for."""
    cr = env.cr
    cr.execute(f"DROP TABLE IF EXISTS {FLOOR_LINES}")
    cr.execute(
        f"""CREATE TABLE {FLOOR_LINES} (lease_id int, seq int, product_id int, account_id int,
                label text, price numeric, tax_id int, tax_amount numeric,
                tax_account_id int, tax_repartition_line_id int, tax_group_id int)"""
    )
    rows = []
    for lease, _period, invoice_lines in due_invoices(env):
        company = lease.company_id
        journal = sales_journal(env, company)
        for seq, vals in enumerate(invoice_lines, start=1):
            product = vals["product"].with_company(company)
            account = (
                product.property_account_income_id
                or product.categ_id.property_account_income_categ_id
                or journal.default_account_id
            )
            tax = vals["taxes"]
            if len(tax) > 1:
                raise SystemExit(f"bench floor: one tax per line only ({product.name})")
            repartition = tax.invoice_repartition_line_ids.filtered(
                lambda r: r.repartition_type == "tax"
            )[:1]
            rows.append(
                (
                    lease.id,
                    seq * 10,
                    product.id,
                    account.id,
                    vals["name"],
                    vals["price"],
                    tax.id or None,
                    vals["tax_amount"],
                    repartition.account_id.id or None,
                    repartition.id or None,
                    tax.tax_group_id.id or None,
                )
            )
    from psycopg2.extras import execute_values

    execute_values(cr._obj, f"INSERT INTO {FLOOR_LINES} VALUES %s", rows, page_size=1000)
    cr.execute(f"CREATE INDEX ON {FLOOR_LINES} (lease_id)")
    cr.commit()


def run_floor(env):
    """The database floor: the same invoices (one move; its rent, property fee and utility
    lines with their taxes, one tax line per tax and a receivable line) written with three
    INSERT ... SELECT, the lines' taxes and one UPDATE of the leases, no ORM at all."""
    cr = env.cr
    params = {"date_ref": date_ref(), "uid": env.uid}
    accounts = {}
    for company in env["res.company"].search([]):
        journal = sales_journal(env, company)
        receivable = env["account.account"].search(
            [("company_ids", "in", company.ids), ("account_type", "=", "asset_receivable")],
            limit=1,
        )
        accounts[company.id] = (journal.id, receivable.id)
    cr.execute("CREATE TEMP TABLE bench_accounts (company_id int, journal_id int, receivable int)")
    for company_id, (journal_id, receivable) in accounts.items():
        cr.execute(
            "INSERT INTO bench_accounts VALUES (%s, %s, %s)", [company_id, journal_id, receivable]
        )
    cr.execute(
        f"""
        CREATE TEMP TABLE bench_due AS
        SELECT l.id AS lease_id, l.company_id, l.partner_id, p.commercial_partner_id,
               l.name AS lease_name, l.user_id, c.currency_id, a.journal_id,
               a.receivable, s.date_start, s.date_end, t.untaxed, t.tax,
               t.untaxed + t.tax AS amount,
               s.date_start - COALESCE(c.property_invoice_issue_days_before, 0) AS invoice_date,
               GREATEST(COALESCE(s.due_date, s.date_start
                        - COALESCE(c.property_invoice_issue_days_before, 0)),
                        s.date_start - COALESCE(c.property_invoice_issue_days_before, 0)) AS due,
               j.code AS journal_code,
               ROW_NUMBER() OVER (PARTITION BY a.journal_id ORDER BY l.id) AS rn
          FROM property_lease l
          JOIN res_company c ON c.id = l.company_id
          JOIN res_partner p ON p.id = l.partner_id
          JOIN bench_accounts a ON a.company_id = l.company_id
          JOIN account_journal j ON j.id = a.journal_id
          JOIN property_lease_schedule_line s ON s.lease_id = l.id
          JOIN (SELECT lease_id, SUM(price) AS untaxed, SUM(tax_amount) AS tax
                  FROM {FLOOR_LINES} GROUP BY lease_id) t ON t.lease_id = l.id
         WHERE l.state IN ('active', 'expiring')
           AND l.next_invoice_date <= %(date_ref)s
           AND s.date_start - COALESCE(c.property_invoice_issue_days_before, 0) <= %(date_ref)s
           AND NOT EXISTS (SELECT 1 FROM account_move m WHERE m.property_lease_id = l.id
                              AND m.property_period_start = s.date_start)
        """,
        params,
    )
    cr.execute(
        f"""
        WITH moves AS (
            INSERT INTO account_move (
                name, sequence_prefix, sequence_number, journal_id, company_id, currency_id,
                date, invoice_date, invoice_date_due, state, move_type, auto_post,
                partner_id, commercial_partner_id, invoice_origin, invoice_user_id,
                amount_untaxed, amount_tax, amount_total, amount_residual,
                amount_untaxed_signed, amount_tax_signed, amount_total_signed,
                amount_total_in_currency_signed, amount_residual_signed,
                payment_state, property_lease_id, property_period_start,
                property_period_end, property_invoice_kind,
                create_uid, write_uid, create_date, write_date)
            SELECT journal_code || 'F/' || EXTRACT(YEAR FROM invoice_date) || '/'
                       || LPAD(rn::text, 6, '0'),
                   journal_code || 'F/' || EXTRACT(YEAR FROM invoice_date) || '/', rn,
                   journal_id, company_id, currency_id, invoice_date, invoice_date, due,
                   'posted', 'out_invoice', 'no', partner_id, commercial_partner_id,
                   lease_name, user_id, untaxed, tax, amount, amount, untaxed, tax, amount,
                   amount, amount, 'not_paid', lease_id, date_start, date_end, 'rent',
                   %(uid)s, %(uid)s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
              FROM bench_due
            RETURNING id, property_lease_id, name
        ), lines AS (
            -- product lines (credit), one tax line per tax (credit), the receivable (debit)
            SELECT m.id AS move_id, m.name AS move_name, f.account_id, f.label,
                   'product' AS display_type, NULL::date AS maturity, 1.0 AS qty,
                   f.price AS price, f.price + f.tax_amount AS price_total, 0.0 AS debit,
                   f.price AS credit, 0.0 AS residual, f.seq, NULL::int AS tax_line_id,
                   NULL::int AS repartition_id, NULL::int AS tax_group_id, 0.0 AS tax_base
              FROM moves m JOIN {FLOOR_LINES} f ON f.lease_id = m.property_lease_id
            UNION ALL
            SELECT m.id, m.name, MIN(f.tax_account_id), MIN(t.name->>'en_US'), 'tax', NULL,
                   0.0, 0.0, 0.0, 0.0, SUM(f.tax_amount), 0.0, 1000, f.tax_id,
                   MIN(f.tax_repartition_line_id), MIN(f.tax_group_id), SUM(f.price)
              FROM moves m JOIN {FLOOR_LINES} f ON f.lease_id = m.property_lease_id
              JOIN account_tax t ON t.id = f.tax_id
          GROUP BY m.id, m.name, f.tax_id
            UNION ALL
            SELECT m.id, m.name, d.receivable, m.name, 'payment_term', d.due, 0.0, 0.0, 0.0,
                   d.amount, 0.0, d.amount, 2000, NULL, NULL, NULL, 0.0
              FROM moves m JOIN bench_due d ON d.lease_id = m.property_lease_id
        )
        INSERT INTO account_move_line (
            move_id, move_name, journal_id, company_id, company_currency_id, currency_id,
            account_id, partner_id, name, display_type, date, invoice_date, date_maturity,
            parent_state, quantity, price_unit, price_subtotal, price_total, debit, credit,
            balance, amount_currency, amount_residual, amount_residual_currency,
            tax_line_id, tax_repartition_line_id, tax_group_id, tax_base_amount,
            discount, reconciled, sequence, create_uid, write_uid, create_date, write_date)
        SELECT x.move_id, x.move_name, d.journal_id, d.company_id, d.currency_id,
               d.currency_id, x.account_id, d.commercial_partner_id, x.label, x.display_type,
               d.invoice_date, d.invoice_date, x.maturity, 'posted', x.qty, x.price, x.price,
               x.price_total, x.debit, x.credit, x.debit - x.credit, x.debit - x.credit,
               x.residual, x.residual, x.tax_line_id, x.repartition_id, x.tax_group_id,
               x.tax_base, 0, FALSE, x.seq, %(uid)s, %(uid)s,
               NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
          FROM lines x
          JOIN moves m ON m.id = x.move_id
          JOIN bench_due d ON d.lease_id = m.property_lease_id
        """,
        params,
    )
    # the product lines' taxes (account_move_line.tax_ids)
    cr.execute(
        f"""
        INSERT INTO account_move_line_account_tax_rel (account_move_line_id, account_tax_id)
        SELECT l.id, f.tax_id
          FROM bench_due d
          JOIN account_move m ON m.property_lease_id = d.lease_id
                             AND m.property_period_start = d.date_start
          JOIN account_move_line l ON l.move_id = m.id AND l.display_type = 'product'
          JOIN {FLOOR_LINES} f ON f.lease_id = d.lease_id AND f.seq = l.sequence
         WHERE f.tax_id IS NOT NULL
        """
    )
    cr.execute(
        """
        UPDATE property_lease l
           SET next_invoice_date = n.next_start - COALESCE(c.property_invoice_issue_days_before, 0)
          FROM (SELECT d.lease_id,
                       (SELECT MIN(s.date_start) FROM property_lease_schedule_line s
                         WHERE s.lease_id = d.lease_id AND s.date_start > d.date_start)
                       AS next_start
                  FROM bench_due d) n, res_company c
         WHERE l.id = n.lease_id AND c.id = l.company_id
        """
    )
    cr.execute(f"DROP TABLE {FLOOR_LINES}")
    cr.commit()


# ----------------------------------------------------------- queue_job workers


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


RUNJOB_LINE = re.compile(r'"GET /queue_job/runjob\S* HTTP/[\d.]+" (\d+) - (\d+) ([\d.]+)')


class QueueServer:
    """`odoo-bin --workers=N` with queue_job's job runner (odoo.conf's server_wide_modules)
    on loopback, the channels `root:N,root.property_billing:N`: a billing run's chunk jobs
    run N at a time, each in an HTTP worker, as on a production node. Started and warmed up
    before the clock; its workers' peak RSS is sampled while it runs; the query counts of
    the job requests are read from its werkzeug log (Odoo appends each request's query
    count to its line)."""

    def __init__(self, db, workers):
        """Ports: BENCH_QUEUE_PORT (HTTP) and the next one (gevent), else free ones."""
        self.db, self.workers = db, workers
        port = os.environ.get("BENCH_QUEUE_PORT")
        self.port = int(port) if port else free_port()
        self.gevent_port = self.port + 1 if port else free_port()
        self.log = common.STATE / f"bench-queue-{db}.log"
        self.proc = None
        self.peak_rss = {}
        self._stop = threading.Event()

    def start(self):
        if self.log.exists():
            self.log.unlink()
        env = dict(
            os.environ,
            ODOO_QUEUE_JOB_CHANNELS=f"root:{self.workers},root.property_billing:{self.workers}",
        )
        self.proc = subprocess.Popen(
            common.odoo_command(
                self.db,
                f"--workers={self.workers}",
                "--max-cron-threads=0",
                f"--http-port={self.port}",
                f"--gevent-port={self.gevent_port}",
                "--limit-time-real=3600",
                "--limit-time-cpu=3600",
                f"--logfile={self.log}",
                "--log-level=warn",
                "--log-handler=werkzeug:INFO",
                python=sys.executable,
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
        )
        import requests

        url = f"http://127.0.0.1:{self.port}/web/login?db={self.db}"
        deadline = time.time() + 600
        while True:
            try:
                if requests.get(url, timeout=30).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if self.proc.poll() is not None or time.time() > deadline:
                self.stop()
                raise SystemExit(f"the queue_job Odoo server did not start (log {self.log})")
            time.sleep(1)
        # every worker loads the registry on its first request: warm them all
        with ThreadPoolExecutor(self.workers * 3) as pool:
            list(pool.map(lambda _i: requests.get(url, timeout=120), range(self.workers * 6)))
        threading.Thread(target=self._sample_rss, daemon=True).start()

    def _sample_rss(self):
        import psutil

        server = psutil.Process(self.proc.pid)
        while not self._stop.wait(0.25):
            try:
                for child in server.children(recursive=True):
                    rss = child.memory_info().rss / 1024 / 1024
                    self.peak_rss[child.pid] = max(self.peak_rss.get(child.pid, 0), rss)
            except psutil.Error:
                continue

    def job_queries(self):
        """Queries of the job requests (/queue_job/runjob) in the server's log."""
        total = requests_n = 0
        if self.log.exists():
            for match in RUNJOB_LINE.finditer(self.log.read_text(errors="replace")):
                requests_n += 1
                total += int(match.group(2))
        return total, requests_n

    def stop(self):
        self._stop.set()
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


def prepare_queue_runs(env):
    """Before the clock: one billing run per company for DATE_REF, approved and started as
    the scheduled action does (`_cron_create_runs` with auto-start: no preview), its leases
    pending. Returns the run ids."""
    Run = env["property.billing.run"]
    runs = Run.browse()
    for company in env["res.company"].search([]):
        run = Run.with_company(company).create(Run._prepare_cron_run_vals(company, date_ref()))
        run.write({"state": "approved", "auto_started": True})
        runs |= run
    runs._start()
    env.cr.commit()
    return runs.ids


def run_queue(env, run_ids, timeout=7200):
    """The runs' `_execute()`: one queue job per chunk of 100 leases (and a watcher per run)
    on `root.property_billing`, committed; the job runner hands them to the server's
    workers at once (PostgreSQL NOTIFY). The clock stops when every chunk job is done (the
    watcher closes the runs up to 10 s later: not billing time)."""
    runs = env["property.billing.run"].browse(run_ids)
    with common.Meter() as meter:
        runs._execute()
        env.cr.commit()
    keys = [f"property.billing.run:{run_id}:chunk:%" for run_id in run_ids]
    deadline = time.time() + timeout
    while time.time() < deadline:
        env.cr.execute(
            """SELECT COUNT(*) FILTER (WHERE state NOT IN ('done', 'failed', 'cancelled')),
                      COUNT(*) FILTER (WHERE state = 'failed'), COUNT(*)
                 FROM queue_job WHERE identity_key LIKE ANY(%s)""",
            [keys],
        )
        active, failed, total = env.cr.fetchone()
        env.cr.commit()
        if not active:
            return {"jobs": total, "jobs_failed": failed, "enqueue_queries": meter.queries}
        time.sleep(0.2)
    raise SystemExit("the queue_job billing run did not finish in time")


VARIANTS = {
    "ours": run_ours,
    "ours2": run_ours2,
    "oca": run_oca,
    "oca_cron": run_oca_cron,
    "naive": run_naive,
    "floor": run_floor,
    # ours on queue_job with N job workers: queue1, queue2, queue4, ...
    **{f"queue{n}": None for n in (1, 2, 3, 4, 6, 8)},
}


# ------------------------------------------------------------- concurrent user
def run_poster(db, stop_file):
    """Post one manual invoice in the first company's rent journal every 0.5 s until
    `stop_file` exists; print the latencies (create + post + commit) in ms."""
    registry = common.odoo_env(db)
    latencies, idle = [], []
    ready, go = Path(stop_file + ".ready"), Path(stop_file + ".go")
    while not Path(stop_file).exists():
        running = go.exists()
        with common.environment(registry) as env:
            company = env.ref("base.main_company")
            partner = env["res.partner"].search([("is_property_tenant", "=", True)], limit=1)
            t0 = time.perf_counter()
            move = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "journal_id": sales_journal(env, company).id,
                    "invoice_date": date_ref(),
                    "ref": POSTER_REF,
                    "invoice_line_ids": [
                        (0, 0, {"name": "Key replacement", "quantity": 1, "price_unit": 50})
                    ],
                }
            )
            move.action_post()
            env.cr.commit()
            (latencies if running else idle).append((time.perf_counter() - t0) * 1000)
        if not ready.exists():
            ready.touch()
        time.sleep(0.5)
    # the first one warms the caches
    common.emit({"poster_ms": latencies, "poster_idle_ms": idle[1:]})


def start_poster(db):
    stop = tempfile.mktemp(prefix="bench-poster-")
    proc = subprocess.Popen(
        [sys.executable, __file__, "--db", db, "--poster", stop],
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 600  # a loaded machine takes minutes to load a registry
    while not Path(stop + ".ready").exists():
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()  # it holds the orchestrator's output pipe: it must not outlive us
            raise SystemExit("the concurrent poster did not start")
        time.sleep(0.2)
    time.sleep(2.5)  # a few idle measurements before the run
    Path(stop + ".go").touch()
    return proc, stop


def stop_poster(proc, stop):
    Path(stop).touch()
    out, _err = proc.communicate(timeout=120)
    for path in (stop, stop + ".ready", stop + ".go"):
        if os.path.exists(path):
            os.unlink(path)
    results = common.parse_results(out)
    return results[0] if results else {"poster_ms": [], "poster_idle_ms": []}


# ------------------------------------------------------------------------ main
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--variant", choices=sorted(VARIANTS))
    parser.add_argument("--poster", metavar="STOPFILE")
    parser.add_argument("--worker", metavar="GOFILE", help="second billing worker of ours2")
    parser.add_argument("--no-poster", action="store_true")
    parser.add_argument("--limit", type=int, help="naive variant: bill this many leases only")
    args = parser.parse_args()
    if args.poster:
        return run_poster(args.db, args.poster)
    if args.worker:
        return run_worker(args.db, args.worker)
    if args.variant.startswith("oca"):
        setup_oca(args.db)
    registry = common.odoo_env(args.db)
    result = {"variant": args.variant, "db": args.db}
    with common.environment(registry) as env:
        result.update(expected(env))
        if args.variant.startswith("oca"):
            result["contracts"] = make_contracts(env)
        if args.variant == "naive" and args.limit:
            sample = due_invoices(env, args.limit)
            result["sample"] = len(sample) < result["expected_invoices"]
            result.update(expected(env, sample))
        if args.variant == "floor":
            prepare_floor(env)
        queue_workers = int(args.variant[5:]) if args.variant.startswith("queue") else 0
        if queue_workers:
            run_ids = prepare_queue_runs(env)
        first = max_move_id(env)
        env.cr.commit()
        env.invalidate_all()
    rss_before = common.Meter().__enter__()
    rss_before.__exit__()
    worker = start_worker(args.db) if args.variant == "ours2" else None
    server = QueueServer(args.db, queue_workers) if queue_workers else None
    poster = None
    extra = {}
    try:
        if server:
            server.start()
        poster = None if args.no_poster else start_poster(args.db)
        with common.environment(registry) as env, common.Meter() as meter:
            if args.variant == "naive":
                run_naive(env, args.limit)
            elif worker:
                extra = run_ours2(env, worker)
            elif server:
                extra = run_queue(env, run_ids)
            else:
                extra = VARIANTS[args.variant](env) or {}
    finally:
        poster_out = stop_poster(*poster) if poster else {"poster_ms": [], "poster_idle_ms": []}
        if worker and worker["proc"].poll() is None:
            worker["proc"].kill()
        if server:
            server.stop()
    if server:
        # the queries of the job requests in the workers and of the enqueueing, not those
        # of this process's polling; the peak RSS of the largest worker
        job_queries, job_requests = server.job_queries()
        meter.queries = job_queries + extra.pop("enqueue_queries")
        meter.maxrss_mb = max(server.peak_rss.values(), default=0)
        extra.update(
            job_requests=job_requests,
            workers=queue_workers,
            workers_rss_mb=sorted(round(v) for v in server.peak_rss.values()),
        )
    latencies = poster_out["poster_ms"]
    with common.environment(registry) as env:
        result.update(check_moves(env, first))
    n = result["posted"] or 1
    # ours2: the queries of both workers, the larger peak RSS of the two processes
    queries = meter.queries + extra.pop("worker_queries", 0)
    result.update(extra)
    result.update(
        seconds=meter.seconds,
        invoices_per_s=result["posted"] / meter.seconds if meter.seconds else 0,
        queries=queries,
        queries_per_invoice=queries / n,
        sql_seconds=meter.query_seconds,
        maxrss_mb=max(meter.maxrss_mb, extra.get("worker_maxrss_mb") or 0),
        rss_before_mb=rss_before.maxrss_mb,
        poster_n=len(latencies),
        poster_idle_p50_ms=common.percentile(poster_out["poster_idle_ms"], 50),
        poster_p50_ms=common.percentile(latencies, 50),
        poster_p95_ms=common.percentile(latencies, 95),
        poster_max_ms=max(latencies) if latencies else None,
    )
    common.emit(result)


if __name__ == "__main__":
    main()
