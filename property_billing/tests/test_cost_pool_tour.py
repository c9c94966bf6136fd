# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .test_cost_pool import CostPoolCommon


@tagged("post_install", "-at_install")
class TestCostPoolTour(CostPoolCommon, HttpCase):
    """A Property Manager configures a pool in the UI and previews its split."""

    def test_manager_configures_and_previews_a_pool(self):
        self.start_tour(
            "/odoo/action-property_billing.property_cost_pool_action",
            "property_billing_cost_pool",
            login=self.user_manager.login,
            timeout=240,
        )
        pool = self.env["property.cost.pool"].search([("name", "=", "UI Pool")])
        self.assertEqual(pool.building_id, self.house)
        self.assertEqual(pool.split_key, "fixed")
        self.assertEqual(pool.account_ids, self.cleaning_account)
        self.assertEqual(
            {(s.unit_id.code, s.share) for s in pool.share_ids}, {("PH-A", 700.0), ("PH-D", 300.0)}
        )
        preview = self.env["property.cost.pool.preview"].search([("pool_ids", "=", pool.id)])
        self.assertEqual(preview.create_uid, self.user_manager)
        # the pool has the cleaning account only (10,000.00, not the analytic repairs bill):
        # 700 / 300 thousandths; B and C have no share
        self.assertEqual(
            {line.unit_id.code: line.amount for line in preview.line_ids if line.amount},
            {"PH-A": 7000.0, "PH-D": 3000.0},
        )
