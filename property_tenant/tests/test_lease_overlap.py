# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

import psycopg2

from odoo.exceptions import ValidationError
from odoo.tools import SQL, mute_logger

from .common import PropertyTestCommon


class TestLeaseOverlap(PropertyTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease_1 = cls._create_lease()
        cls._make_active(cls.lease_1)

    def test_overlapping_lease_is_refused_with_a_clear_message(self):
        lease_2 = self._create_lease(
            partner=self.tenant_b, date_start=date(2025, 6, 1), date_end=date(2026, 5, 31)
        )
        lease_2.action_submit()
        with self.assertRaises(ValidationError) as error:
            lease_2.action_approve()
        message = str(error.exception)
        self.assertIn(self.unit_101.display_name, message)
        self.assertIn(self.lease_1.name, message)
        self.assertIn(lease_2.name, message)
        self.assertEqual(lease_2.state, "vetting")

    def test_drafts_and_non_overlapping_leases_are_allowed(self):
        draft = self._create_lease(partner=self.tenant_b)  # drafts do not hold units
        self.assertEqual(draft.state, "draft")
        follow_up = self._create_lease(
            partner=self.tenant_b, date_start=date(2026, 1, 1), date_end=date(2026, 12, 31)
        )
        self._make_active(follow_up)
        self.assertEqual(follow_up.state, "active")

    def test_cancelled_lease_frees_the_unit(self):
        lease_2 = self._create_lease(partner=self.tenant_b)
        lease_2.action_submit()
        self.lease_1.write({"state": "ended"})
        lease_2.action_approve()
        self.assertEqual(lease_2.state, "signature")

    def test_adding_unit_to_signed_lease_is_checked(self):
        other = self._create_lease(units=self.unit_102, partner=self.tenant_b)
        self._make_active(other)
        with self.assertRaises(ValidationError):
            other.write({"line_ids": [(0, 0, {"unit_id": self.unit_101.id})]})

    def test_database_refuses_overlap_written_in_sql(self):
        lease_2 = self._create_lease(partner=self.tenant_b, date_start=date(2025, 12, 1))
        self.env.flush_all()
        line = lease_2.line_ids
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                SQL("UPDATE property_lease_line SET lease_state = 'active' WHERE id = %s", line.id)
            )
        self.env.flush_all()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                SQL(
                    """INSERT INTO property_lease_line
                       (lease_id, unit_id, company_id, date_start, date_end, lease_state)
                       VALUES (%s, %s, %s, '2025-03-01', '2025-04-30', 'signature')""",
                    self._create_lease(units=self.unit_102, partner=self.tenant_b).id,
                    self.unit_101.id,
                    self.company.id,
                )
            )
