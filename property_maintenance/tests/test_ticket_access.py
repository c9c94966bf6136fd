# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PropertyMaintenanceCommon


@tagged("post_install", "-at_install")
class TestTicketAccess(PropertyMaintenanceCommon):
    """Technicians reach only their teams' and their own tickets whatever core
    maintenance's follower rule grants; nobody below property manager deletes one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._create_ticket()  # plumbing team, first plumber

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_ticket_moved_to_other_team_leaves_old_technician(self):
        self.assertEqual(self.ticket.user_id, self.tech_1)
        self.assertIn(self.tech_1.partner_id, self.ticket.message_partner_ids)
        self.ticket.with_user(self.user_manager).write(
            {"maintenance_team_id": self.team_lift.id, "user_id": self.tech_lift.id}
        )
        self.assertNotIn(self.tech_1.partner_id, self.ticket.message_partner_ids)
        Ticket = self.env["maintenance.request"].with_user(self.tech_1)
        self.assertNotIn(self.ticket, Ticket.search([]))
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.tech_1).read(["name"])
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.tech_1).write({"name": "Still mine"})
        self.assertIn(self.ticket, Ticket.with_user(self.tech_lift).search([]))

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_following_grants_a_technician_nothing(self):
        lift_ticket = self._create_ticket(self.cat_lift, unit=self.unit_201, name="Lift stuck")
        lift_ticket.message_subscribe(partner_ids=self.tech_1.partner_id.ids)
        # core maintenance's rule alone would grant a follower read and write
        with self.assertRaises(AccessError):
            lift_ticket.with_user(self.tech_1).read(["name"])
        with self.assertRaises(AccessError):
            lift_ticket.with_user(self.tech_1).write({"name": "Hijacked"})

    @mute_logger(
        "odoo.addons.base.models.ir_rule", "odoo.models", "odoo.addons.base.models.ir_model"
    )
    def test_only_managers_delete(self):
        for user in (self.tech_1, self.user_property):
            with self.assertRaises(AccessError, msg=user.login):
                self.ticket.with_user(user).unlink()
        self.assertTrue(self.ticket.exists())
        # a technician cancels with a reason instead
        self.ticket.with_user(self.tech_1)._property_cancel("Reported twice")
        self.assertEqual(self.ticket.property_state, "cancelled")
        self.ticket.with_user(self.user_manager).unlink()
        self.assertFalse(self.ticket.exists())
