# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import Command
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import format_amount, format_date

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestDunningNotify(BillingTestCommon):
    """A collection level never fires silently: it notifies the users, group and mailbox it is
    given, and says on its form and in the log when it can notify nobody."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.legal = cls.env.ref("property_billing.dunning_level_legal")
        cls.legal_group = cls.env.ref("property_billing.group_property_legal")
        # whatever the demo data put in the group: these tests decide who is in it
        cls.shipped_legal_members = cls.legal_group.users
        cls.legal_group.users = [Command.clear()]
        cls.lease = cls._activate_direct(
            cls._create_lease(units=cls.spare_units[0], rent_price=8000.0)
        )
        cls.lease._generate_invoices(date(2025, 1, 1))
        cls.invoice = cls.lease.invoice_ids
        cls.late = cls.invoice.invoice_date_due + timedelta(days=31)
        cls.template = cls.env.ref("property_billing.mail_template_dunning_staff")

    def _notes_to(self, partner):
        return self.invoice.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_note") and partner in m.partner_ids
        )

    def test_shipped_legal_level_warns_when_nobody_is_in_legal(self):
        self.assertEqual(self.legal.notify_template_id, self.template, "a template is shipped")
        self.assertIn("has no user", self.legal.notify_warning)
        form = Form(self.legal.with_user(self.user_manager))
        self.assertIn("Legal", form.notify_warning)
        with self.assertLogs(
            "odoo.addons.property_billing.models.property_dunning_level", "WARNING"
        ) as logs:
            self.legal._run(self.late)
        self.assertIn("Legal escalation", logs.output[0])
        self.assertIn("has no user", logs.output[0])
        self.assertFalse(self.invoice.activity_ids, "nobody to assign")

    def test_legal_member_gets_activity_and_templated_note(self):
        legal_user = new_test_user(
            self.env,
            login="legal_officer",
            name="Legal Officer",
            groups="property_billing.group_property_legal",
        )
        self.assertFalse(self.legal.notify_warning)
        with self.assertNoLogs(
            "odoo.addons.property_billing.models.property_dunning_level", "WARNING"
        ):
            self.legal._run(self.late)
        self.assertEqual(self.invoice.activity_ids.user_id, legal_user)
        note = self._notes_to(legal_user.partner_id)
        self.assertEqual(len(note), 1)
        self.assertIn("Legal escalation", note.subject)
        self.assertIn(self.lease.name, note.body, "the shipped template's body")
        self.assertIn("8,000.00", note.body)

    def test_notify_users_and_mailbox(self):
        level = self.env["property.dunning.level"].create(
            {
                "name": "Big arrears",
                "days_overdue": 20,
                "notify_user_ids": [Command.set(self.user_manager.ids)],
                "notify_email": "collections@example.com",
            }
        )
        self.assertFalse(level.notify_warning, "users and a mailbox are notified")
        level._run(self.late)
        note = self._notes_to(self.user_manager.partner_id)
        self.assertEqual(len(note), 1)
        self.assertIn("Big arrears", note.body)
        self.assertIn("8,000.00", note.body)
        mail = self.env["mail.mail"].search([("email_to", "=", "collections@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertIn(self.invoice.name, mail.subject)
        level._run(self.late + timedelta(days=1))
        self.assertEqual(
            self.env["mail.mail"].search_count([("email_to", "=", "collections@example.com")]),
            1,
            "once per invoice",
        )

    def test_mailbox_with_template(self):
        self.legal.notify_email = "legal@example.com"
        self.assertNotIn("nobody is notified", self.legal.notify_warning or "")
        self.legal._run(self.late)
        mail = self.env["mail.mail"].search([("email_to", "=", "legal@example.com")])
        self.assertEqual(len(mail), 1)
        self.assertIn("Legal escalation", mail.subject)
        self.assertIn(self.lease.name, mail.body_html)

    def test_level_without_any_channel_warns(self):
        level = self.env["property.dunning.level"].create({"name": "Silent", "days_overdue": 10})
        self.assertIn("nobody is notified", level.notify_warning)
        level.mail_template_id = self.env.ref("property_billing.mail_template_rent_overdue")
        self.assertFalse(level.notify_warning, "the tenant is emailed")
        level.write({"mail_template_id": False, "activity_target": "housekeeper"})
        self.assertFalse(level.notify_warning)

    def test_demo_ships_a_legal_member(self):
        demo_user = self.env.ref("property_billing.res_users_legal_demo", raise_if_not_found=False)
        if not demo_user:
            self.skipTest("no demo data")
        self.assertIn(demo_user, self.shipped_legal_members)
        self.assertFalse(demo_user.share)
        self.assertTrue(self.legal.notify_email)

    def test_call_note_reads_money_and_date_in_the_users_language(self):
        """The call activity's note formats the amount with its currency and the due date in
        the assigned user's language (it read "8000.0 due by ... since 2025-01-01")."""
        self.env["res.lang"]._activate_lang("zh_CN")
        for lang in ("en_US", "zh_CN"):
            user = new_test_user(
                self.env,
                login=f"call_note_{lang}",
                groups="property_tenant.group_property_user",
                lang=lang,
            )
            note = self.legal._prepare_activity_note(self.invoice, user)
            amount = format_amount(
                self.env, self.invoice.amount_residual, self.invoice.currency_id, lang_code=lang
            )
            due = format_date(self.env, self.invoice.invoice_date_due, lang_code=lang)
            self.assertIn(amount, note)
            self.assertIn(due, note)
            self.assertNotIn(str(self.invoice.amount_residual), note)
            self.assertNotIn(str(self.invoice.invoice_date_due), note)
