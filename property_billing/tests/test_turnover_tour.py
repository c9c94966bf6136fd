# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import HttpCase, tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestTurnoverTour(BillingTestCommon, HttpCase):
    """A leasing officer sets up a shop lease priced per m² per day with a turnover rate from
    the menus and enters and confirms a declared turnover on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.partner"].create({"name": "Shop Tenant", "is_property_tenant": True})
        cls.env["property.unit"].create(
            {
                "code": "SHOP-1",
                "building_id": cls.building.id,
                "floor_id": cls.floor_1.id,
                "area": 40.0,
                "unit_type_id": cls.unit_type.id,
            }
        )

    def test_leasing_officer_sets_a_daily_shop_lease_with_turnover(self):
        self.start_tour(
            "/odoo", "property_turnover_lease_tour", login=self.user_property.login, timeout=180
        )
        lease = self.env["property.lease"].search([("partner_id.name", "=", "Shop Tenant")])
        self.assertEqual(
            (lease.rent_basis, lease.rent_price, lease.turnover_rate), ("m2_day", 3.3, 8.0)
        )
        self.assertEqual(lease.user_id, self.user_property)
        self.assertEqual(lease.schedule_line_ids[:2].mapped("amount"), [4092.0, 3696.0])
        declaration = lease.turnover_ids
        self.assertEqual(
            (declaration.date_start, declaration.date_end, declaration.amount),
            (date(2025, 1, 1), date(2025, 1, 31), 80000.0),
        )
        self.assertEqual(declaration.state, "confirmed")
        self.assertEqual(declaration.confirmed_by_id, self.user_property)
        self.assertEqual(declaration.charge_id.amount, 2308.0)
        self.assertEqual(lease.pending_charge_ids, declaration.charge_id)
