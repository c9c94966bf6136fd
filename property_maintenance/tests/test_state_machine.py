# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PropertyMaintenanceCommon


@tagged("post_install", "-at_install")
class TestStateMachine(PropertyMaintenanceCommon):
    """One workflow per ticket: a button, a kanban drag (a write of the status or of the
    stage) and an RPC write all go through the same transition and its guards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._create_ticket()  # round-robin: first technician
        cls.stage_new = cls.env.ref("maintenance.stage_0")
        cls.stage_progress = cls.env.ref("maintenance.stage_1")
        cls.stage_done = cls.env.ref("maintenance.stage_3")

    def _start(self):
        self.ticket.with_user(self.tech_1).action_property_start()
        self.assertEqual(self.ticket.property_state, "in_progress")

    def test_core_stages_hold_ticket_statuses(self):
        self.assertEqual(self.stage_new.property_state, "new")
        self.assertEqual(self.stage_progress.property_state, "in_progress")
        self.assertEqual(self.stage_done.property_state, "done")
        self.assertEqual(self.ticket.stage_id, self.stage_new, "an assigned ticket is new")

    def test_manager_drag_to_done_without_work_done_refused(self):
        self._start()
        manager_ticket = self.ticket.with_user(self.user_manager)
        with self.assertRaises(UserError):
            manager_ticket.write({"property_state": "done"})  # our kanban: by status
        with self.assertRaises(UserError):
            manager_ticket.write({"stage_id": self.stage_done.id})  # core kanban: by stage
        self.assertEqual(self.ticket.property_state, "in_progress")
        self.assertEqual(self.ticket.stage_id, self.stage_progress)
        self.assertFalse(self.ticket.property_date_done)
        self.assertFalse(self.ticket.rating_ids)

    def test_manager_drag_to_done_runs_the_done_step(self):
        self._start()
        self.ticket.with_user(self.tech_1).write({"property_work_done": "<p>New washer</p>"})
        self.ticket.with_user(self.user_manager).write({"stage_id": self.stage_done.id})
        self.assertEqual(self.ticket.property_state, "done")
        self.assertTrue(self.ticket.property_date_done)
        self.assertTrue(self.ticket.close_date, "core's done stage closes the request")
        self.assertEqual(len(self.ticket.rating_ids), 1, "the tenant is asked for a rating")

    def test_drag_skipping_steps_refused(self):
        # assigned -> done skips the work: refused even for a manager
        with self.assertRaises(UserError):
            self.ticket.with_user(self.user_manager).write({"property_state": "done"})
        self.assertEqual(self.ticket.property_state, "assigned")

    def test_manager_drag_to_in_progress_starts_the_ticket(self):
        self.ticket.with_user(self.user_manager).write({"stage_id": self.stage_progress.id})
        self.assertEqual(self.ticket.property_state, "in_progress")
        self.assertTrue(self.ticket.property_date_responded)

    def test_stage_follows_status(self):
        self.ticket.with_user(self.tech_1).action_property_en_route()
        self.assertEqual(self.ticket.stage_id, self.stage_progress)
        self.ticket.with_user(self.user_manager).write({"user_id": self.tech_2.id})
        self.assertEqual(self.ticket.property_state, "assigned", "recalled")
        self.assertEqual(self.ticket.stage_id, self.stage_new)

    def test_stage_without_status_refused(self):
        scrap = self.env.ref("maintenance.stage_4")
        self.assertFalse(scrap.property_state)
        with self.assertRaises(UserError):
            self.ticket.with_user(self.user_manager).write({"stage_id": scrap.id})
        self.assertEqual(self.ticket.stage_id, self.stage_new)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_technician_context_keys_grant_nothing(self):
        self._start()
        ticket = self.ticket.with_user(self.tech_1)  # the assigned technician
        for key in ("property_transition", "property_dispatch"):
            ctx_ticket = ticket.with_context(**{key: True})
            with self.assertRaises(AccessError, msg=key):
                ctx_ticket.write({"property_state": "done"})
            with self.assertRaises(AccessError, msg=key):
                ctx_ticket.write({"stage_id": self.stage_done.id})
            with self.assertRaises(AccessError, msg=key):
                ctx_ticket.write({"user_id": self.tech_3.id})
        self.assertEqual(self.ticket.property_state, "in_progress")
        self.assertEqual(self.ticket.user_id, self.tech_1)
        self.assertFalse(self.ticket.property_date_done)

    def test_reopen_goes_through_the_workflow(self):
        self.ticket._property_cancel("Duplicate")
        self.assertEqual(self.ticket.property_state, "cancelled")
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.tech_1).write({"property_state": "assigned"})
        self.ticket.with_user(self.user_manager).write({"property_state": "assigned"})
        self.assertEqual(self.ticket.property_state, "assigned")
        self.assertFalse(self.ticket.property_cancel_reason)
