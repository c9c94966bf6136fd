# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .test_billing_run import BillingRunCase


@tagged("post_install", "-at_install")
class TestBillingRunTour(BillingRunCase, HttpCase):
    """An accountant prepares, approves and runs a billing run in the browser, then fixes
    and retries the lease that failed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        storage = cls._deprecated_account_product()
        # the 9 % of the fee on the storage room too: the preview's tax is 3 x (27 + 8.10)
        storage.taxes_id = cls.tax
        cls.env["property.lease.charge"].create(
            {"lease_id": cls.lease_b.id, "product_id": storage.id, "price": 90.0}
        )

    def test_accountant_runs_and_retries(self):
        self.start_tour(
            "/odoo/action-property_tenant.property_lease_action",
            "property_billing_run_prepare",
            login=self.user_accountant.login,
            timeout=180,
        )
        Run = self.env["property.billing.run"]
        run = Run.search([("building_ids", "in", self.run_building.ids)])
        self.assertEqual(run.state, "running")
        self.assertEqual(run.approved_by_id, self.user_accountant)
        self.assertFalse(self._rent_moves(self.leases), "nothing billed before the run executes")
        with mute_logger("odoo.addons.property_billing.models.property_lease"):
            Run._cron_execute_runs()
        self.assertEqual(run.state, "done_errors")
        self.start_tour(
            "/odoo/action-property_tenant.property_lease_action",
            "property_billing_run_results",
            login=self.user_accountant.login,
            timeout=180,
        )
        self.assertEqual(run.state, "done")
        self.assert_billed_once()
        self.assertEqual(run.line_ids.move_ids, self._rent_moves(self.leases))
        self.assertFalse(self.lease_b.billing_error)
        self.assertEqual(self.lease_b.charge_ids.product_id, self.fee_product)
