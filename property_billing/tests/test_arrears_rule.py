# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime, time, timedelta

from freezegun import freeze_time

from odoo.tests import Form, new_test_user, tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestArrearsRule(BillingTestCommon):
    """The seed's rule "arrears over 30 days and over 5,000 → to-do and email to legal" is a
    shipped, active automation rule that fires the collection level "Legal escalation" once
    per invoice; the daily collection job does not fire that level a second time."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env.ref("property_billing.base_automation_arrears_legal")
        cls.legal = cls.env.ref("property_billing.dunning_level_legal")
        cls.follow_up = cls.env.ref("property_billing.dunning_level_follow_up")
        cls.user_legal = new_test_user(
            cls.env,
            login="prop_legal_rule",
            name="Legal Officer",
            groups="property_billing.group_property_legal",
        )
        cls.lease = cls._activate_direct(
            cls._create_lease(units=cls.spare_units[0], rent_price=8000.0)
        )
        cls.small_lease = cls._activate_direct(
            cls._create_lease(units=cls.spare_units[1], rent_price=1000.0, partner=cls.tenant_b)
        )
        (cls.lease | cls.small_lease)._generate_invoices(date(2025, 1, 1))
        cls.invoice = cls.lease.invoice_ids
        cls.small_invoice = cls.small_lease.invoice_ids
        cls.due = cls.invoice.invoice_date_due
        # the rule's scheduled action last ran before the invoice was 30 days late
        cls.rule.last_run = datetime.combine(cls.due + timedelta(days=29), time(12))

    def _legal_todos(self, move):
        return move.activity_ids.filtered(lambda a: a.user_id == self.user_legal)

    def _check_rules(self, day):
        with freeze_time(datetime.combine(day, time(13))):
            self.env["base.automation"]._check()

    def _legal_logs(self):
        return self.env["property.dunning.log"].search(
            [("level_id", "=", self.legal.id), ("move_id", "in", self.invoice.ids)]
        )

    def test_rule_is_shipped_active_and_fires_the_level(self):
        self.assertTrue(self.rule.active)
        self.assertEqual(self.rule.trigger, "on_time")
        self.assertEqual(self.rule.trg_date_range, 30)
        self.assertTrue(self.legal.fired_by_rule)

    def test_fires_once_per_invoice(self):
        self._check_rules(self.due + timedelta(days=29))
        self.assertFalse(self._legal_todos(self.invoice), "not yet 30 days late")
        self._check_rules(self.due + timedelta(days=31))
        todo = self._legal_todos(self.invoice)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.summary, "Overdue over 30 days: legal review")
        self.assertEqual(len(self._legal_logs()), 1)
        # the email to legal: the level's staff notification, a note to the legal users
        self.assertIn(
            self.user_legal.partner_id,
            self.invoice.message_ids.filtered(
                lambda m: m.subtype_id == self.env.ref("mail.mt_note")
            ).partner_ids,
        )
        self.assertFalse(self._legal_todos(self.small_invoice), "1,000 is under 5,000")
        # the next checks, and a rule whose last run was reset (edited), do not fire again
        self._check_rules(self.due + timedelta(days=32))
        self.rule.last_run = False
        self._check_rules(self.due + timedelta(days=40))
        self.assertEqual(len(self._legal_todos(self.invoice)), 1)
        self.assertEqual(len(self._legal_logs()), 1)

    def test_no_second_todo_from_the_collection_job(self):
        self._check_rules(self.due + timedelta(days=31))
        with freeze_time(self.due + timedelta(days=33)):
            self.env["property.dunning.level"]._cron_run()
        # the job ran (the follow-up level fired) but left the legal level to the rule
        self.assertTrue(
            self.env["property.dunning.log"].search(
                [("level_id", "=", self.follow_up.id), ("move_id", "=", self.invoice.id)]
            )
        )
        self.assertEqual(len(self._legal_todos(self.invoice)), 1)
        self.assertEqual(len(self._legal_logs()), 1)

    def test_collection_job_alone_does_not_escalate(self):
        with freeze_time(self.due + timedelta(days=35)):
            self.env["property.dunning.level"]._cron_run()
        self.assertFalse(self._legal_todos(self.invoice))
        self.assertFalse(self._legal_logs())

    def test_paid_invoice_not_escalated(self):
        self._pay(self.invoice)
        self._check_rules(self.due + timedelta(days=31))
        self.assertFalse(self._legal_logs())

    def test_manager_edits_the_level_without_code(self):
        form = Form(self.legal.with_user(self.user_manager))
        form.activity_summary = "Arrears: send a lawyer's letter"
        form.save()
        self._check_rules(self.due + timedelta(days=31))
        self.assertEqual(self._legal_todos(self.invoice).summary, "Arrears: send a lawyer's letter")
