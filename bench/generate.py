"""Benchmark data generator: a portfolio of N active leases, built with bulk ORM creates.

    python bench/generate.py --db DB --leases N

Builds, in two companies: buildings, floors, units, tenants (a few with portal users, each
in the company of its leases),
N active leases of all payment cycles and both billing alignments, with escalations and
rent-free periods; N/5 ended leases with posted history invoices, half of them paid;
maintenance tickets when property_maintenance is installed.

Every active lease starts so that exactly one rent period is due by common.DATE_REF:
each billing variant then has to create exactly N invoices.
"""

import argparse
import logging
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

_logger = logging.getLogger("bench.generate")

CHUNK = 500
UNITS_PER_FLOOR = 8
FLOORS_PER_BUILDING = 10
CYCLES = ["monthly"] * 11 + ["quarterly"] * 5 + ["half_yearly"] * 2 + ["yearly"] * 2
PORTAL_PASSWORD = "bench-portal"
# one active lease in UTILITY_EVERY has a water meter whose reading goes on the rent invoice
UTILITY_EVERY = 3


def chunks(items, size=CHUNK):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def log(msg, *args):
    print(f"[generate] {msg % args}", flush=True)


def batch_create(model, vals_list):
    records = model.browse()
    for part in chunks(vals_list):
        records |= model.create(part)
        model.env.flush_all()
    return records


def ensure_companies(env):
    """The main company and a second one, both Chinese, in CNY on China's chart of accounts
    (`cn`), with the property products' VAT of property_l10n_cn: rent 9 %, property fee
    (物业费) 6 %. The main company gets the generic chart when account is installed: it has
    no accounting yet, so loading China's chart replaces it."""
    Company = env["res.company"]
    china = env.ref("base.cn")
    main = env.ref("base.main_company")
    if env["account.move"].search_count([("company_id", "=", main.id)], limit=1):
        # a database with accounting already (the upgrade check's demo database): its
        # chart cannot be replaced, the portfolio is generated on the charts it has
        return ensure_companies_as_they_are(env)
    main.write({"name": "Bench Property Co. 1", "country_id": china.id})
    second = Company.search([("name", "=", "Bench Property Co. 2")], limit=1)
    if not second:
        second = Company.create(
            {
                "name": "Bench Property Co. 2",
                "country_id": china.id,
                "currency_id": env.ref("base.CNY").id,
            }
        )
    companies = main | second
    for company in companies:
        if company.chart_template != "cn":
            env["account.chart.template"].try_loading("cn", company, install_demo=False)
    companies._property_cn_apply_vat()
    env.user.company_ids |= companies
    env.ref("base.user_admin").company_ids |= companies
    bad = companies.filtered(lambda c: c.currency_id.name != "CNY")
    if bad:
        raise SystemExit(f"generate: companies not in CNY: {bad.mapped('name')}")
    return companies


def ensure_companies_as_they_are(env):
    """The main company and a second one with the generic chart of accounts, for a database
    whose main company already has journal entries (untaxed unless its chart taxes the
    products)."""
    Company = env["res.company"]
    main = env.ref("base.main_company")
    second = Company.search([("name", "=", "Bench Property Co. 2")], limit=1)
    if not second:
        second = Company.create(
            {"name": "Bench Property Co. 2", "currency_id": main.currency_id.id}
        )
    companies = main | second
    for company in companies:
        if not env["account.account"].search_count([("company_ids", "in", company.ids)], limit=1):
            env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
    env.user.company_ids |= companies
    env.ref("base.user_admin").company_ids |= companies
    return companies


def days_before(company):
    return (
        company.property_invoice_issue_days_before
        if "property_invoice_issue_days_before" in company
        else 0
    )


def make_portfolio(env, companies, n_units, rnd):
    buildings_per_company = max(1, n_units // (UNITS_PER_FLOOR * FLOORS_PER_BUILDING) // 2 + 1)
    building_vals = [
        {
            "name": f"Bench Tower {company.id}-{b}",
            "code": f"B{company.id}{b:04d}",
            "company_id": company.id,
            "city": "Shanghai",
        }
        for company in companies
        for b in range(buildings_per_company)
    ]
    buildings = batch_create(env["property.building"], building_vals)
    floor_vals = [
        {"name": f"F{level}", "level": level, "building_id": building.id}
        for building in buildings
        for level in range(1, FLOORS_PER_BUILDING + 1)
    ]
    floors = batch_create(env["property.floor"], floor_vals)
    unit_vals = []
    for i in range(n_units):
        floor = floors[i // UNITS_PER_FLOOR % len(floors)]
        unit_vals.append(
            {
                "code": f"U{floor.building_id.code}-{floor.level:02d}{i % UNITS_PER_FLOOR:02d}-{i}",
                "building_id": floor.building_id.id,
                "floor_id": floor.id,
                "area": rnd.choice([45.0, 60.5, 88.0, 120.0, 250.0]),
                "list_rent": rnd.choice([3000.0, 4500.0, 8000.0, 12000.0]),
            }
        )
    units = batch_create(env["property.unit"], unit_vals)
    log("%s buildings, %s floors, %s units", len(buildings), len(floors), len(units))
    return units


def make_tenants(env, n):
    vals = [
        {
            "name": f"Bench Tenant {i:06d}",
            "email": f"tenant{i:06d}@bench.example.com",
            "is_property_tenant": True,
            "is_company": i % 3 == 0,
        }
        for i in range(n)
    ]
    tenants = batch_create(env["res.partner"].with_context(tracking_disable=True), vals)
    log("%s tenants", len(tenants))
    return tenants


def make_portal_users(env, leases, n):
    """Portal users for the tenants of the first `n` leases (one lease per tenant here). The
    tenant partners have no company (shared), so each user gets the company of its tenant's
    lease, as when a leasing officer of that company invites the tenant: otherwise a tenant
    of the second company would be a portal user of the default company only."""
    portal = env.ref("base.group_portal")
    users_vals = [
        {
            "partner_id": lease.partner_id.id,
            "login": lease.partner_id.email,
            "password": PORTAL_PASSWORD,
            "groups_id": [(6, 0, portal.ids)],
            "company_id": lease.company_id.id,
            "company_ids": [(6, 0, lease.company_id.ids)],
        }
        for lease in leases[:n]
    ]
    users = (
        env["res.users"]
        .with_context(no_reset_password=True, tracking_disable=True)
        .create(users_vals)
    )
    per_company = {
        company.name: len(users.filtered(lambda u, c=company: u.company_id == c))
        for company in users.company_id
    }
    log("%s portal users, by company: %s", len(users), per_company)
    return users


def lease_vals(i, unit, tenant, date_ref, lead, rnd, fee_product):
    """One active lease whose first period is the only one invoiced by date_ref."""
    cycle = CYCLES[i % len(CYCLES)]
    alignment = "calendar" if i % 5 == 4 else "lease"
    if alignment == "calendar":
        start = date_ref + timedelta(days=rnd.randint(0, lead))
    else:
        start = date_ref + timedelta(days=lead - rnd.randint(0, 26))
    years = rnd.choice([1, 2, 3, 5])
    end = date(start.year + years, start.month, 1) + timedelta(days=start.day - 2)
    vals = {
        "name": f"BENCH-{i:06d}",
        "company_id": unit.company_id.id,
        "partner_id": tenant.id,
        "state": "active",
        "date_start": start,
        "date_end": end,
        "payment_cycle": cycle,
        "billing_alignment": alignment,
        "rent_basis": "m2" if i % 3 == 2 else "unit",
        "rent_price": 120.0 + (i % 7) * 10 if i % 3 == 2 else unit.list_rent,
        "deposit_amount": unit.list_rent * 2,
        "line_ids": [(0, 0, {"unit_id": unit.id})],
    }
    if i % 10 != 7:
        # the property fee (物业费, 6 % VAT), per m² or flat per month, on nine leases in ten
        vals["charge_ids"] = [
            (
                0,
                0,
                {
                    "product_id": fee_product.id,
                    "basis": "m2" if i % 2 else "fixed",
                    "price": 8.5 if i % 2 else 300.0,
                },
            )
        ]
    if i % 5 in (0, 1, 2):
        vals["escalation_ids"] = [
            (
                0,
                0,
                {
                    "escalation_type": "percent" if i % 2 else "fixed",
                    "value": 3.0 if i % 2 else 200.0,
                    "interval_months": 12,
                },
            )
        ]
    if i % 10 == 3 and years > 1:
        free_start = start + timedelta(days=400)
        vals["rent_free_ids"] = [
            (0, 0, {"date_start": free_start, "date_end": free_start + timedelta(days=14)})
        ]
    return vals


def make_leases(env, units, tenants, n, rnd):
    date_ref = date.fromisoformat(common.DATE_REF)
    Lease = env["property.lease"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
    )
    fee_product = env.ref("property_billing.product_management_fee")
    vals = [
        lease_vals(
            i, units[i], tenants[i], date_ref, days_before(units[i].company_id), rnd, fee_product
        )
        for i in range(n)
    ]
    t0 = time.perf_counter()
    leases = Lease.browse()
    for part in chunks(vals):
        leases |= Lease.create(part)
        env.flush_all()
        env.invalidate_all()
        log("  %s / %s leases", len(leases), n)
    log("%s active leases in %.1f s", len(leases), time.perf_counter() - t0)
    return leases


def make_history(env, units, tenants, n, rnd):
    """Ended leases of 2024-2025 with three posted rent invoices each, half of them paid."""
    Lease = env["property.lease"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
    )
    vals = [
        {
            "name": f"BENCH-OLD-{i:06d}",
            "company_id": units[i].company_id.id,
            "partner_id": tenants[i].id,
            "state": "ended",
            "date_start": date(2024, 1, 1),
            "date_end": date(2025, 12, 31),
            "payment_cycle": "monthly",
            "rent_price": units[i].list_rent,
            "line_ids": [(0, 0, {"unit_id": units[i].id})],
        }
        for i in range(n)
    ]
    leases = batch_create(Lease, vals)
    Move = env["account.move"]
    if "property_lease_id" not in Move._fields:
        log("%s ended leases (no billing addon: no history invoices)", len(leases))
        return
    Move = Move.with_context(tracking_disable=True, mail_create_nolog=True)
    product = env.ref("property_billing.product_rent")
    journals = {
        company: env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "sale")], limit=1
        )
        for company in leases.company_id
    }
    moves = Move.browse()
    for part in chunks(leases, 100):
        move_vals = []
        for lease in part:
            for month in (10, 11, 12):
                start = date(2025, month, 1)
                move_vals.append(
                    {
                        "move_type": "out_invoice",
                        "company_id": lease.company_id.id,
                        "partner_id": lease.partner_id.id,
                        "journal_id": journals[lease.company_id].id,
                        "invoice_date": start - timedelta(days=10),
                        "invoice_date_due": start,
                        "property_lease_id": lease.id,
                        "property_period_start": start,
                        "property_period_end": date(2025, month + 1, 1) - timedelta(days=1)
                        if month < 12
                        else date(2025, 12, 31),
                        "property_invoice_kind": "rent",
                        "invoice_line_ids": [
                            (
                                0,
                                0,
                                {
                                    "product_id": product.id,
                                    "name": f"Rent {lease.name} {start:%Y-%m}",
                                    "quantity": 1,
                                    "price_unit": lease.rent_price,
                                },
                            )
                        ],
                    }
                )
        created = Move.with_company(part.company_id[:1]).create(move_vals)
        created.action_post()
        moves |= created
        env.flush_all()
    paid = moves.filtered(lambda m: m.id % 2 == 0)
    for company in paid.company_id:
        for part in chunks(paid.filtered(lambda m, c=company: m.company_id == c), 200):
            env["account.payment.register"].with_company(company).with_context(
                active_model="account.move", active_ids=part.ids
            ).create({"group_payment": False})._create_payments()
    log("%s ended leases, %s history invoices, %s paid", len(leases), len(moves), len(paid))


def make_utilities(env, leases, rnd, every=UTILITY_EVERY):
    """A water meter on the unit of one lease in `every`, with two readings: the index
    the day before the lease starts (no lease yet: not billed) and one a week into its
    first period, validated and priced by the company's tariff: its consumption goes on the
    lease's first rent invoice (companies invoice utilities with the rent by default)."""
    chosen = leases.filtered(lambda lease: int(lease.name[-6:]) % every == 1)
    tariffs = {
        company: env["property.utility.tariff"].create(
            {
                "name": "Water",
                "company_id": company.id,
                "meter_type": "water",
                "price": 5.2,
                "product_id": env.ref("property_billing.product_utility").id,
            }
        )
        for company in leases.company_id
    }
    meters = batch_create(
        env["property.meter"].with_context(tracking_disable=True),
        [
            {
                "name": f"W-{lease.name}",
                "unit_id": lease.line_ids.unit_id[:1].id,
                "meter_type": "water",
                "tariff_id": tariffs[lease.company_id].id,
            }
            for lease in chosen
        ],
    )
    Reading = env["property.meter.reading"]
    for part in chunks(list(zip(chosen, meters, strict=True))):
        first = rnd.randint(100, 900)
        Reading.create(
            [
                {"meter_id": meter.id, "date": lease.date_start - timedelta(days=1), "value": first}
                for lease, meter in part
            ]
        )
        Reading.create(
            [
                {
                    "meter_id": meter.id,
                    "date": lease.date_start + timedelta(days=7),
                    "value": first + rnd.randint(3, 40),
                }
                for lease, meter in part
            ]
        )
        env.flush_all()
    log("%s water meters with readings (one lease in %s)", len(meters), every)


def make_tickets(env, leases, n):
    if "property_unit_id" not in env["maintenance.request"]._fields:
        return
    Ticket = env["maintenance.request"].with_context(
        tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
    )
    teams = {
        company: env["maintenance.team"].create(
            {"name": f"Bench maintenance {company.name}", "company_id": company.id}
        )
        for company in leases.company_id
    }
    vals = [
        {
            "name": f"Bench ticket {i}: leaking tap",
            "company_id": lease.company_id.id,
            "maintenance_team_id": teams[lease.company_id].id,
            # the service analysis only counts tickets with a kind
            "property_ticket_type": ("repair", "repair", "complaint", "suggestion")[i % 4],
            "property_unit_id": lease.line_ids.unit_id[:1].id,
            "property_lease_id": lease.id,
            "property_partner_id": lease.partner_id.id,
        }
        for i, lease in enumerate(leases[:n])
    ]
    batch_create(Ticket, vals)
    log("%s tickets", len(vals))


def check_due(env, leases):
    """Each active lease must have exactly one period due by DATE_REF."""
    date_ref = date.fromisoformat(common.DATE_REF)
    bad = []
    for lease in leases:
        lead = timedelta(days=days_before(lease.company_id))
        due = [p for p in lease._get_rent_schedule() if p["date_start"] - lead <= date_ref]
        if len(due) != 1 or not due[0]["amount"]:
            bad.append(lease.name)
    if bad:
        raise SystemExit(
            f"generate: {len(bad)} leases do not have exactly one period due: {bad[:5]}"
        )


def generate(env, n_leases, portal_users=60, seed=42):
    rnd = random.Random(seed)
    companies = ensure_companies(env)
    env = env(context=dict(env.context, allowed_company_ids=companies.ids))
    n_history = n_leases // 5
    units = make_portfolio(env, companies, n_leases + n_leases // 10, rnd)
    # three leases out of four in the first company, the fourth in the second one
    first = units.filtered(lambda u: u.company_id == companies[0])
    second = units - first
    order, i1, i2 = [], 0, 0
    for i in range(len(units)):
        if (i % 4 == 3 and i2 < len(second)) or i1 >= len(first):
            order.append(second[i2].id)
            i2 += 1
        else:
            order.append(first[i1].id)
            i1 += 1
    units = units.browse(order)
    tenants = make_tenants(env, n_leases + n_history)
    leases = make_leases(env, units, tenants, n_leases, rnd)
    make_utilities(env, leases, rnd)
    make_portal_users(env, leases, portal_users)
    check_due(env, leases[: min(n_leases, 500)])
    make_history(env, units, tenants[n_leases:], n_history, rnd)
    if "maintenance.request" in env:
        make_tickets(env, leases, n_leases // 2)
    env["ir.config_parameter"].set_param("bench.leases", n_leases)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--leases", type=int, required=True)
    parser.add_argument("--portal-users", type=int, default=60)
    args = parser.parse_args()
    registry = common.odoo_env(args.db)
    t0 = time.perf_counter()
    with common.environment(registry) as env:
        generate(env, args.leases, args.portal_users)
    log("done in %.1f s", time.perf_counter() - t0)


if __name__ == "__main__":
    main()
