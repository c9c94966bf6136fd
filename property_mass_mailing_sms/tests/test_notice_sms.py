# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.addons.property_tenant.tests.test_notice_mailing import NoticeCommon


class TestNoticeSms(NoticeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant_a.phone = "+33 6 12 34 56 78"
        cls.tenant_d.phone = "+33 6 12 34 56 79"

    def _sms_status(self, notice):
        self.env["mailing.mailing"]._process_mass_mailing_queue()
        return {
            trace.res_id: trace.trace_status for trace in notice.sms_mailing_id.mailing_trace_ids
        }

    def test_notice_by_sms_too(self):
        notice = self._send_notice("Lift maintenance", floor_ids=self.floor_1, send_sms=True)
        sms_mailing = notice.sms_mailing_id
        self.assertEqual(sms_mailing.mailing_type, "sms")
        self.assertEqual(sms_mailing.state, "in_queue")
        self.assertIn("Lift maintenance: details inside.", sms_mailing.body_plaintext)
        self.assertNotEqual(sms_mailing, notice.mailing_id, "the email mailing goes on")
        status = self._sms_status(notice)
        self.assertEqual(set(status), {self.tenant_a.id, self.tenant_d.id})
        self.env["mailing.mailing"]._process_mass_mailing_queue()
        self.assertEqual(sms_mailing.state, "done", "every tenant reached")
        sms = self.env["sms.sms"].search([("mailing_id", "=", sms_mailing.id)])
        self.assertEqual(len(sms), 2)

    def test_phone_blacklist_only_for_non_essential_notices(self):
        self.env["phone.blacklist"].sudo().add(self.tenant_a.phone_sanitized)
        info = self._send_notice("Summer party", floor_ids=self.floor_1, send_sms=True)
        cut = self._send_notice("Water cut", floor_ids=self.floor_1, send_sms=True, essential=True)
        self.assertEqual(self._sms_status(info)[self.tenant_a.id], "cancel")
        self.assertNotEqual(self._sms_status(cut)[self.tenant_a.id], "cancel")

    def test_no_sms_unless_asked(self):
        notice = self._send_notice("Fire drill", floor_ids=self.floor_1)
        self.assertFalse(notice.sms_mailing_id)

    def test_sms_in_each_tenant_language(self):
        """Tenant A reads Chinese, tenant D English: one SMS mailing per language, each
        tenant's SMS in their language, the statistics summed over both."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.tenant_a.lang = "zh_CN"
        self.tenant_d.lang = "en_US"
        notice = self._send_notice(
            "Water cut",
            floor_ids=self.floor_1,
            send_sms=True,
            translation_lang="zh_CN",
            translation_subject="停水通知",
            translation_body="<p>周五停水：详见内容。</p>",
        )
        sms_mailings = notice.mailing_ids.filtered(lambda m: m.mailing_type == "sms")
        self.assertEqual(len(sms_mailings), 2, "one SMS mailing per language")
        self.assertIn(notice.sms_mailing_id, sms_mailings)
        self.env["mailing.mailing"]._process_mass_mailing_queue()
        sms = self.env["sms.sms"].search([("mailing_id", "in", sms_mailings.ids)])
        by_partner = {s.partner_id: s.body for s in sms}
        self.assertEqual(set(by_partner), {self.tenant_a, self.tenant_d})
        self.assertIn("停水通知: 周五停水", by_partner[self.tenant_a])
        self.assertNotIn("details inside", by_partner[self.tenant_a])
        self.assertIn("Water cut: details inside.", by_partner[self.tenant_d])
        # the SMS provider reports both delivered (no IAP account in tests)
        sms_mailings.mailing_trace_ids.set_sent()
        self.env.invalidate_all()
        self.assertEqual(notice.sms_sent, 2, "statistics over both SMS mailings")
