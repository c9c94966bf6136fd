# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestPortalPhone(BillingTestCommon, HttpCase):
    """The tenant's rent statement and meter readings on a 390x844 phone: every column is
    on the screen (invoices and meters are stacked as cards), nothing scrolls sideways."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.lease = cls._create_lease(
            units=cls.spare_units[0],
            date_start=today - timedelta(days=10),
            date_end=today + timedelta(days=355),
        )
        cls.lease.action_submit()
        cls.lease.action_approve()
        cls.lease.action_mark_signed()  # deposit and first rent invoiced, both open
        cls.lease.action_activate()  # the tenant lives there: their meters take readings
        deposit = cls.lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit")
        cls._pay(cls, deposit, amount=1000.0)  # a payment received, the deposit still open
        tariff = cls.env["property.utility.tariff"].create(
            {"name": "Phone water", "meter_type": "water", "price": 4.0}
        )
        cls.env["property.meter"].create(
            {
                "name": "PHONE-W1",
                "unit_id": cls.spare_units[0].id,
                "tariff_id": tariff.id,
                "portal_entry": True,
            }
        )

    def test_statement_and_meters_fit_a_phone(self):
        self.assertEqual(len(self.lease.invoice_ids), 2)
        self.start_tour(
            "/my/property/ledger", "property_billing_portal_phone", login="tenant_a", timeout=180
        )
