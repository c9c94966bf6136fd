# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestMeterTour(BillingTestCommon, HttpCase):
    """A meter created from the UI, read, and billed on the lease's next invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.property_utility_invoicing = "rent"
        cls.env.ref("property_billing.product_utility").taxes_id = [Command.clear()]
        cls.tariff = cls.env["property.utility.tariff"].create(
            {"name": "UI Water", "meter_type": "water", "pricing": "flat", "price": 4.5}
        )
        cls.unit = cls.spare_units[0]
        cls.lease = cls._activate_direct(cls._create_lease(units=cls.unit))
        cls.lease._update_next_invoice_date()

    def test_meter_created_read_and_billed_from_the_ui(self):
        self.start_tour(
            "/odoo/action-property_billing.property_meter_action",
            "property_billing_meter_backend",
            login=self.user_property.login,
            timeout=180,
        )
        meter = self.env["property.meter"].search([("name", "=", "UI-W1")])
        self.assertEqual(meter.unit_id, self.unit)
        self.assertEqual(meter.company_id, self.company)
        self.assertEqual(meter.tariff_id, self.tariff)
        first, second = meter.reading_ids.sorted("date")
        self.assertEqual((first.value, second.value, second.consumption), (100.0, 130.0, 30.0))
        self.assertEqual(second.amount, 135.0)
        self.assertEqual(second.state, "validated")
        self.assertEqual(second.lease_id, self.lease)

        self.start_tour(
            f"/odoo/action-property_tenant.property_lease_action/{self.lease.id}",
            "property_billing_bill_now",
            login=self.user_accountant.login,
            timeout=180,
        )
        self.assertEqual(second.state, "invoiced")
        move = second.move_id
        self.assertEqual(move.property_lease_id, self.lease)
        self.assertEqual(move.property_invoice_kind, "rent")
        self.assertEqual(move.state, "posted")
        line = move.invoice_line_ids.filtered(lambda ln: ln.property_reading_id == second)
        self.assertEqual(line.price_subtotal, 135.0)
        self.assertFalse(first.move_id, "a first index has no consumption to bill")
