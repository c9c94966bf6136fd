# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import HttpCase, tagged

from odoo.addons.property_billing.tests.common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestAccountantTour(BillingTestCommon, HttpCase):
    """Finance users: Property User + Invoicing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease = cls._activate_direct(
            cls._create_lease(units=cls.spare_units[0], rent_price=1000.0)
        )
        cls.lease.name = "LEASE-ACC-1"
        cls.lease._generate_invoices(date(2025, 1, 1))
        cls.invoice = cls.lease.invoice_ids

    def test_dashboard_action_finance(self):
        """The dashboards menu opens the Rent dashboard for finance, the Occupancy one for
        managers (finance may not read the occupancy dashboard)."""
        action = (
            self.env["spreadsheet.dashboard"]
            .with_user(self.user_accountant)
            .action_open_property_dashboard()
        )
        self.assertEqual(
            action["params"]["dashboard_id"],
            self.env.ref("property_dashboard.spreadsheet_dashboard_property_rent").id,
        )
        action = (
            self.env["spreadsheet.dashboard"]
            .with_user(self.user_manager)
            .action_open_property_dashboard()
        )
        self.assertEqual(
            action["params"]["dashboard_id"],
            self.env.ref("property_dashboard.spreadsheet_dashboard_property_occupancy").id,
        )

    def test_reporting_menus_finance(self):
        menus = self.env["ir.ui.menu"].with_user(self.user_accountant)._visible_menu_ids()
        for xmlid in (
            "property_tenant.property_reporting_menu",
            "property_dashboard.property_rent_report_menu",
            "property_dashboard.property_rent_report_menu_aging",
            "property_dashboard.property_dashboard_menu",
        ):
            self.assertIn(self.env.ref(xmlid).id, menus, xmlid)
        for xmlid in (
            "property_dashboard.property_occupancy_report_menu",
            "property_dashboard.property_ticket_report_menu",
        ):
            self.assertNotIn(self.env.ref(xmlid).id, menus, xmlid)
        plain_user = self.env["ir.ui.menu"].with_user(self.user_property)._visible_menu_ids()
        self.assertNotIn(self.env.ref("property_tenant.property_reporting_menu").id, plain_user)

    def test_accountant_tour(self):
        self.assertEqual(self.invoice.amount_residual, 1000.0)
        self.start_tour(
            "/odoo/action-property_billing.account_move_action_property",
            "property_accountant_tour",
            login="prop_accountant",
        )
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(len(self.invoice._get_reconciled_payments()), 2)
