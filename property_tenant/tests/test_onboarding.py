# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from .common import PropertyTestCommon


class TestOnboarding(PropertyTestCommon):
    def _activity(self, lease, xmlid):
        return lease.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(xmlid))

    def test_each_step_notifies_the_next_actor(self):
        lease = self._create_lease(
            user_id=self.user_property.id, housekeeper_id=self.user_technician.id
        ).with_user(self.user_property)
        lease.action_submit()
        vetting = self._activity(lease, "property_tenant.mail_activity_type_lease_vetting")
        self.assertEqual(vetting.user_id, self.user_manager, "the building manager vets")

        lease.with_user(self.user_manager).action_approve()
        self.assertFalse(vetting.exists(), "vetting activity done")
        signature = self._activity(lease, "property_tenant.mail_activity_type_lease_signature")
        self.assertEqual(signature.user_id, self.user_property)
        message = lease.message_ids.filtered(lambda m: self.tenant_a in m.partner_ids)
        self.assertTrue(message, "the tenant is emailed a signature request")
        self.assertIn("/my/leases/", message[0].body)

        lease.action_mark_signed()
        self.assertFalse(signature.exists())
        deposit = self._activity(lease, "property_tenant.mail_activity_type_lease_deposit")
        self.assertEqual(deposit.user_id, self.user_property)

        lease.with_user(self.user_manager).action_activate()
        self.assertFalse(deposit.exists())
        handover = self._activity(lease, "property_tenant.mail_activity_type_key_handover")
        self.assertEqual(handover.user_id, self.user_technician, "the housekeeper hands over keys")

    def test_reject_and_cancel_clear_activities(self):
        lease = self._create_lease()
        lease.action_submit()
        lease.with_user(self.user_manager).action_reject()
        self.assertFalse(lease.activity_ids)
        lease.action_submit()
        lease.action_cancel()
        self.assertFalse(lease.activity_ids)

    def test_contract_report(self):
        lease = self._create_lease()
        self.tenant_a.lang = "en_US"
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("property_tenant.report_lease_contract", lease.ids)[0]
            .decode()
        )
        self.assertIn(lease.name, html)
        self.assertIn("Tenant A", html)
        self.assertIn("Noto Sans CJK SC", html)
        pdf, _report_type = self.env["ir.actions.report"]._render_qweb_pdf(
            "property_tenant.report_lease_contract", lease.ids
        )
        self.assertTrue(pdf)
