# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import etree

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PropertyMaintenanceCommon

MINE_ACTION = "property_maintenance.maintenance_request_action_property_mine"


@tagged("post_install", "-at_install")
class TestTechnicianPhone(PropertyMaintenanceCommon, HttpCase):
    """A technician's day on a phone: home screen, ticket cards, the ticket form."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant_a.mobile = "+8613800138000"
        cls.ticket = cls._create_ticket(name="Tap dripping in the kitchen", user_id=cls.tech_1.id)

    def _form_arch(self, user):
        form = self.env.ref("property_maintenance.maintenance_request_view_form_property")
        views = self.env["maintenance.request"].with_user(user).get_views([(form.id, "form")])
        return etree.fromstring(views["views"]["form"]["arch"])

    def test_technician_lands_on_open_tickets(self):
        home = self.env.ref("property_tenant.property_home_action")
        self.assertEqual(self.tech_1.action_id.id, home.id, "technicians get a home action")
        action = self.tech_1._property_home_action()
        self.assertEqual(action["id"], self.env.ref(MINE_ACTION).id)
        # leasing staff keep the units, and no home action is forced on them
        self.assertFalse(self.user_manager.action_id)
        self.assertFalse(self.user_property.action_id)
        self.assertEqual(
            self.user_manager._property_home_action()["id"],
            self.env.ref("property_tenant.property_unit_action").id,
        )
        # the app menu opens the same role-dependent screen
        self.assertEqual(self.env.ref("property_tenant.property_root_menu").action, home)
        result = home.with_user(self.tech_1).run()
        self.assertEqual(result["id"], self.env.ref(MINE_ACTION).id)
        # a technician promoted to property user is sent to the units by the same action
        promoted = new_test_user(
            self.env, login="pm_tech_promoted", groups="property_tenant.group_property_technician"
        )
        self.assertEqual(promoted.action_id.id, home.id)
        promoted.groups_id = [Command.link(self.env.ref("property_tenant.group_property_user").id)]
        self.assertEqual(
            home.with_user(promoted).run()["id"],
            self.env.ref("property_tenant.property_unit_action").id,
        )

    def test_my_tickets_are_open_cards_without_status_columns(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(MINE_ACTION)
        self.assertIn("search_default_open", action["context"])
        kanban_id = next(view_id for view_id, mode in action["views"] if mode == "kanban")
        arch = etree.fromstring(self.env["ir.ui.view"].browse(kanban_id).arch)
        self.assertFalse(arch.get("default_group_by"), "no empty 'New' column on a phone")
        phone = arch.xpath("//field[@name='property_partner_phone'][@widget='phone']")
        self.assertTrue(phone, "tap-to-call on the card")

    def test_ticket_form_for_the_technician(self):
        arch = self._form_arch(self.tech_1)
        self.assertIn(arch.get("delete"), ("0", "false", "False"))
        self.assertIn(arch.get("duplicate"), ("0", "false", "False"))
        actions = set(arch.xpath("//div[@name='phone_actions']//button/@name"))
        steps = {"action_property_en_route", "action_property_start", "action_property_done"}
        self.assertEqual(actions, steps)
        self.assertTrue(arch.xpath("//field[@name='property_partner_phone'][@widget='phone']"))
        for name in ("property_photo_before_ids", "property_photo_after_ids"):
            self.assertTrue(
                arch.xpath(f"//field[@name='{name}'][@widget='property_photo_capture']")
            )
        materials = arch.xpath("//field[@name='property_material_ids']")[0]
        self.assertTrue(materials.xpath("./kanban"), "materials are cards on a phone")
        # the lease (its rent and deposit) stays off the technician's ticket; the
        # tenant shows as a name that opens nothing
        self.assertFalse(arch.xpath("//field[@name='property_lease_id']"))
        tenant = arch.xpath("//field[@name='property_partner_id']")
        self.assertEqual(len(tenant), 1)
        self.assertIn("no_open", tenant[0].get("options", ""))
        # a property manager still has the lease and opens the tenant
        manager_arch = self._form_arch(self.user_manager)
        self.assertTrue(manager_arch.xpath("//field[@name='property_lease_id']"))
        tenant = manager_arch.xpath("//field[@name='property_partner_id']")
        self.assertNotIn("no_open", tenant[0].get("options", ""))

    def test_tenant_phone_follows_the_tenant(self):
        self.assertEqual(self.ticket.property_partner_phone, "+8613800138000")
        self.tenant_a.mobile = False
        self.tenant_a.phone = "+86 21 5555 0101"
        self.assertEqual(self.ticket.property_partner_phone, "+86 21 5555 0101")

    def test_tour_technician_day_on_a_phone(self):
        self.start_tour("/odoo", "property_ticket_technician_tour", login=self.tech_1.login)
        ticket = self.ticket
        ticket.invalidate_recordset()
        self.assertEqual(ticket.property_state, "done")
        self.assertTrue(ticket.property_date_responded)
        self.assertTrue(ticket.property_date_done)
        self.assertIn("Replaced the tap washer", ticket.property_work_done)
        self.assertEqual(ticket.property_photo_after_ids.mapped("name"), ["tap_fixed.png"])
        self.assertEqual(ticket.property_material_ids.mapped("name"), ["Tap washer"])
        self.assertEqual(ticket.property_material_ids.quantity, 2.0)
