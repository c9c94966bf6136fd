# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import PropertyMaintenanceCommon


@tagged("post_install", "-at_install")
class TestSecurity(PropertyMaintenanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_a = cls._create_ticket(name="Leak at A")
        cls.ticket_b = cls._create_ticket(unit=cls.unit_102, name="Leak at B")
        cls.ticket_lift = cls._create_ticket(cls.cat_lift, unit=cls.unit_201, name="Lift stuck")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_technician_of_other_team_cannot_read_or_write(self):
        Ticket = self.env["maintenance.request"].with_user(self.tech_lift)
        self.assertNotIn(self.ticket_a, Ticket.search([]))
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(self.tech_lift).read(["name"])
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(self.tech_lift).write({"name": "Hijacked"})
        self.assertIn(self.ticket_lift, Ticket.search([]))

    def test_team_member_edits_team_ticket(self):
        # ticket_a went to the first plumber; the second one of the team may edit it
        self.ticket_a.with_user(self.tech_2).write({"property_labor_cost": 20.0})
        self.assertEqual(self.ticket_a.property_labor_cost, 20.0)
        self.env["property.ticket.material"].with_user(self.tech_2).create(
            {"ticket_id": self.ticket_a.id, "name": "Pipe", "unit_cost": 10.0}
        )
        self.assertEqual(self.ticket_a.property_material_cost, 10.0)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_technician_cannot_add_material_to_other_team(self):
        with self.assertRaises(AccessError):
            self.env["property.ticket.material"].with_user(self.tech_lift).create(
                {"ticket_id": self.ticket_a.id, "name": "Pipe", "unit_cost": 10.0}
            )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_property_user_reads_all_creates_but_cannot_edit_others(self):
        Ticket = self.env["maintenance.request"].with_user(self.user_property)
        self.assertTrue({self.ticket_a, self.ticket_b, self.ticket_lift} <= set(Ticket.search([])))
        reported = Ticket.create(
            {
                "name": "Corridor light out",
                "property_category_id": self.cat_water.id,
                "property_unit_id": self.unit_201.id,
            }
        )
        self.assertTrue(reported.user_id, "dispatched although created by a housekeeper")
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(self.user_property).write({"name": "Changed"})

    def test_manager_sees_and_edits_all(self):
        Ticket = self.env["maintenance.request"].with_user(self.user_manager)
        self.assertTrue({self.ticket_a, self.ticket_b, self.ticket_lift} <= set(Ticket.search([])))
        self.ticket_lift.with_user(self.user_manager).write({"priority": "3"})

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_tenant_sees_only_own_tickets(self):
        Ticket = self.env["maintenance.request"].with_user(self.user_portal_a)
        self.assertEqual(Ticket.search([]), self.ticket_a)
        self.ticket_a.with_user(self.user_portal_a).read(["name", "property_state"])
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(self.user_portal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(self.user_portal_a).write({"name": "Changed"})
        with self.assertRaises(AccessError):
            Ticket.create({"name": "Direct", "property_partner_id": self.tenant_a.id})

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_tenant_cannot_post_on_other_ticket(self):
        self.ticket_a.with_user(self.user_portal_a).message_post(
            body="Still leaking", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(self.user_portal_a).message_post(
                body="Spam", message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_other_company_sees_nothing(self):
        company_b = self.env["res.company"].create({"name": "Other Property Co"})
        manager_b = new_test_user(
            self.env,
            login="pm_manager_b",
            groups="property_tenant.group_property_manager",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        self.assertFalse(self.env["maintenance.request"].with_user(manager_b).search([]))
        self.assertFalse(self.env["property.ticket.category"].with_user(manager_b).search([]))
        with self.assertRaises(AccessError):
            self.ticket_a.with_user(manager_b).read(["name"])
        with self.assertRaises(AccessError):
            self.cat_water.sla_ids.with_user(manager_b).read(["response_hours"])
