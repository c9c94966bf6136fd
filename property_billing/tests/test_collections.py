# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo.tests import Form, new_test_user, tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestCollections(BillingTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_legal = new_test_user(
            cls.env,
            login="prop_legal",
            name="Legal Officer",
            groups="property_billing.group_property_legal",
        )
        cls.levels = cls.env["property.dunning.level"].search([])
        cls.reminder = cls.env.ref("property_billing.dunning_level_reminder")
        cls.follow_up = cls.env.ref("property_billing.dunning_level_follow_up")
        cls.legal = cls.env.ref("property_billing.dunning_level_legal")
        cls.lease = cls._activate_direct(
            cls._create_lease(
                units=cls.spare_units[0],
                rent_price=8000.0,
                housekeeper_id=cls.user_property.id,
            )
        )
        cls.small_lease = cls._activate_direct(
            cls._create_lease(units=cls.spare_units[1], rent_price=1000.0, partner=cls.tenant_b)
        )
        (cls.lease | cls.small_lease)._generate_invoices(date(2025, 1, 1))
        cls.invoice = cls.lease.invoice_ids
        cls.small_invoice = cls.small_lease.invoice_ids

    def _logs(self, moves, level):
        return self.env["property.dunning.log"].search(
            [("move_id", "in", moves.ids), ("level_id", "=", level.id)]
        )

    def test_levels_fire_once_each(self):
        moves = self.invoice | self.small_invoice
        due = self.invoice.invoice_date_due
        self.assertEqual(due, date(2025, 1, 1))
        # 3 days before the due date: the reminder
        self.levels._run(due - timedelta(days=3))
        self.assertEqual(len(self._logs(moves, self.reminder)), 2)
        reminder_msg = self.invoice.message_ids.filtered(
            lambda m: "reminder" in (m.subject or "").lower() or "due on" in (m.subject or "")
        )
        self.assertTrue(reminder_msg, "the reminder email is on the invoice")
        self.levels._run(due - timedelta(days=2))
        self.assertEqual(len(self._logs(moves, self.reminder)), 2, "reminders are not repeated")
        # 8 days late: follow-up with a call activity for the housekeeper
        self.levels._run(due + timedelta(days=8))
        self.assertEqual(len(self._logs(moves, self.follow_up)), 2)
        call = self.invoice.activity_ids.filtered(lambda a: a.user_id == self.user_property)
        self.assertEqual(len(call), 1)
        self.assertFalse(self._logs(moves, self.legal))
        # 31 days late: legal only for the invoice above 5,000
        for _ in range(2):
            self.levels._run(due + timedelta(days=31))
        self.assertEqual(self._logs(moves, self.legal).move_id, self.invoice)
        legal_activity = self.invoice.activity_ids.filtered(lambda a: a.user_id == self.user_legal)
        self.assertEqual(len(legal_activity), 1, "legal escalation fires exactly once")
        self.assertIn(
            self.user_legal.partner_id,
            self.invoice.message_ids.filtered(
                lambda m: m.subtype_id == self.env.ref("mail.mt_note")
            ).partner_ids,
        )
        self.assertEqual(len(self._logs(moves, self.follow_up)), 2)

    def test_paid_invoice_not_chased(self):
        self._pay(self.invoice)
        self.levels._run(self.invoice.invoice_date_due + timedelta(days=40))
        self.assertFalse(
            self.env["property.dunning.log"].search([("move_id", "=", self.invoice.id)])
        )

    def test_log_call(self):
        action = self.invoice.with_user(self.user_accountant).action_property_log_call()
        log_form = Form(
            self.env["property.dunning.log"]
            .with_user(self.user_accountant)
            .with_context(**action["context"]),
            view="property_billing.property_dunning_log_view_form",
        )
        log_form.result = "promise"
        log_form.promise_date = date(2025, 1, 15)
        log = log_form.save()
        self.assertEqual(log.move_id, self.invoice)
        self.assertEqual(log.kind, "call")
        self.assertEqual(log.partner_id, self.tenant_a)

    def test_late_fee_percent_capped(self):
        self.company.write(
            {
                "property_late_fee_active": True,
                "property_late_fee_grace_days": 5,
                "property_late_fee_type": "percent",
                "property_late_fee_rate": 0.1,
                "property_late_fee_cap": 200.0,
                "property_late_fee_mode": "line",
            }
        )
        Move = self.env["account.move"]
        due = self.invoice.invoice_date_due
        Move._cron_property_late_fees(due + timedelta(days=5))
        self.assertFalse(self._late_charges(self.invoice), "grace period")
        Move._cron_property_late_fees(due + timedelta(days=10))
        charge = self._late_charges(self.invoice)
        self.assertEqual(charge.amount, 80.0, "8000 x 0.1% x 10 days")
        Move._cron_property_late_fees(due + timedelta(days=10))
        self.assertEqual(self._late_charges(self.invoice).amount, 80.0, "re-run adds nothing")
        Move._cron_property_late_fees(due + timedelta(days=60))
        self.assertEqual(sum(self._late_charges(self.invoice).mapped("amount")), 200.0, "capped")
        # the pending late fee rides on the next rent invoice
        self.lease._generate_invoices(date(2025, 1, 22))
        february = self._rent_moves(self.lease)[1]
        self.assertEqual(self._late_charges(self.invoice).move_id, february)
        self.assertIn(
            self.env.ref("property_billing.product_late_fee"),
            february.invoice_line_ids.product_id,
        )

    def test_late_fee_flat_separate_invoice_and_waiver(self):
        self.company.write(
            {
                "property_late_fee_active": True,
                "property_late_fee_grace_days": 0,
                "property_late_fee_type": "flat",
                "property_late_fee_amount": 50.0,
                "property_late_fee_mode": "invoice",
            }
        )
        Move = self.env["account.move"]
        due = self.invoice.invoice_date_due
        # waived before any fee: the small invoice is never charged
        waive = Form(
            self.env["property.late.fee.waive"]
            .with_user(self.user_accountant)
            .with_context(active_model="account.move", active_ids=self.small_invoice.ids)
        )
        waive.reason = "Bank transfer delayed by the bank"
        waive.save().action_waive()
        self.assertTrue(self.small_invoice.property_late_fee_waived)
        Move._cron_property_late_fees(due + timedelta(days=3))
        Move._cron_property_late_fees(due + timedelta(days=4))
        self.assertFalse(self._late_charges(self.small_invoice))
        charge = self._late_charges(self.invoice)
        self.assertEqual(charge.amount, 50.0)
        self.assertEqual(charge.move_id.property_invoice_kind, "late_fee")
        self.assertEqual(charge.move_id.state, "posted")
        # a waiver also drops a late fee accrued but not invoiced yet
        self.company.property_late_fee_mode = "line"
        Move._cron_property_late_fees(due + timedelta(days=10))
        self.assertEqual(len(self._late_charges(self.invoice)), 1, "flat fee charged once")
        self.company.property_late_fee_type = "percent"
        self.company.property_late_fee_rate = 1.0
        Move._cron_property_late_fees(due + timedelta(days=10))
        pending = self._late_charges(self.invoice).filtered(lambda c: not c.move_id)
        self.assertTrue(pending)
        waive = Form(
            self.env["property.late.fee.waive"]
            .with_user(self.user_accountant)
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
        )
        waive.reason = "Goodwill"
        waive.save().action_waive()
        self.assertFalse(pending.exists())
        self.assertEqual(self._late_charges(self.invoice), charge)

    def _late_charges(self, move):
        return self.env["property.charge"].search([("late_fee_source_id", "=", move.id)])

    def test_fapiao_automation_example(self):
        rule = self.env.ref("property_billing.base_automation_fapiao_requested")
        rule.active = True  # shipped inactive, as an example
        self.invoice.invoice_user_id = self.user_accountant
        self.invoice.action_fapiao_request()
        self.assertEqual(self.invoice.property_fapiao_state, "requested")
        activity = self.invoice.activity_ids.filtered(lambda a: a.summary == "Issue the fapiao")
        self.assertEqual(activity.user_id, self.user_accountant)
        self.invoice.write(
            {"property_fapiao_state": "issued", "property_fapiao_number": "04400123456789"}
        )
        self.assertEqual(self.invoice.property_fapiao_number, "04400123456789")

    def test_sms_level(self):
        self.tenant_a.mobile = "+86 138 0013 8000"
        level = self.env["property.dunning.level"].create(
            {
                "name": "SMS on due date",
                "days_overdue": 0,
                "sms_template_id": self.env.ref("property_billing.sms_template_rent_reminder").id,
            }
        )
        level._run(self.invoice.invoice_date_due)
        level._run(self.invoice.invoice_date_due)
        sms = self.env["sms.sms"].search([("partner_id", "=", self.tenant_a.id)])
        self.assertEqual(len(sms), 1, "one SMS, however often the level runs")
        self.assertIn(self.invoice.name, sms.body)
