# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged

from .common import PropertyMaintenanceCommon

FORM_VIEW = "property_maintenance.maintenance_request_view_form_property"


@tagged("post_install", "-at_install")
class TestBackendIntake(PropertyMaintenanceCommon, HttpCase):
    """Tickets typed in the backend (phone intake) are dispatched like portal ones, and
    Dispatch says why when it cannot assign anybody."""

    def _intake(self, category, unit, name="Water heater leaking", user=None):
        Ticket = self.env["maintenance.request"].with_user(user or self.user_property)
        with Form(Ticket, view=FORM_VIEW) as form:
            form.name = name
            form.property_category_id = category
            form.property_unit_id = unit
            # the form's team follows the category, not the field's default team
            self.assertEqual(form.maintenance_team_id, category.team_id)
        return form.record.with_env(self.env)

    def test_form_ticket_is_dispatched_on_save(self):
        # the field's default team (the company's first) is not the category's
        default = self.env["maintenance.request"].default_get(["maintenance_team_id"])
        self.assertNotEqual(default.get("maintenance_team_id"), self.team_plumbing.id)
        ticket = self._intake(self.cat_water, self.unit_101)
        self.assertEqual(ticket.maintenance_team_id, self.team_plumbing)
        self.assertIn(ticket.user_id, self.team_plumbing.member_ids)
        self.assertEqual(ticket.property_state, "assigned")
        self.assertEqual(ticket.property_partner_id, self.tenant_a)
        self.assertTrue(
            ticket.activity_ids.filtered(lambda act: act.user_id == ticket.user_id),
            "the technician has the to-do",
        )

    def test_changing_the_category_moves_the_team(self):
        Ticket = self.env["maintenance.request"].with_user(self.user_property)
        with Form(Ticket, view=FORM_VIEW) as form:
            form.name = "Noise"
            form.property_category_id = self.cat_lift
            self.assertEqual(form.maintenance_team_id, self.team_lift)
            form.property_category_id = self.cat_water
            self.assertEqual(form.maintenance_team_id, self.team_plumbing)
            form.property_unit_id = self.unit_101

    def test_dispatch_says_why(self):
        dispatch = self.env["maintenance.request"].with_user(self.user_property)
        # no eligible technician: the only lift engineer is on leave
        self.tech_lift.property_available = False
        ticket = self._intake(self.cat_lift, self.unit_201, name="Lift stuck")
        self.assertFalse(ticket.user_id)
        self.assertEqual(ticket.property_state, "new")
        with self.assertRaisesRegex(
            UserError, "No eligible technician in team Lifts.*Lift Engineer"
        ):
            dispatch.browse(ticket.id).action_property_dispatch()
        # the team assigns manually
        self.team_lift.property_assignment_rule = "manual"
        with self.assertRaisesRegex(UserError, "Team Lifts assigns its tickets manually"):
            dispatch.browse(ticket.id).action_property_dispatch()
        # no members
        self.team_lift.write(
            {"property_assignment_rule": "least_open", "member_ids": [Command.clear()]}
        )
        with self.assertRaisesRegex(UserError, "Team Lifts has no members"):
            dispatch.browse(ticket.id).action_property_dispatch()
        # category technicians outside the team
        self.team_lift.member_ids = self.tech_lift
        self.cat_lift.technician_ids = self.tech_1
        with self.assertRaisesRegex(UserError, "None of the technicians of category Elevator"):
            dispatch.browse(ticket.id).action_property_dispatch()
        # a category without a team
        self.cat_lift.write({"technician_ids": [Command.clear()]})
        no_team = self.env["property.ticket.category"].create({"name": "Garden"})
        ticket.property_category_id = no_team
        with self.assertRaisesRegex(UserError, "Category Garden has no default team"):
            dispatch.browse(ticket.id).action_property_dispatch()
        # no category
        ticket.property_category_id = False
        with self.assertRaisesRegex(UserError, "has no category"):
            dispatch.browse(ticket.id).action_property_dispatch()
        # back from leave: Dispatch assigns
        ticket.property_category_id = self.cat_lift
        ticket.maintenance_team_id = self.team_lift
        self.tech_lift.property_available = True
        self.assertTrue(dispatch.browse(ticket.id).action_property_dispatch())
        self.assertEqual(ticket.user_id, self.tech_lift)
        self.assertEqual(ticket.property_state, "assigned")

    def test_dispatch_of_several_tickets_lists_the_reasons(self):
        self.tech_lift.property_available = False
        lift = self._create_ticket(self.cat_lift, self.unit_201, name="Lift noisy")
        self.assertFalse(lift.user_id)
        (self.tech_1 | self.tech_2 | self.tech_3).property_available = False
        leak = self._create_ticket(name="Leak")
        self.tech_2.property_available = True
        result = (lift | leak).with_user(self.user_property).action_property_dispatch()
        self.assertEqual(leak.user_id, self.tech_2, "the ticket that can be dispatched is")
        self.assertEqual(result["params"]["type"], "warning")
        self.assertIn("No eligible technician in team Lifts", result["params"]["message"])
        self.assertNotIn("Plumbing", result["params"]["message"])

    def test_technician_cannot_dispatch(self):
        ticket = self._create_ticket(self.cat_lift, self.unit_201, name="Lift noisy")
        with self.assertRaises(AccessError):
            ticket.with_user(self.tech_lift).action_property_dispatch()

    def test_tour_backend_intake_and_dispatch(self):
        # a name of its own: the demo data has an "Elevator" category too
        self.env["property.ticket.category"].create(
            {"name": "Test Lifts", "team_id": self.team_lift.id}
        )
        self.tech_lift.property_available = False
        self.start_tour(
            "/odoo/action-property_maintenance.maintenance_request_action_property",
            "property_ticket_backend_intake_tour",
            login=self.user_property.login,
        )
        Ticket = self.env["maintenance.request"]
        heater = Ticket.search([("name", "=", "Water heater leaking")])
        self.assertEqual(len(heater), 1)
        self.assertEqual(heater.maintenance_team_id, self.team_plumbing)
        self.assertIn(heater.user_id, self.team_plumbing.member_ids)
        self.assertEqual(heater.property_state, "assigned")
        self.assertEqual(heater.property_unit_id, self.unit_101)
        lift = Ticket.search([("name", "=", "Lift stuck on 2F")])
        self.assertEqual(lift.maintenance_team_id, self.team_lift)
        self.assertFalse(lift.user_id)
        self.assertEqual(lift.property_state, "new")
