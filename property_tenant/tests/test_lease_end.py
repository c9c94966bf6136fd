# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .common import PropertyTestCommon


class TestLeaseEnd(PropertyTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease = cls._create_lease(housekeeper_id=cls.user_property.id)
        cls._make_active(cls.lease)

    def test_cron_expiring_then_ended(self):
        self.company.property_expiry_notice_days = 30
        with freeze_time("2025-11-30"):
            self.env["property.lease"]._cron_update_states()
            self.assertEqual(self.lease.state, "active", "31 days left: not yet in notice")
        with freeze_time("2025-12-01"):
            self.env["property.lease"]._cron_update_states()
            self.assertEqual(self.lease.state, "expiring")
            self.assertEqual(self.unit_101.state, "leased")
        with freeze_time("2025-12-31"):
            self.env["property.lease"]._cron_update_states()
            self.assertEqual(self.lease.state, "expiring", "ends at the end of its last day")
        with freeze_time("2026-01-01"):
            self.env["property.lease"]._cron_update_states()
            self.assertEqual(self.lease.state, "ended")
            self.unit_101._cron_update_state()
            self.assertEqual(self.unit_101.state, "vacant")

    def test_renewal(self):
        with freeze_time("2025-11-15"):
            action = self.lease.with_user(self.user_property).action_renew()
        renewal = self.env["property.lease"].browse(action["res_id"])
        self.assertEqual(renewal.renewal_of_id, self.lease)
        self.assertEqual(self.lease.renewal_id, renewal)
        self.assertEqual(
            (renewal.date_start, renewal.date_end), (date(2026, 1, 1), date(2026, 12, 31))
        )
        self.assertEqual(renewal.unit_ids, self.unit_101)
        self.assertEqual(renewal.state, "draft")
        with self.assertRaises(UserError):
            self.lease.action_renew()
        self._make_active(renewal)
        with freeze_time("2026-01-01"):
            self.env["property.lease"]._cron_update_states()
        self.assertEqual(self.lease.state, "renewed")
        self.assertEqual(renewal.state, "active")

    def test_unsigned_renewal_means_ended(self):
        self.lease.action_renew()
        with freeze_time("2026-01-02"):
            self.env["property.lease"]._cron_update_states()
        self.assertEqual(self.lease.state, "ended")

    @freeze_time("2025-06-15")
    def test_terminate_wizard(self):
        key = self.env["property.lease.key"].create(
            {"lease_id": self.lease.id, "name": "Door 101", "date_issued": date(2025, 1, 1)}
        )
        self.assertEqual(self.lease.key_count, 1)
        with self.assertRaises(AccessError):
            self.lease.with_user(self.user_property).action_terminate()
        action = self.lease.with_user(self.user_manager).action_terminate()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.user_manager)
            .with_context(**action["context"])
        )
        wizard_form.date_terminated = date(2025, 6, 15)
        wizard_form.reason = "Tenant relocates"
        wizard_form.inspection_notes = "<p>Walls fine, one broken tile</p>"
        wizard_form.keys_returned = True
        wizard = wizard_form.save()
        photo = (
            self.env["ir.attachment"]
            .with_user(self.user_manager)
            .create({"name": "tile.jpg", "datas": base64.b64encode(b"jpeg")})
        )
        wizard.photo_ids = photo
        wizard.action_confirm()
        self.assertEqual(self.lease.state, "terminated")
        self.assertEqual(self.lease.date_terminated, date(2025, 6, 15))
        self.assertEqual(self.lease.termination_reason, "Tenant relocates")
        self.assertIn("broken tile", self.lease.move_out_notes)
        self.assertEqual(key.state, "returned")
        self.assertEqual(photo.res_model, "property.lease")
        self.assertEqual(photo.res_id, self.lease.id)
        self.assertEqual(self.lease.schedule_line_ids[-1].date_end, date(2025, 6, 15))
        self.assertEqual(self.unit_101.state, "vacant")

    @freeze_time("2025-06-15")
    def test_terminate_in_future_by_cron_and_keys_outstanding(self):
        self.env["property.lease.key"].create({"lease_id": self.lease.id, "name": "Card"})
        wizard = self.env["property.lease.terminate.wizard"].create(
            {"lease_id": self.lease.id, "date_terminated": date(2025, 7, 31), "reason": "Moving"}
        )
        wizard.action_confirm()
        self.assertEqual(self.lease.state, "active")
        activity = self.lease.activity_ids.filtered(lambda a: "keys" in (a.summary or ""))
        self.assertEqual(activity.user_id, self.user_property, "housekeeper collects the keys")
        with freeze_time("2025-07-31"):
            self.env["property.lease"]._cron_update_states()
        self.assertEqual(self.lease.state, "terminated")
        with self.assertRaises(ValidationError):
            self.env["property.lease.terminate.wizard"].create(
                {"lease_id": self.lease.id, "date_terminated": date(2027, 1, 1), "reason": "x"}
            )

    def test_key_register(self):
        Key = self.env["property.lease.key"].with_user(self.user_property)
        key = Key.create(
            {
                "lease_id": self.lease.id,
                "unit_id": self.unit_101.id,
                "key_type": "card",
                "name": "Access card 0042",
                "date_issued": date(2025, 1, 2),
            }
        )
        self.assertEqual(key.state, "issued")
        self.assertEqual(key.partner_id, self.tenant_a)
        with self.assertRaises(ValidationError):
            key.date_returned = date(2024, 12, 1)
        key.action_return()
        self.assertEqual(key.state, "returned")
        self.assertEqual(key.returned_to_id, self.user_property)
        with self.assertRaises(AccessError):
            Key.with_user(self.user_technician).create({"lease_id": self.lease.id, "name": "x"})
