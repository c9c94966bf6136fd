# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import Counter

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import PropertyMaintenanceCommon


@tagged("post_install", "-at_install")
class TestDispatch(PropertyMaintenanceCommon):
    def _assigned_activity(self, ticket, user):
        return ticket.activity_ids.filtered(
            lambda act: (
                act.user_id == user
                and act.activity_type_id
                == self.env.ref("property_maintenance.mail_activity_ticket_assigned")
            )
        )

    def test_category_routes_to_team_and_tenant_from_lease(self):
        ticket = self._create_ticket()
        self.assertEqual(ticket.maintenance_team_id, self.team_plumbing)
        self.assertEqual(ticket.property_building_id, self.building)
        self.assertEqual(ticket.property_lease_id, self.lease_a)
        self.assertEqual(ticket.property_partner_id, self.tenant_a)
        self.assertEqual(ticket.property_ticket_type, "repair")
        complaint = self._create_ticket(self.cat_complaint, name="Loud music at night")
        self.assertEqual(complaint.property_ticket_type, "complaint")

    def test_round_robin_is_fair_and_cycles(self):
        tickets = self.env["maintenance.request"]
        for index in range(6):
            tickets |= self._create_ticket(name=f"Leak {index}")
        assignees = [ticket.user_id for ticket in tickets.sorted("id")]
        self.assertEqual(
            [user.id for user in assignees],
            [self.tech_1.id, self.tech_2.id, self.tech_3.id] * 2,
        )
        self.assertEqual(set(Counter(user.id for user in assignees).values()), {2})
        self.assertEqual(self.team_plumbing.property_last_assignee_id, self.tech_3)
        self.assertTrue(all(ticket.property_state == "assigned" for ticket in tickets))
        self.assertTrue(all(ticket.property_date_assigned for ticket in tickets))

    def test_unavailable_technician_is_skipped(self):
        self.tech_2.with_user(self.tech_2).property_available = False  # self-service
        tickets = [self._create_ticket(name=f"Leak {index}") for index in range(4)]
        self.assertNotIn(self.tech_2, [ticket.user_id for ticket in tickets])
        self.assertEqual(
            [ticket.user_id for ticket in tickets],
            [self.tech_1, self.tech_3, self.tech_1, self.tech_3],
        )

    def test_no_available_technician_leaves_ticket_new(self):
        (self.tech_1 | self.tech_2 | self.tech_3).write({"property_available": False})
        ticket = self._create_ticket()
        self.assertFalse(ticket.user_id)
        self.assertEqual(ticket.property_state, "new")
        # back from leave: the manager dispatches again
        self.tech_2.property_available = True
        ticket.with_user(self.user_manager).action_property_dispatch()
        self.assertEqual(ticket.user_id, self.tech_2)
        self.assertEqual(ticket.property_state, "assigned")

    def test_least_open_picks_least_loaded(self):
        second = self.env["res.users"].create(
            {
                "name": "Lift Engineer Two",
                "login": "pm_tech_lift_2",
                "groups_id": [
                    Command.link(self.env.ref("property_tenant.group_property_technician").id)
                ],
            }
        )
        self.team_lift.member_ids = [Command.link(second.id)]
        # the first engineer already carries two open tickets, one of them in progress
        busy = self._create_ticket(self.cat_lift, name="Lift stuck", user_id=self.tech_lift.id)
        self._create_ticket(self.cat_lift, name="Lift noisy", user_id=self.tech_lift.id)
        busy.action_property_start()
        new_tickets = [self._create_ticket(self.cat_lift, name=f"Lift {i}") for i in range(3)]
        # 2 open for engineer one: the next two go to engineer two, then a tie -> rotation
        self.assertEqual(new_tickets[0].user_id, second)
        self.assertEqual(new_tickets[1].user_id, second)
        self.assertIn(new_tickets[2].user_id, self.tech_lift | second)
        # closed tickets do not count as load
        self.assertEqual(
            self.team_lift._property_pick_technician(self.tech_lift | second),
            self.tech_lift if new_tickets[2].user_id == second else second,
        )

    def test_category_technicians_restrict_dispatch(self):
        self.cat_water.technician_ids = [Command.set(self.tech_3.ids)]
        tickets = [self._create_ticket(name=f"Leak {i}") for i in range(2)]
        self.assertEqual({ticket.user_id for ticket in tickets}, {self.tech_3})

    def test_assignment_notifies_technician(self):
        ticket = self._create_ticket()
        self.assertEqual(len(self._assigned_activity(ticket, ticket.user_id)), 1)
        self.assertIn(ticket.user_id.partner_id, ticket.message_partner_ids)

    def test_manager_reassigns_and_technician_cannot(self):
        ticket = self._create_ticket()
        self.assertEqual(ticket.user_id, self.tech_1)
        with self.assertRaises(AccessError):
            ticket.with_user(self.tech_1).write({"user_id": self.tech_2.id})
        with Form(
            ticket.with_user(self.user_manager),
            view="property_maintenance.maintenance_request_view_form_property",
        ) as form:
            form.user_id = self.tech_2
        self.assertEqual(ticket.user_id, self.tech_2)
        self.assertEqual(len(self._assigned_activity(ticket, self.tech_2)), 1)

    def test_manual_rule_does_not_assign(self):
        self.team_plumbing.property_assignment_rule = "manual"
        ticket = self._create_ticket()
        self.assertFalse(ticket.user_id)
        self.assertEqual(ticket.property_state, "new")
