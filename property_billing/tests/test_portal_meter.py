# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestPortalMeter(BillingTestCommon, HttpCase):
    """A tenant enters a reading of their unit's meter with a photo in the portal; it waits
    for staff review before it is billed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal_a.password = "tenant_a_pw"
        today = fields.Date.today()
        cls.lease = cls._activate_direct(
            cls._create_lease(
                units=cls.spare_units[0],
                date_start=today - timedelta(days=60),
                date_end=today + timedelta(days=300),
            )
        )
        tariff = cls.env["property.utility.tariff"].create(
            {"name": "Tour water", "meter_type": "water", "price": 4.0}
        )
        cls.meter = cls.env["property.meter"].create(
            {
                "name": "TOUR-W1",
                "unit_id": cls.spare_units[0].id,
                "tariff_id": tariff.id,
                "portal_entry": True,
            }
        )
        cls.env["property.meter.reading"].create(
            {"meter_id": cls.meter.id, "value": 100.0, "date": today - timedelta(days=30)}
        )

    def test_tenant_enters_reading_with_photo(self):
        self.start_tour("/my/home", "property_billing_portal_meter", login="tenant_a", timeout=180)
        reading = self.meter.reading_ids.filtered(lambda r: r.source == "portal")
        self.assertEqual(len(reading), 1)
        self.assertEqual(reading.value, 112.5)
        self.assertEqual(reading.consumption, 12.5)
        self.assertTrue(reading.photo, "the photo is kept for the review")
        self.assertEqual(reading.state, "to_review", "staff check it before billing")
        self.assertIn("photo", reading.review_note)
        self.assertEqual(reading.lease_id, self.lease)
        # staff see it in the readings to review and validate it: then it is billed
        to_review = (
            self.env["property.meter.reading"]
            .with_user(self.user_property)
            .search([("state", "=", "to_review")])
        )
        self.assertIn(reading, to_review)
        to_review.filtered(lambda r: r == reading).action_validate()
        self.assertEqual(reading.state, "validated")
