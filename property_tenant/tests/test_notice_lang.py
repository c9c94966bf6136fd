# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .test_notice_mailing import NoticeCommon


@tagged("post_install", "-at_install")
class TestNoticeLanguage(NoticeCommon, HttpCase):
    """A notice sent to English and Chinese tenants reaches each in their language: one
    mailing per language, and the portal notice board in the tenant's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.tenant_a.lang = "zh_CN"  # portal user tenant_a, unit 101 on floor 1
        cls.tenant_d.lang = "en_US"  # unit 102 on floor 1

    def _send_water_cut(self):
        return self._send_notice(
            "Water cut",
            floor_ids=self.floor_1,
            translation_lang="zh_CN",
            translation_subject="停水通知",
            translation_body="<p>周五停水：详见内容。</p>",
        )

    def test_each_tenant_gets_their_language(self):
        notice = self._send_water_cut()
        self.assertEqual(notice.with_context(lang="zh_CN").name, "停水通知")
        self.assertEqual(notice.with_context(lang="en_US").name, "Water cut")
        mailings = notice.mailing_ids
        self.assertEqual(len(mailings), 2, "one mailing per language")
        self.assertEqual(notice.mailing_id, mailings[:1])
        self._process_queues()
        mails = self.env["mail.mail"].search([("mailing_id", "in", mailings.ids)])
        by_partner = {mail.recipient_ids: mail for mail in mails}
        self.assertEqual(set(by_partner), {self.tenant_a, self.tenant_d})
        zh, en = by_partner[self.tenant_a], by_partner[self.tenant_d]
        self.assertEqual(zh.subject, "停水通知")
        self.assertIn("周五停水", zh.body_html)
        self.assertNotIn("details inside", zh.body_html)
        self.assertEqual(en.subject, "Water cut")
        self.assertIn("details inside", en.body_html)
        self.assertNotIn("周五停水", en.body_html)
        self.env.invalidate_all()
        self.assertEqual(notice.mailing_sent, 2, "statistics over both mailings")

    def test_tenant_language_not_installed_gets_the_company_language(self):
        self.tenant_d.lang = False
        notice = self._send_water_cut()
        self.assertEqual(
            {m.subject: m.mailing_domain for m in notice.mailing_ids},
            {
                "停水通知": repr([("id", "in", self.tenant_a.ids)]),
                "Water cut": repr([("id", "in", self.tenant_d.ids)]),
            },
        )

    def test_translation_keeps_the_paragraphs(self):
        with self.assertRaises(UserError):
            self._send_notice(
                "Lift repair",
                floor_ids=self.floor_1,
                translation_lang="zh_CN",
                translation_subject="电梯维修",
                translation_body="<p>一</p><p>二</p>",
            )

    def test_portal_board_in_the_tenant_language(self):
        notice = self._send_water_cut()
        self.authenticate("tenant_a", "tenant_a")
        board = self.url_open("/my/notices")
        self.assertIn("停水通知", board.text)
        self.assertNotIn("Water cut", board.text)
        page = self.url_open(f"/my/notices/{notice.id}")
        self.assertIn("周五停水", page.text)
        self.assertNotIn("details inside", page.text)
