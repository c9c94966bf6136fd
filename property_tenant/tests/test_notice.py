# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import PropertyTestCommon


class TestNotice(PropertyTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease_a = cls._make_active(cls._create_lease(units=cls.unit_101))
        cls.lease_b = cls._make_active(cls._create_lease(units=cls.unit_201, partner=cls.tenant_b))
        cls.office = cls.env["property.unit.type"].create({"name": "Office"})
        cls.unit_202.unit_type_id = cls.office
        cls.tenant_c = cls.env["res.partner"].create(
            {"name": "Tenant C", "is_property_tenant": True}
        )
        cls.lease_c = cls._make_active(cls._create_lease(units=cls.unit_202, partner=cls.tenant_c))

    def _wizard(self, **targets):
        form = Form(self.env["property.notice.wizard"].with_user(self.user_property))
        for name, records in targets.items():
            for record in records:
                getattr(form, name).add(record)
        form.subject = "Water cut"
        form.body = "<p>No water on Saturday 9:00-12:00.</p>"
        return form.save()

    def test_targeting(self):
        self.assertEqual(
            self._wizard(building_ids=self.building).partner_ids,
            self.tenant_a | self.tenant_b | self.tenant_c,
        )
        self.assertEqual(self._wizard(floor_ids=self.floor_1).partner_ids, self.tenant_a)
        self.assertEqual(self._wizard(unit_type_ids=self.office).partner_ids, self.tenant_c)
        draft = self._create_lease(units=self.unit_102, partner=self.tenant_c)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(
            self._wizard(floor_ids=self.floor_1).partner_ids, self.tenant_a, "drafts excluded"
        )

    def _send(self, wizard):
        result = wizard.action_send()
        notice = self.env["property.notice"].browse(result["params"]["next"]["res_id"])
        return result, notice

    def _process_queues(self):
        """What the scheduled actions do: mass mailing's queue, then the outgoing mail queue."""
        self.env["mailing.mailing"]._process_mass_mailing_queue()
        self.env["mail.mail"].process_email_queue()

    def test_send_copy_on_chatter(self):
        wizard = self._wizard(building_ids=self.building)
        wizard.attachment_ids = (
            self.env["ir.attachment"]
            .with_user(self.user_property)
            .create({"name": "notice.pdf", "datas": base64.b64encode(b"%PDF")})
        )
        result, notice = self._send(wizard)
        self.assertEqual(result["params"]["type"], "warning", "tenant C has no email")
        self.assertIn("Tenant C", result["params"]["message"])
        self.assertEqual(notice.mailing_id.state, "in_queue")
        self._process_queues()
        self.assertEqual(notice.mailing_id.state, "done")
        for tenant in (self.tenant_a, self.tenant_b):
            message = tenant.message_ids.filtered(lambda m: m.subject == "Water cut")
            self.assertEqual(len(message), 1)
            mail = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
            self.assertEqual(mail.recipient_ids, tenant, "emailed to the tenant only")
            self.assertEqual(mail.state, "sent")
            self.assertEqual(message.attachment_ids.mapped("name"), ["notice.pdf"])
        self.assertTrue(self.tenant_c.message_ids.filtered(lambda m: m.subject == "Water cut"))
        self.assertEqual(notice.mailing_sent, 2)
        self.assertEqual(notice.mailing_canceled, 1, "tenant C is not emailed")
        self.assertEqual(notice.recipient_count, 3)

    def test_send_without_recipient_and_access(self):
        with self.assertRaises(UserError):
            self._wizard().action_send()
        with self.assertRaises(AccessError):
            self.env["property.notice.wizard"].with_user(self.user_technician).create(
                {"subject": "x", "body": "<p>x</p>"}
            )

    def test_communication_history(self):
        contact = self.env["res.partner"].create(
            {"name": "A's assistant", "parent_id": self.tenant_a.id}
        )
        self.tenant_a.message_post(body="Visit note: tenant happy")
        contact.message_post(body="Called the assistant")
        self.lease_a.message_post(body="Lease reminder")
        self.lease_b.message_post(body="Other tenant's lease")
        action = self.tenant_a.with_user(self.user_property).action_view_property_communication()
        messages = self.env["mail.message"].with_user(self.user_property).search(action["domain"])
        bodies = " ".join(messages.mapped("body"))
        self.assertIn("Visit note", bodies)
        self.assertIn("Called the assistant", bodies)
        self.assertIn("Lease reminder", bodies)
        self.assertNotIn("Other tenant", bodies)
