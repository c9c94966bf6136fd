# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PropertyDashboardCommon


class CostReportCommon(PropertyDashboardCommon):
    """Shared costs per building, pool and lease, worked out by hand.

    Pool "Test Tower pool", reconciliation A (issued) of last quarter: lease 101's share 600,
    advances 450 (balance 150); lease 102's share 300, advances 400 (balance -100); vacancy
    100. Costs 600 + 300 + 100 = 1,000; recovered (issued: the shares) 600 + 300 = 900.
    Reconciliation B (computed, not issued) of the same pool, the quarter before: lease 101's
    share 500, advances 200: costs 500, recovered (the advances so far) 200, no vacancy row.
    A draft reconciliation C reports nothing, nor does company 2's issued one for the users of
    company 1. Total: costs 1,500, recovered 1,100, vacancy 100, recovery rate 73.33 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Reconciliation = cls.env["property.cost.reconciliation"]
        cls.pool = cls.env["property.cost.pool"].create(
            {"name": "Test Tower pool", "building_id": cls.unit_101.building_id.id}
        )
        cls.pool_c2 = pool_c2 = cls.env["property.cost.pool"].create(
            {
                "name": "Far Tower pool",
                "building_id": cls.building_c2.id,
                "company_id": cls.company_2.id,
            }
        )
        end = cls.today - timedelta(days=10)

        def reconciliation(pool, days_back, state, vacancy, lines):
            rec = Reconciliation.create(
                {
                    "pool_id": pool.id,
                    "company_id": pool.company_id.id,
                    "date_from": end - timedelta(days=days_back + 89),
                    "date_to": end - timedelta(days=days_back),
                    "line_ids": [
                        Command.create(
                            {
                                "lease_id": lease.id,
                                "partner_id": lease.partner_id.id,
                                "unit_ids": [Command.set(lease.line_ids.unit_id.ids)],
                                "amount_share": share,
                                "amount_advance": advance,
                            }
                        )
                        for lease, share, advance in lines
                    ],
                }
            )
            # stored figures as action_compute / action_issue leave them
            rec.write({"state": state, "amount_vacancy": vacancy})
            return rec

        cls.rec_a = reconciliation(
            cls.pool,
            0,
            "done",
            100.0,
            [(cls.lease_101, 600.0, 450.0), (cls.lease_102, 300.0, 400.0)],
        )
        cls.rec_b = reconciliation(cls.pool, 90, "computed", 0.0, [(cls.lease_101, 500.0, 200.0)])
        cls.rec_c = reconciliation(cls.pool, 180, "draft", 50.0, [(cls.lease_102, 70.0, 0.0)])
        cls.rec_c2 = reconciliation(pool_c2, 0, "done", 10.0, [(cls.lease_c2, 999.0, 0.0)])
        cls.user_cost_accountant = new_test_user(
            cls.env,
            login="cost_accountant",
            name="Cost Accountant",
            groups="base.group_user,account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.env.flush_all()


@tagged("post_install", "-at_install")
class TestCostReport(CostReportCommon):
    @property
    def domain(self):
        """The rows of this test's pools (the database may hold demo reconciliations)."""
        return [("pool_id", "in", (self.pool | self.pool_c2).ids)]

    def test_rows_per_lease_and_vacancy(self):
        Report = self.env["property.cost.report"].with_user(self.user_dash_manager)
        rows = Report.search([("pool_id", "=", self.pool.id)])
        by_key = {(r.reconciliation_id, r.lease_id, r.is_vacancy): r for r in rows}
        self.assertEqual(
            len(rows), 4, "two leases and a vacancy for A, one lease for B, none for C"
        )
        done_101 = by_key[(self.rec_a, self.lease_101, False)]
        self.assertEqual(
            (done_101.amount_cost, done_101.amount_advance, done_101.amount_recovered),
            (600.0, 450.0, 600.0),
        )
        self.assertEqual(done_101.amount_balance, 150.0)
        self.assertEqual(done_101.partner_id, self.lease_101.partner_id)
        self.assertEqual(done_101.building_id, self.unit_101.building_id)
        self.assertEqual(done_101.unit_names, self.unit_101.display_name)
        self.assertEqual(done_101.state, "done")
        done_102 = by_key[(self.rec_a, self.lease_102, False)]
        self.assertEqual((done_102.amount_recovered, done_102.amount_balance), (300.0, -100.0))
        vacancy = by_key[(self.rec_a, self.env["property.lease"], True)]
        self.assertFalse(vacancy.partner_id)
        self.assertEqual(
            (vacancy.amount_cost, vacancy.amount_vacancy, vacancy.amount_recovered),
            (100.0, 100.0, 0.0),
        )
        computed = by_key[(self.rec_b, self.lease_101, False)]
        self.assertEqual((computed.amount_cost, computed.amount_recovered), (500.0, 200.0))
        self.assertFalse(Report.search([("reconciliation_id", "=", self.rec_c.id)]))

    def test_kpis_and_company_isolation(self):
        for user in (self.user_dash_manager, self.user_cost_accountant):
            kpis = self.env["property.cost.report"].with_user(user)._get_kpis(self.domain)
            self.assertEqual(kpis["cost"], 1500.0, user.login)
            self.assertEqual(kpis["recovered"], 1100.0, user.login)
            self.assertEqual(kpis["vacancy"], 100.0, user.login)
            self.assertAlmostEqual(kpis["recovery_rate"], 73.33, 2)

    def test_costs_per_building_and_pool(self):
        """The dashboard's bar chart: per pool costs vs recovered vs vacancy, as an
        accountant (Invoicing without Property User) reads them."""
        groups = (
            self.env["property.cost.report"]
            .with_user(self.user_cost_accountant)
            ._read_group(
                self.domain,
                ["building_id", "pool_id"],
                ["amount_cost:sum", "amount_recovered:sum", "amount_vacancy:sum"],
            )
        )
        self.assertEqual(
            [(b, p, c, r, v) for b, p, c, r, v in groups],
            [(self.unit_101.building_id, self.pool, 1500.0, 1100.0, 100.0)],
        )

    def test_accountant_sees_the_shared_costs_dashboard_and_menus(self):
        dashboard = self.env.ref("property_dashboard.spreadsheet_dashboard_property_cost")
        seen = (
            self.env["spreadsheet.dashboard"]
            .with_user(self.user_cost_accountant)
            .search([("id", "=", dashboard.id)])
        )
        self.assertEqual(seen, dashboard)
        menus = self.env["ir.ui.menu"].with_user(self.user_cost_accountant)._visible_menu_ids()
        self.assertIn(
            self.env.ref("property_dashboard.property_cost_report_menu_accounting").id, menus
        )
        technician = new_test_user(
            self.env,
            login="cost_technician",
            groups="property_tenant.group_property_technician",
        )
        self.assertFalse(
            self.env["spreadsheet.dashboard"]
            .with_user(technician)
            .search([("id", "=", dashboard.id)])
        )


@tagged("post_install", "-at_install")
class TestCostReportTour(CostReportCommon, HttpCase):
    def test_accountant_shared_costs_tour(self):
        """An accountant (Invoicing, no Property rights) opens the Shared Costs dashboard from
        the Dashboards app, then Invoicing > Reporting > Shared Costs: the pivot shows the
        pool's costs, recovered and vacancy."""
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "property_cost_report_accountant_tour",
            login="cost_accountant",
        )
