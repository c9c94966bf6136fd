# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from .common import PropertyTestCommon


class TestLeaseLifecycle(PropertyTestCommon):
    def _new_lease_as_officer(self):
        with Form(self.env["property.lease"].with_user(self.user_property)) as form:
            form.partner_id = self.tenant_a
            form.date_start = date(2025, 1, 1)
            form.date_end = date(2025, 12, 31)
            form.rent_price = 2500
            with form.line_ids.new() as line:
                line.unit_id = self.unit_101
        return form.record

    def test_onboarding_with_group_checks(self):
        lease = self._new_lease_as_officer()
        self.assertTrue(lease.name.startswith("LEASE/"))
        self.assertEqual(lease.monthly_rent, 2500)
        self.assertEqual(lease.user_id, self.user_property)
        lease.action_submit()
        self.assertEqual(lease.state, "vetting")
        with self.assertRaises(AccessError):
            lease.with_user(self.user_property).action_approve()
        with self.assertRaises(AccessError):
            lease.with_user(self.user_property).action_reject()
        lease.with_user(self.user_manager).action_reject()
        self.assertEqual(lease.state, "draft")
        lease.with_user(self.user_property).action_submit()
        lease.with_user(self.user_manager).action_approve()
        self.assertEqual(lease.state, "signature")
        lease.with_user(self.user_property).action_mark_signed()
        self.assertEqual(lease.state, "deposit")
        with self.assertRaises(AccessError):
            lease.with_user(self.user_property).action_activate()
        lease.with_user(self.user_manager).action_activate()
        self.assertEqual(lease.state, "active")

    def test_technician_and_portal_cannot_create_leases(self):
        for user in (self.user_technician, self.user_portal_a):
            with self.assertRaises(AccessError):
                self._create_lease(partner=self.tenant_a).with_user(user).write({"rent_price": 1})
            with self.assertRaises(AccessError):
                self.env["property.lease"].with_user(user).create(
                    {
                        "partner_id": self.tenant_a.id,
                        "date_start": date(2025, 1, 1),
                        "date_end": date(2025, 2, 1),
                        "rent_price": 1,
                    }
                )

    def test_wrong_transitions_are_refused(self):
        lease = self._create_lease()
        for action in ("action_approve", "action_mark_signed", "action_activate", "action_draft"):
            with self.assertRaises(UserError):
                getattr(lease, action)()
        empty = self._create_lease(units=self.env["property.unit"])
        with self.assertRaises(UserError):
            empty.action_submit()

    def test_cancel_reset_and_unlink(self):
        lease = self._create_lease()
        self._make_active(lease)
        with self.assertRaises(UserError):
            lease.action_cancel()
        with self.assertRaises(UserError):
            lease.unlink()
        draft = self._create_lease(units=self.unit_102)
        draft.action_cancel()
        draft.action_draft()
        self.assertEqual(draft.state, "draft")
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_end_before_start_is_refused(self):
        lease = self._create_lease()
        with self.assertRaises(ValidationError):
            lease.date_end = date(2024, 12, 1)
        with self.assertRaises(ValidationError):
            self._create_lease(date_start=date(2025, 5, 1), date_end=date(2025, 4, 1))
        with self.assertRaises(ValidationError):
            self._create_lease(rent_price=-1)
        # the database refuses it too, whatever the writer
        self.env.flush_all()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE property_lease SET date_end = date_start - 1 WHERE id = %s",
                [lease.id],
            )
