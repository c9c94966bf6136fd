# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PropertyTestCommon


class TestLeaseApproval(PropertyTestCommon):
    """Vetting approval: a Property Manager above the company's threshold (always when it is
    0), a leasing officer at or below it; who and when are recorded."""

    def _vetting_lease(self, **vals):
        lease = self._create_lease(**vals)  # 3,000 a month
        lease.action_submit()
        return lease

    def test_no_threshold_means_a_manager_approves(self):
        self.assertFalse(self.company.property_lease_approval_amount, "default 0")
        lease = self._vetting_lease()
        self.assertTrue(lease.approval_manager_required)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            lease.with_user(self.user_property).action_approve()
        self.assertEqual(lease.state, "vetting")
        lease.with_user(self.user_manager).action_approve()
        self.assertEqual(lease.state, "signature")
        self.assertEqual(lease.approved_by_id, self.user_manager)
        self.assertTrue(lease.approved_on)
        self.assertTrue(
            any(
                "Application approved by Property Manager" in body
                for body in lease.message_ids.mapped("body")
            ),
            lease.message_ids.mapped("body"),
        )

    def test_officer_approves_below_the_threshold(self):
        self.company.property_lease_approval_amount = 5000.0
        lease = self._vetting_lease()
        self.assertFalse(lease.with_user(self.user_property).approval_manager_required)
        lease.with_user(self.user_property).action_approve()
        self.assertEqual(lease.state, "signature")
        self.assertEqual(lease.approved_by_id, self.user_property)

    def test_above_the_threshold_the_officer_is_told_why(self):
        self.company.property_lease_approval_amount = 2000.0
        lease = self._vetting_lease()
        self.assertTrue(lease.with_user(self.user_property).approval_manager_required)
        with self.assertRaisesRegex(AccessError, "above the approval threshold"):
            lease.with_user(self.user_property).action_approve()
        # a context key grants nothing
        with self.assertRaises(AccessError):
            lease.with_user(self.user_property).with_context(
                property_manager=True, su=True
            ).action_approve()
        # a technician approves nothing
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            lease.with_user(self.user_technician).action_approve()
        self.assertEqual(lease.state, "vetting")
        self.assertFalse(lease.approved_by_id)

    def test_threshold_is_per_company(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        self.company.property_lease_approval_amount = 5000.0
        self.assertEqual(other.property_lease_approval_amount, 0.0)


@tagged("post_install", "-at_install")
class TestLeaseApprovalTour(HttpCase, PropertyTestCommon):
    def test_tour_officer_sees_why_manager_approves(self):
        self.company.property_lease_approval_amount = 2000.0
        lease = self._create_lease()
        lease.action_submit()
        url = f"/odoo/action-property_tenant.property_lease_action/{lease.id}"
        self.start_tour(url, "property_lease_approval_officer", login=self.user_property.login)
        self.assertEqual(lease.state, "vetting")
        self.start_tour(url, "property_lease_approval_manager", login=self.user_manager.login)
        self.assertEqual(lease.state, "signature")
        self.assertEqual(lease.approved_by_id, self.user_manager)
