# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, tagged

from .common import PropertyTestCommon


class NoticeCommon(PropertyTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant_d = cls.env["res.partner"].create(
            {"name": "Tenant D", "is_property_tenant": True, "email": "tenant.d@example.com"}
        )
        cls.lease_a = cls._make_active(cls._create_lease(units=cls.unit_101))
        cls.lease_d = cls._make_active(cls._create_lease(units=cls.unit_102, partner=cls.tenant_d))
        cls.lease_b = cls._make_active(cls._create_lease(units=cls.unit_201, partner=cls.tenant_b))

    @classmethod
    def _send_notice(cls, subject, user=None, **values):
        form = Form(cls.env["property.notice.wizard"].with_user(user or cls.user_property))
        for name in ("building_ids", "floor_ids", "unit_type_ids"):
            for record in values.pop(name, []):
                getattr(form, name).add(record)
        form.subject = subject
        form.body = f"<p>{subject}: details inside.</p>"
        for name, value in values.items():
            setattr(form, name, value)
        result = form.save().action_send()
        return cls.env["property.notice"].browse(result["params"]["next"]["res_id"])

    def _process_queues(self):
        """What the scheduled actions do: mass mailing's queue, then the outgoing mail queue."""
        self.env["mailing.mailing"]._process_mass_mailing_queue()
        self.env["mail.mail"].process_email_queue()


class TestNoticeMailing(NoticeCommon):
    def test_floor_notice_sent_in_batches_with_statistics(self):
        set_param = self.env["ir.config_parameter"].sudo().set_param
        set_param("mail.batch_size", 1)  # the composer renders one email per batch
        set_param("mail.mail.queue.batch.size", 1)  # the mail queue sends one per run
        # as for a notice to more than 100 tenants: queued, not sent while rendering
        set_param("mail.mail.force.send.limit", 0)
        notice = self._send_notice("Lift maintenance", floor_ids=self.floor_1)
        self.assertEqual(notice.receipt_ids.partner_id, self.tenant_a | self.tenant_d)
        mailing = notice.mailing_id
        self.assertEqual(mailing.mailing_model_real, "res.partner")
        self.assertEqual(mailing.state, "in_queue", "sent by mass mailing's own queue")
        self.assertFalse(mailing.property_ignore_opt_out)

        self.env["mailing.mailing"]._process_mass_mailing_queue()
        self.assertEqual(mailing.state, "done")
        mails = self.env["mail.mail"].search([("mailing_id", "=", mailing.id)])
        self.assertEqual(len(mails), 2)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        Mail = self.env["mail.mail"]
        Mail.process_email_queue()
        self.assertEqual(sorted(mails.mapped("state")), ["outgoing", "sent"], "first batch")
        self.assertEqual(notice.mailing_sent, 1)
        Mail.process_email_queue()
        self.assertEqual(set(mails.mapped("state")), {"sent"}, "second batch")
        self.env.invalidate_all()  # the statistics are computed, not stored
        self.assertEqual(notice.mailing_sent, 2)

        traces = mailing.mailing_trace_ids
        traces.filtered(lambda t: t.res_id == self.tenant_a.id).set_opened()
        traces.filtered(lambda t: t.res_id == self.tenant_a.id).set_clicked()
        traces.filtered(lambda t: t.res_id == self.tenant_d.id).set_bounced()
        self.env.invalidate_all()
        notice_as_user = notice.with_user(self.user_property)
        self.assertEqual(notice_as_user.mailing_opened, 1)
        self.assertEqual(notice_as_user.mailing_clicked, 1)
        self.assertEqual(notice_as_user.mailing_bounced, 1)
        self.assertEqual(notice_as_user.recipient_count, 2)
        self.assertEqual(notice_as_user.unread_count, 2)
        self.assertTrue(
            self.tenant_d.message_ids.filtered(lambda m: m.subject == "Lift maintenance"),
            "a copy on the tenant's communication history",
        )

    def test_opt_out_only_for_non_essential_notices(self):
        self.env["mail.blacklist"]._add(self.tenant_a.email)
        info = self._send_notice("Summer party", floor_ids=self.floor_1)
        cut = self._send_notice("Water cut", floor_ids=self.floor_1, essential=True)
        self.assertTrue(cut.mailing_id.property_ignore_opt_out)
        self._process_queues()

        def status(notice, tenant):
            trace = notice.mailing_id.mailing_trace_ids.filtered(lambda t: t.res_id == tenant.id)
            return trace.trace_status

        self.assertEqual(status(info, self.tenant_a), "cancel", "unsubscribed")
        self.assertEqual(status(info, self.tenant_d), "sent")
        self.assertEqual(status(cut, self.tenant_a), "sent", "essential: opt-out ignored")
        self.assertEqual(status(cut, self.tenant_d), "sent")
        self.assertEqual(info.receipt_ids.partner_id, self.tenant_a | self.tenant_d, "portal")

    def test_scheduled_notice_waits_in_the_queue(self):
        later = fields.Datetime.now() + timedelta(days=1)
        notice = self._send_notice("Fire drill", building_ids=self.building, schedule_date=later)
        self.assertEqual(notice.mailing_id.schedule_type, "scheduled")
        self.assertEqual(notice.date_publish, later)
        self._process_queues()
        self.assertEqual(notice.mailing_id.state, "in_queue")
        self.assertFalse(notice.mailing_id.mailing_trace_ids)

    def test_unread_urgent_notice_and_access(self):
        notice = self._send_notice("Gas leak check", floor_ids=self.floor_1, urgent=True)
        notice.receipt_ids.filtered(lambda r: r.partner_id == self.tenant_a)._mark_read()
        action = notice.with_user(self.user_property).action_view_unread()
        unread = (
            self.env[action["res_model"]].with_user(self.user_property).search(action["domain"])
        )
        self.assertEqual(unread.partner_id, self.tenant_d)
        with self.assertRaises(AccessError):
            notice.with_user(self.user_technician).read(["name"])
        with self.assertRaises(AccessError):
            notice.with_user(self.user_property).unlink()
        with self.assertRaises(AccessError):
            self.env["mailing.mailing"].with_user(self.user_property).search([])

    def test_portal_isolation(self):
        notice_a = self._send_notice("For floor 1", floor_ids=self.floor_1)
        notice_b = self._send_notice("For floor 2", floor_ids=self.floor_2)
        receipt_b = notice_b.receipt_ids
        self.assertEqual(receipt_b.partner_id, self.tenant_b)
        Notice = self.env["property.notice"].with_user(self.user_portal_a)
        self.assertEqual(Notice.search([]), notice_a)
        with self.assertRaises(AccessError):
            Notice.browse(notice_b.id).read(["name", "body"])
        Receipt = self.env["property.notice.receipt"].with_user(self.user_portal_a)
        self.assertEqual(Receipt.search([]).partner_id, self.tenant_a)
        with self.assertRaises(AccessError):
            Receipt.browse(receipt_b.id).read(["read_date"])
        with self.assertRaises(AccessError):
            Receipt.browse(notice_a.receipt_ids[:1].id).write({"read_date": fields.Datetime.now()})


@tagged("post_install", "-at_install")
class TestNoticePortal(NoticeCommon, HttpCase):
    def test_portal_board_and_read_receipt(self):
        notice_a = self._send_notice("For floor 1", floor_ids=self.floor_1, urgent=True)
        notice_b = self._send_notice("For floor 2", floor_ids=self.floor_2)
        later = self._send_notice(
            "Not yet",
            floor_ids=self.floor_1,
            schedule_date=fields.Datetime.now() + timedelta(days=2),
        )
        receipt_a = notice_a.receipt_ids.filtered(lambda r: r.partner_id == self.tenant_a)
        self.authenticate("tenant_a", "tenant_a")
        board = self.url_open("/my/notices")
        self.assertEqual(board.status_code, 200)
        self.assertIn("For floor 1", board.text)
        self.assertNotIn("For floor 2", board.text)
        self.assertNotIn("Not yet", board.text, "published on its date only")
        self.assertFalse(receipt_a.read_date)
        page = self.url_open(f"/my/notices/{notice_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("details inside", page.text)
        receipt_a.invalidate_recordset()
        self.assertTrue(receipt_a.read_date, "read receipt recorded")
        others = (notice_a.receipt_ids - receipt_a) | notice_b.receipt_ids | later.receipt_ids
        self.assertFalse(any(others.mapped("read_date")))
        self.assertEqual(self.url_open(f"/my/notices/{notice_b.id}").status_code, 404)
        self.assertEqual(self.url_open(f"/my/notices/{later.id}").status_code, 404)
        self.assertIn("/my/notices", self.url_open("/my").text, "portal home entry")

    def test_tour_tenant_reads_notice(self):
        notice = self._send_notice("Water cut on Saturday", floor_ids=self.floor_1)
        self.start_tour("/my", "property_notice_portal_read", login="tenant_a")
        receipt = notice.receipt_ids.filtered(lambda r: r.partner_id == self.tenant_a)
        self.assertTrue(receipt.read_date)

    def test_tour_staff_sends_notice(self):
        self.start_tour(
            "/odoo/action-property_tenant.property_notice_action",
            "property_notice_staff_send",
            login="prop_user",
        )
        notice = self.env["property.notice"].search([("name", "=", "Lift out of service")])
        self.assertEqual(notice.receipt_ids.partner_id, self.tenant_a | self.tenant_d)
        self.assertEqual(notice.mailing_id.state, "in_queue")
        self.assertTrue(notice.urgent)
