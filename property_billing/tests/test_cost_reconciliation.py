# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Advances on a cost pool and the year-end true-up.

The oracle, worked by hand (2025: 365 days; Jan 1 - Jun 30: 181 days; Jul 1 - Dec 31: 184):

Building "Pool House", one pool on the gross area (建筑面积), costs 7,300.00 (one vendor bill on
the pool's expense account), four units:

=====  ======  ==========================  ===========================  ==========
unit   m²      occupant                    weight = m² x days           share
=====  ======  ==========================  ===========================  ==========
P1     100     lease A (all year)          100 x 365 = 36,500           3,650.00
P2      50     lease B (all year)           50 x 365 = 18,250           1,825.00
P3      30     lease C until Jun 30         30 x 181 =  5,430             543.00
               vacant from Jul 1            30 x 184 =  5,520             552.00 (landlord)
P4      20     vacant all year              20 x 365 =  7,300             730.00 (landlord)
=====  ======  ==========================  ===========================  ==========

Total weight 73,000 (= 200 m² x 365), so 0.10 per weight unit; vacancy 1,282.00;
3,650.00 + 1,825.00 + 543.00 + 1,282.00 = 7,300.00.

Advances (monthly, billed with the rent): A 300.00 x 12 = 3,600.00; B 160.00 x 12 = 1,920.00;
C 100.00 x 6 = 600.00, its June invoice credited: 500.00.
True-up: A 3,650.00 - 3,600.00 = +50.00 (invoice); B 1,825.00 - 1,920.00 = -95.00 (credit note
of 95.00); C 543.00 - 500.00 = +43.00 (invoice).

Advances straddling the year (class TestAdvanceStraddling): lease D lets P4 from 1 Mar 2025 to
28 Feb 2026, paying quarterly from its start an advance of 100.00 a month: 300.00 for each of
Mar-May, Jun-Aug, Sep-Nov and Dec 2025 - Feb 2026 (90 days, 31 of them in 2025). The last one
counts pro rata by day, rounded cumulatively: 300.00 x 31 / 90 = 103.333 = 103.33 in 2025, the
rest 300.00 - 103.33 = 196.67 in 2026; advances 2025: 3 x 300.00 + 103.33 = 1,003.33, 2026:
196.67, together the 1,200.00 billed. D's share of 2025: 20 m² x 306 days = 6,120 of 73,000 =
612.00 (P4's 59 vacant days 118.00, vacancy 552.00 + 118.00 = 670.00): balance 612.00 -
1,003.33 = -391.33 (credit note). 2026 has no costs: D's share 0.00, balance -196.67.

Advance from last year's actuals (on 15 Jan 2026, reference year 2025): A 3,650.00 / 12 =
304.17; C occupied 181 days: 543.00 x 365 / 181 / 12 = 1,095.00 / 12 = 91.25.
"""

from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import BillingTestCommon

YEAR = (date(2025, 1, 1), date(2025, 12, 31))


class CostReconciliationCommon(BillingTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant_c = cls.env["res.partner"].create(
            {"name": "Tenant C", "is_property_tenant": True, "email": "tenant.c@example.com"}
        )
        cls.pool_building = cls.env["property.building"].create(
            {"name": "Pool House", "code": "PH", "manager_id": cls.user_manager.id}
        )
        cls.unit_p1, cls.unit_p2, cls.unit_p3, cls.unit_p4 = cls.env["property.unit"].create(
            [
                {
                    "code": code,
                    "building_id": cls.pool_building.id,
                    "area": area,
                    "area_net": area,
                    "unit_type_id": cls.unit_type.id,
                }
                for code, area in (("P1", 100.0), ("P2", 50.0), ("P3", 30.0), ("P4", 20.0))
            ]
        )
        cls.expense_account = cls.env["account.account"].create(
            {
                "code": "660099",
                "name": "Pool House common costs",
                "account_type": "expense",
                "company_ids": [Command.link(cls.company.id)],
            }
        )
        cls.advance_product = cls.env["product.product"].create(
            {
                "name": "Service charge advance",
                "type": "service",
                "taxes_id": [Command.clear()],
                "list_price": 0.0,
            }
        )
        cls.pool = cls.env["property.cost.pool"].create(
            {
                "name": "Pool House common areas",
                "building_id": cls.pool_building.id,
                "split_key": "area_gross",
                "account_ids": [Command.link(cls.expense_account.id)],
                "advance_product_id": cls.advance_product.id,
            }
        )
        vendor = cls.env["res.partner"].create({"name": "Cleaning Co"})
        bill = cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": vendor.id,
                "invoice_date": date(2025, 6, 30),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Cleaning and lifts 2025",
                            "account_id": cls.expense_account.id,
                            "quantity": 1.0,
                            "price_unit": 7300.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        bill.action_post()
        cls.lease_a = cls._pool_lease(cls.tenant_a, cls.unit_p1, 300.0)
        cls.lease_b = cls._pool_lease(cls.tenant_b, cls.unit_p2, 160.0)
        cls.lease_c = cls._pool_lease(cls.tenant_c, cls.unit_p3, 100.0, date(2025, 6, 30))
        leases = cls.lease_a | cls.lease_b | cls.lease_c
        leases._generate_invoices(date(2025, 12, 31))
        june_c = cls._rent_moves(cls, cls.lease_c).filtered(
            lambda m: m.property_period_start == date(2025, 6, 1)
        )
        refund = cls._reversal_wizard(cls, june_c, "June advance waived").refund_moves()
        cls.env["account.move"].browse(refund["res_id"]).action_post()
        cls.lease_c.write({"state": "ended"})

    @classmethod
    def _pool_lease(cls, partner, unit, advance, date_end=YEAR[1]):
        lease = cls._create_lease(
            units=unit,
            partner=partner,
            date_end=date_end,
            rent_price=1000.0,
            deposit_amount=0.0,
            charge_ids=[
                Command.create(
                    {
                        "product_id": cls.advance_product.id,
                        "name": "Service charge advance",
                        "basis": "fixed",
                        "price": advance,
                        "cost_pool_id": cls.pool.id,
                    }
                )
            ],
        )
        return cls._activate_direct(lease)

    def _new_reconciliation(self, user=None):
        Rec = self.env["property.cost.reconciliation"].with_user(user or self.user_accountant)
        return Rec.create({"pool_id": self.pool.id, "date_from": YEAR[0], "date_to": YEAR[1]})

    def _line(self, rec, lease):
        return rec.line_ids.filtered(lambda line: line.lease_id == lease)


@tagged("post_install", "-at_install")
class TestCostReconciliation(CostReconciliationCommon):
    def test_advances_billed_with_the_rent(self):
        """Each rent invoice carries the month's advance, tagged with its pool."""
        moves = self._rent_moves(self.lease_a)
        self.assertEqual(len(moves), 12)
        pool_lines = moves.invoice_line_ids.filtered(
            lambda line: line.property_cost_pool_id == self.pool
        )
        self.assertEqual(len(pool_lines), 12)
        self.assertEqual(sum(pool_lines.mapped("price_subtotal")), 3600.0)

    def test_trueup_to_the_cent(self):
        rec = self._new_reconciliation()
        rec.action_compute()
        self.assertEqual(rec.state, "computed")
        self.assertEqual(rec.amount_cost, 7300.0)
        self.assertEqual(rec.amount_vacancy, 1282.0)
        self.assertEqual(rec.line_ids.lease_id, self.lease_a | self.lease_b | self.lease_c)
        expected = {
            self.lease_a: (365, 3650.0, 3600.0, 50.0),
            self.lease_b: (365, 1825.0, 1920.0, -95.0),
            self.lease_c: (181, 543.0, 500.0, 43.0),
        }
        for lease, values in expected.items():
            line = self._line(rec, lease)
            self.assertEqual(
                (line.days, line.amount_share, line.amount_advance, line.amount_balance),
                values,
                lease.partner_id.name,
            )
        self.assertAlmostEqual(self._line(rec, self.lease_a).share, 0.5, places=6)
        self.assertEqual(rec.amount_share + rec.amount_vacancy, rec.amount_cost)

        rec.action_issue()
        self.assertEqual(rec.state, "done")
        move_a, move_b, move_c = (self._line(rec, lease).move_id for lease in expected)
        self.assertEqual(
            [(m.move_type, m.state, m.amount_total) for m in (move_a, move_b, move_c)],
            [
                ("out_invoice", "posted", 50.0),
                ("out_refund", "posted", 95.0),
                ("out_invoice", "posted", 43.0),
            ],
        )
        for move, lease in zip((move_a, move_b, move_c), expected, strict=True):
            self.assertEqual(move.property_lease_id, lease)
            self.assertEqual(move.partner_id, lease.partner_id)
            self.assertEqual(move.property_invoice_kind, "pool")
            self.assertEqual(move.property_cost_pool_id, self.pool)
            self.assertEqual((move.property_period_start, move.property_period_end), YEAR)
        self.assertBalanced(move_a | move_b | move_c)
        self.assertEqual(rec.move_count, 3)

    def test_rerun_never_bills_twice(self):
        rec = self._new_reconciliation()
        rec.action_compute()
        rec.action_issue()
        with self.assertRaises(UserError):
            rec.action_issue()
        with self.assertRaises(UserError):
            rec.action_compute()
        # a second reconciliation of the same pool and period (or an overlapping one)
        second = self._new_reconciliation()
        with self.assertRaises(UserError):
            second.action_compute()
        overlapping = self.env["property.cost.reconciliation"].create(
            {"pool_id": self.pool.id, "date_from": date(2025, 7, 1), "date_to": date(2026, 6, 30)}
        )
        with self.assertRaises(UserError):
            overlapping.action_compute()
        # the true-ups already issued are left out of the advances: the balance stays
        self.assertEqual(second._get_advances(self.lease_a)[self.lease_a.id], 3600.0)
        # the database refuses a second live true-up of the lease for the pool and period
        line = self._line(rec, self.lease_a)
        vals = line._prepare_move_vals(
            self.advance_product, self.company._property_get_rent_journal()
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["account.move"].create(vals)
            self.env.flush_all()
        self.assertEqual(
            self.env["account.move"].search_count(
                [
                    ("property_lease_id", "=", self.lease_a.id),
                    ("property_invoice_kind", "=", "pool"),
                ]
            ),
            1,
        )

    def test_reversed_trueup_can_be_issued_again(self):
        """A true-up credited in full leaves the index: a corrected reconciliation may bill."""
        rec = self._new_reconciliation()
        rec.action_compute()
        rec.action_issue()
        move_a = self._line(rec, self.lease_a).move_id
        action = self._reversal_wizard(move_a).modify_moves()
        self.env.flush_all()
        self.assertEqual(move_a.payment_state, "reversed")
        corrected = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(corrected.state, "draft")
        self.assertNotEqual(corrected, move_a)

    def test_rights(self):
        """Accountants run reconciliations; a leasing officer reads them but cannot."""
        with self.assertRaises(AccessError):
            self._new_reconciliation(self.user_property)
        rec = self._new_reconciliation()
        with self.assertRaises(AccessError):
            rec.with_user(self.user_property).action_compute()
        rec.action_compute()
        self.assertEqual(len(rec.with_user(self.user_property).line_ids), 3)

    @freeze_time("2026-01-15")
    def test_advance_from_last_year(self):
        charge_a = self.lease_a.charge_ids
        charge_c = self.lease_c.charge_ids
        (charge_a | charge_c).with_user(self.user_accountant).action_compute_pool_advance()
        self.assertEqual(charge_a.price, 304.17)
        self.assertEqual(charge_c.price, 91.25)
        plain = self.env["property.lease.charge"].create(
            {"lease_id": self.lease_a.id, "price": 10.0}
        )
        with self.assertRaises(UserError):
            plain.action_compute_pool_advance()


@tagged("post_install", "-at_install")
class TestAdvanceStraddling(CostReconciliationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant_d = cls.env["res.partner"].create(
            {"name": "Tenant D", "is_property_tenant": True, "email": "tenant.d@example.com"}
        )
        cls.lease_d = cls._pool_lease(cls.tenant_d, cls.unit_p4, 100.0, date(2026, 2, 28))
        cls.lease_d.write({"date_start": date(2025, 3, 1), "payment_cycle": "quarterly"})
        cls.lease_d._generate_invoices(date(2025, 12, 31))

    def _reconciliation(self, date_from, date_to):
        return (
            self.env["property.cost.reconciliation"]
            .with_user(self.user_accountant)
            .create({"pool_id": self.pool.id, "date_from": date_from, "date_to": date_to})
        )

    def test_quarterly_advances(self):
        self.assertEqual(
            [
                (m.property_period_start, m.property_period_end)
                for m in self._rent_moves(self.lease_d).sorted("property_period_start")
            ],
            [
                (date(2025, 3, 1), date(2025, 5, 31)),
                (date(2025, 6, 1), date(2025, 8, 31)),
                (date(2025, 9, 1), date(2025, 11, 30)),
                (date(2025, 12, 1), date(2026, 2, 28)),
            ],
        )
        pool_lines = self._rent_moves(self.lease_d).invoice_line_ids.filtered(
            lambda line: line.property_cost_pool_id == self.pool
        )
        self.assertEqual(pool_lines.mapped("price_subtotal"), [300.0] * 4)

    def test_two_years_deduct_the_advance_once(self):
        rec_2025 = self._reconciliation(*YEAR)
        rec_2025.action_compute()
        line_d = self._line(rec_2025, self.lease_d)
        self.assertEqual(
            (line_d.days, line_d.amount_share, line_d.amount_advance, line_d.amount_balance),
            (306, 612.0, 1003.33, -391.33),
        )
        self.assertEqual(rec_2025.amount_vacancy, 670.0)
        # the other leases' advances do not straddle the year: unchanged
        self.assertEqual(self._line(rec_2025, self.lease_a).amount_advance, 3600.0)
        self.assertEqual(self._line(rec_2025, self.lease_c).amount_advance, 500.0)
        # computing again changes nothing
        rec_2025.action_compute()
        self.assertEqual(self._line(rec_2025, self.lease_d).amount_advance, 1003.33)
        # the preview of the year shows the same advance
        preview = (
            self.env["property.cost.pool.preview"]
            .with_user(self.user_accountant)
            .create(
                {
                    "pool_ids": [Command.set(self.pool.ids)],
                    "date_from": YEAR[0],
                    "date_to": YEAR[1],
                }
            )
        )
        preview.action_compute()
        preview_d = preview.line_ids.filtered(lambda line: line.lease_id == self.lease_d)
        self.assertEqual(preview_d.advance_amount, 1003.33)
        self.assertEqual(preview_d.amount, 612.0)
        rec_2025.action_issue()
        self.assertEqual(self._line(rec_2025, self.lease_d).move_id.amount_total, 391.33)

        rec_2026 = self._reconciliation(date(2026, 1, 1), date(2026, 12, 31))
        rec_2026.action_compute()
        self.assertEqual(rec_2026.line_ids.lease_id, self.lease_d)
        line_d = rec_2026.line_ids
        self.assertEqual(
            (line_d.days, line_d.amount_share, line_d.amount_advance, line_d.amount_balance),
            (59, 0.0, 196.67, -196.67),
        )
        # the two years deduct exactly what was billed
        self.assertEqual(
            self._line(rec_2025, self.lease_d).amount_advance + line_d.amount_advance, 1200.0
        )


@tagged("post_install", "-at_install")
class TestCostStatement(CostReconciliationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["property_billing"], ["zh_CN"], overwrite=True
        )
        cls.env.registry.clear_cache()
        cls.addClassCleanup(cls.env.registry.clear_cache)
        cls.rec = cls.env["property.cost.reconciliation"].create(
            {"pool_id": cls.pool.id, "date_from": YEAR[0], "date_to": YEAR[1]}
        )
        cls.rec.action_compute()
        cls.rec.action_issue()

    def _render(self, lease):
        line = self.rec.line_ids.filtered(lambda ln: ln.lease_id == lease)
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "property_billing.action_report_cost_statement", line.ids
        )
        return html.decode()

    def test_statement_in_the_tenants_language(self):
        self.tenant_a.lang = "en_US"
        self.tenant_b.lang = "zh_CN"
        html_a = self._render(self.lease_a)
        self.assertIn("Shared Cost Statement", html_a)
        self.assertIn("Pool House common areas", html_a)
        self.assertIn("Cleaning and lifts 2025", html_a)
        self.assertIn("3,650.00", html_a)
        self.assertIn("3,600.00", html_a)
        self.assertIn("Balance due", html_a)
        html_b = self._render(self.lease_b)
        self.assertIn("公摊费用对账单", html_b)
        self.assertNotIn("Shared Cost Statement", html_b)
        self.assertIn("1,825.00", html_b)
        self.assertIn("95.00", html_b)

    def test_report_route_refuses_portal(self):
        line = self.rec.line_ids.filtered(lambda ln: ln.lease_id == self.lease_a)
        Report = self.env["report.property_billing.report_cost_statement"]
        with self.assertRaises(AccessError):
            Report.with_user(self.user_portal_a)._get_report_values(line.ids)
        Report.with_user(self.user_accountant)._get_report_values(line.ids)


@tagged("post_install", "-at_install")
class TestCostStatementPortal(HttpCase, CostReconciliationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rec = cls.env["property.cost.reconciliation"].create(
            {"pool_id": cls.pool.id, "date_from": YEAR[0], "date_to": YEAR[1]}
        )
        cls.rec.action_compute()
        cls.rec.action_issue()
        cls.line_a, cls.line_b = (
            cls.rec.line_ids.filtered(lambda ln, lease=lease: ln.lease_id == lease)
            for lease in (cls.lease_a, cls.lease_b)
        )

    def test_portal_isolation(self):
        self.authenticate("tenant_a", "tenant_a")
        own = self.url_open(f"/my/property/cost-statement/{self.line_a.id}?report_type=html")
        self.assertEqual(own.status_code, 200)
        self.assertIn("3,650.00", own.text)
        other = self.url_open(f"/my/property/cost-statement/{self.line_b.id}?report_type=html")
        self.assertEqual(other.status_code, 404)
        self.assertNotIn("1,825.00", other.text)
        direct = self.url_open(
            f"/report/html/property_billing.report_cost_statement/{self.line_b.id}"
        )
        self.assertNotIn("1,825.00", direct.text)
        ledger = self.url_open("/my/property/ledger")
        self.assertIn(f"/my/property/cost-statement/{self.line_a.id}", ledger.text)
        self.assertNotIn(f"/my/property/cost-statement/{self.line_b.id}", ledger.text)

    def test_tour_tenant_opens_statement(self):
        self.start_tour(
            "/my/property/ledger", "property_billing_portal_cost_statement", login="tenant_a"
        )


@tagged("post_install", "-at_install")
class TestCostReconciliationTour(HttpCase, CostReconciliationCommon):
    def test_tour_accountant_runs_reconciliation(self):
        self.start_tour(
            "/odoo/action-property_tenant.property_lease_action",
            "property_billing_cost_reconciliation",
            login=self.user_accountant.login,
            timeout=180,
        )
        rec = self.env["property.cost.reconciliation"].search([("pool_id", "=", self.pool.id)])
        self.assertEqual(rec.state, "done")
        self.assertEqual(rec.move_count, 3)
