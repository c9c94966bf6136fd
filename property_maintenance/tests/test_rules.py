# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import PropertyMaintenanceCommon

T0 = datetime(2026, 3, 2, 9, 0, 0)


@tagged("post_install", "-at_install")
class TestSlaRule(PropertyMaintenanceCommon):
    """The shipped automation rule "ticket open past its SLA → email the building manager"
    fires once per ticket, from base_automation's time-based scheduled action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env.ref("property_maintenance.base_automation_ticket_sla_breached")
        cls.rule.last_run = T0 - timedelta(days=1)

    def test_property_manager_adapts_it(self):
        """Property > Configuration > Automation Rules lists it for a Property Manager who is
        not a Settings administrator, who may change its delay."""
        manager = new_test_user(
            self.env,
            login="prop_sla_rule_manager",
            groups="base.group_user,property_tenant.group_property_manager",
        )
        rules = (
            self.env["base.automation"]
            .with_user(manager)
            .search([("property_suite_rule", "=", True)])
        )
        self.assertIn(self.rule, rules)
        self.rule.with_user(manager).trg_date_range = 2
        self.assertEqual(self.rule.trg_date_range, 2)

    def _run_rules_at(self, moment):
        with freeze_time(moment):
            self.env["base.automation"]._check()

    def _mails(self, ticket):
        return (
            self.env["mail.mail"]
            .search([("model", "=", "maintenance.request"), ("res_id", "=", ticket.id)])
            .filtered(lambda m: "past its SLA" in (m.subject or ""))
        )

    def test_fires_once_for_the_building_manager(self):
        self.assertTrue(self.rule.active, "shipped active")
        with freeze_time(T0):
            ticket = self._create_ticket(priority="3")  # resolution due T0 + 8h
        manager = ticket.property_building_id.manager_id
        self.assertTrue(manager)
        self._run_rules_at(T0 + timedelta(hours=8, minutes=30))  # past, but not an hour past
        self.assertFalse(self._mails(ticket))
        self._run_rules_at(T0 + timedelta(hours=9, minutes=5))
        mail = self._mails(ticket)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, manager.partner_id)
        self._run_rules_at(T0 + timedelta(hours=12))
        self._run_rules_at(T0 + timedelta(days=2))
        self.assertEqual(len(self._mails(ticket)), 1, "once per ticket")

    def test_closed_in_time_sends_nothing(self):
        with freeze_time(T0):
            ticket = self._create_ticket(priority="3")
            ticket.sudo().property_state = "cancelled"
        self._run_rules_at(T0 + timedelta(hours=10))
        self.assertFalse(self._mails(ticket))
