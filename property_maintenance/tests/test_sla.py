# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import PropertyMaintenanceCommon

T0 = datetime(2026, 3, 2, 9, 0, 0)


@tagged("post_install", "-at_install")
class TestSla(PropertyMaintenanceCommon):
    def _activities(self, ticket, xmlid, user=None):
        activity_type = self.env.ref(xmlid)
        return ticket.activity_ids.filtered(
            lambda act: act.activity_type_id == activity_type and (not user or act.user_id == user)
        )

    def _run_cron_at(self, moment):
        with freeze_time(moment):
            self.env["maintenance.request"]._cron_property_sla()

    def test_deadlines_from_category_and_priority(self):
        with freeze_time(T0):
            urgent = self._create_ticket(priority="3")
            normal = self._create_ticket(priority="2")
            no_target = self._create_ticket(priority="0")
        self.assertEqual(urgent.property_sla_response_deadline, T0 + timedelta(hours=2))
        self.assertEqual(urgent.property_sla_resolution_deadline, T0 + timedelta(hours=8))
        self.assertEqual(normal.property_sla_response_deadline, T0 + timedelta(hours=4))
        self.assertEqual(normal.property_sla_resolution_deadline, T0 + timedelta(hours=24))
        self.assertFalse(no_target.property_sla_response_deadline)
        self.assertFalse(no_target.property_sla_resolution_deadline)
        # raising the priority tightens the targets, still counted from the report time
        with freeze_time(T0 + timedelta(hours=1)):
            normal.priority = "3"
        self.assertEqual(normal.property_sla_response_deadline, T0 + timedelta(hours=2))

    def test_warning_then_escalation_each_once(self):
        with freeze_time(T0):
            ticket = self._create_ticket(priority="3")
        technician = ticket.user_id
        warning = "property_maintenance.mail_activity_sla_warning"
        escalation = "property_maintenance.mail_activity_sla_escalation"

        self._run_cron_at(T0 + timedelta(minutes=30))  # 1h30 before the response deadline
        self.assertFalse(self._activities(ticket, warning))

        self._run_cron_at(T0 + timedelta(hours=1, minutes=15))
        self.assertEqual(len(self._activities(ticket, warning, technician)), 1)
        self.assertTrue(ticket.property_sla_response_warned)
        self.assertFalse(ticket.property_sla_response_breached)
        self._run_cron_at(T0 + timedelta(hours=1, minutes=30))
        self.assertEqual(len(self._activities(ticket, warning)), 1, "warned twice")

        self._run_cron_at(T0 + timedelta(hours=2, minutes=15))
        self.assertTrue(ticket.property_sla_response_breached)
        self.assertTrue(ticket.property_sla_response_escalated)
        self.assertEqual(len(self._activities(ticket, escalation, self.team_leader)), 1)
        self._run_cron_at(T0 + timedelta(hours=3))
        self.assertEqual(len(self._activities(ticket, escalation)), 1, "escalated twice")
        self.assertFalse(ticket.property_sla_resolution_breached)

        # late response: the breach stays recorded; resolution is met in time
        with freeze_time(T0 + timedelta(hours=3)):
            ticket.with_user(technician).action_property_start()
        self.assertTrue(ticket.property_sla_response_breached)
        with freeze_time(T0 + timedelta(hours=5)):
            ticket.property_work_done = "<p>Fixed.</p>"
            ticket.with_user(technician).action_property_done()
        self.assertFalse(ticket.property_sla_resolution_breached)
        self._run_cron_at(T0 + timedelta(hours=9))
        self.assertFalse(ticket.property_sla_resolution_escalated)

    def test_resolution_breach_escalates_to_building_manager_without_leader(self):
        with freeze_time(T0):
            ticket = self._create_ticket(self.cat_lift)  # lift team: no leader
        with freeze_time(T0 + timedelta(minutes=20)):
            ticket.with_user(ticket.user_id).action_property_start()  # responded in time
        self._run_cron_at(T0 + timedelta(hours=5))
        self.assertFalse(ticket.property_sla_response_breached)
        self.assertTrue(ticket.property_sla_resolution_breached)
        self.assertEqual(
            self._activities(ticket, "property_maintenance.mail_activity_sla_escalation").user_id,
            self.building.manager_id,
        )

    def test_done_late_is_breached_without_cron(self):
        with freeze_time(T0):
            ticket = self._create_ticket(self.cat_lift)
            ticket.with_user(ticket.user_id).action_property_start()
        with freeze_time(T0 + timedelta(hours=6)):
            ticket.property_work_done = "<p>Replaced the door sensor.</p>"
            ticket.with_user(ticket.user_id).action_property_done()
        self.assertTrue(ticket.property_sla_resolution_breached)
        self.assertFalse(ticket.property_sla_response_breached)

    def test_cancelled_ticket_is_not_breached(self):
        with freeze_time(T0):
            ticket = self._create_ticket(priority="3")
        with freeze_time(T0 + timedelta(hours=1)):
            ticket.with_user(ticket.user_id)._property_cancel("Duplicate of another ticket")
        self._run_cron_at(T0 + timedelta(hours=10))
        self.assertFalse(ticket.property_sla_response_breached)
        self.assertFalse(ticket.property_sla_resolution_breached)
        self.assertFalse(ticket.property_sla_response_escalated)

    def test_unassigned_ticket_warns_team_leader(self):
        (self.tech_1 | self.tech_2 | self.tech_3).write({"property_available": False})
        with freeze_time(T0):
            ticket = self._create_ticket(priority="3")
        self.assertFalse(ticket.user_id)
        self._run_cron_at(T0 + timedelta(hours=1, minutes=15))
        self.assertEqual(
            self._activities(ticket, "property_maintenance.mail_activity_sla_warning").user_id,
            self.team_leader,
        )
