# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import PropertyMaintenanceCommon


@tagged("post_install", "-at_install")
class TestWorkflow(PropertyMaintenanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._create_ticket()  # round-robin: first technician

    def test_technician_walks_the_ticket_to_done(self):
        ticket = self.ticket.with_user(self.tech_1)
        self.assertEqual(ticket.property_state, "assigned")
        ticket.action_property_en_route()
        self.assertEqual(ticket.property_state, "en_route")
        self.assertTrue(ticket.property_date_responded)
        self.assertEqual(ticket.stage_id, self.env.ref("maintenance.stage_1"))
        ticket.action_property_start()
        self.assertEqual(ticket.property_state, "in_progress")
        with self.assertRaises(UserError):  # no completion report yet
            ticket.action_property_done()
        with Form(ticket, view="property_maintenance.maintenance_request_view_form_property") as f:
            f.property_work_done = "<p>Replaced the washer.</p>"
            with f.property_material_ids.new() as line:
                line.name = "Washer"
                line.quantity = 2
                line.unit_cost = 3.5
            f.property_labor_cost = 50.0
        self.assertEqual(ticket.property_material_cost, 7.0)
        self.assertEqual(ticket.property_cost_total, 57.0)
        ticket.action_property_done()
        self.assertEqual(ticket.property_state, "done")
        self.assertTrue(ticket.property_date_done)
        self.assertTrue(ticket.stage_id.done)
        self.assertTrue(ticket.close_date)

    def test_other_technician_and_property_user_cannot_move_it(self):
        for user in (self.tech_2, self.user_property):
            with self.assertRaises(AccessError, msg=user.name):
                self.ticket.with_user(user).action_property_en_route()
        self.assertEqual(self.ticket.property_state, "assigned")

    def test_invalid_transition_refused(self):
        with self.assertRaises(UserError):
            self.ticket.with_user(self.tech_1).action_property_done()

    def test_cancel_needs_reason_and_manager_reopens(self):
        action = self.ticket.with_user(self.tech_1).action_property_cancel()
        wizard_form = Form(
            self.env[action["res_model"]].with_user(self.tech_1).with_context(**action["context"])
        )
        wizard_form.reason = "Tenant fixed it themselves"
        wizard_form.save().action_confirm()
        self.assertEqual(self.ticket.property_state, "cancelled")
        self.assertEqual(self.ticket.property_cancel_reason, "Tenant fixed it themselves")
        with self.assertRaises(UserError):
            self._create_ticket()._property_cancel("  ")
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.tech_1).action_property_reopen()
        self.ticket.with_user(self.user_manager).action_property_reopen()
        self.assertEqual(self.ticket.property_state, "assigned")

    def test_status_only_through_buttons(self):
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.tech_1).write({"property_state": "done"})
        self.assertEqual(self.ticket.property_state, "assigned")

    def test_reassigning_recalls_en_route_technician(self):
        self.ticket.with_user(self.tech_1).action_property_en_route()
        self.ticket.with_user(self.user_manager).write({"user_id": self.tech_3.id})
        self.assertEqual(self.ticket.property_state, "assigned")
        assigned_type = self.env.ref("property_maintenance.mail_activity_ticket_assigned")
        activities = self.ticket.activity_ids.filtered(
            lambda act: act.activity_type_id == assigned_type
        )
        self.assertEqual(activities.user_id, self.tech_3)
        self.ticket.with_user(self.tech_3).action_property_start()
        self.assertEqual(self.ticket.property_state, "in_progress")

    def test_work_order_report_renders_for_technician(self):
        self.ticket.property_work_done = "<p>Replaced the washer.</p>"
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.tech_1)
            ._render_qweb_html("property_maintenance.report_work_order", self.ticket.ids)
        )
        self.assertIn(b"o_property_work_order", html)
        self.assertIn(b"Replaced the washer.", html)
