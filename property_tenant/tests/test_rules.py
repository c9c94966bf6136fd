# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import PropertyTestCommon


# post_install: base_automation's scheduled action runs every time-based rule, those of the
# other property addons too, whose fields exist once they are all loaded
@tagged("post_install", "-at_install")
class TestRenewalRule(PropertyTestCommon):
    """The shipped automation rule "lease ending in 60 days → renewal to-do for the leasing
    officer" fires once per lease, from base_automation's time-based scheduled action (and
    the daily lease cron no longer schedules its own to-do)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env.ref("property_tenant.base_automation_lease_renewal")
        cls.rule.last_run = datetime(2025, 1, 1)

    def _todos(self, lease):
        return lease.activity_ids.filtered(lambda a: "offer a renewal" in (a.summary or ""))

    def _run_at(self, day):
        with freeze_time(day):
            self.env["property.lease"]._cron_update_states()
            self.env["base.automation"]._check()

    def test_fires_once_for_the_leasing_officer(self):
        self.assertTrue(self.rule.active, "shipped active")
        lease = self._make_active(self._create_lease(user_id=self.user_property.id))
        self._run_at(date(2025, 10, 31))  # ends 31 Dec: 61 days before
        self.assertFalse(self._todos(lease))
        self._run_at(date(2025, 11, 2))
        todo = self._todos(lease)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.user_property)
        self._run_at(date(2025, 11, 3))
        self._run_at(date(2025, 12, 1))
        self.assertEqual(len(self._todos(lease)), 1, "once per lease")

    def test_renewed_or_draft_leases_are_left_alone(self):
        draft = self._create_lease(units=self.unit_102, user_id=self.user_property.id)
        renewed = self._make_active(self._create_lease(units=self.unit_201))
        renewed.action_renew()
        self._run_at(date(2025, 11, 2))
        self.assertFalse(self._todos(draft))
        self.assertFalse(self._todos(renewed))
