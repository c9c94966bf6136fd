# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import etree

from .common import PropertyTestCommon

VIEWS = [(False, "list"), (False, "form"), (False, "search")]


class TestViews(PropertyTestCommon):
    def test_views_load_for_each_role(self):
        models = {
            "property.building": VIEWS,
            "property.unit": [*VIEWS, (False, "kanban")],
            "property.lease": [*VIEWS, (False, "kanban")],
            "property.lease.key": [(False, "list"), (False, "search")],
            "res.partner": VIEWS,
        }
        for user in (self.user_property, self.user_manager, self.user_technician):
            for model, views in models.items():
                with self.subTest(user=user.login, model=model):
                    result = self.env[model].with_user(user).get_views(views)
                    self.assertTrue(result["views"])
        floor_plan = self.env.ref("property_tenant.property_unit_view_kanban_floor_plan")
        self.env["property.unit"].with_user(self.user_technician).get_views(
            [(floor_plan.id, "kanban")]
        )
        for wizard in ("property.notice.wizard", "property.lease.terminate.wizard"):
            user = self.user_manager
            self.assertTrue(self.env[wizard].with_user(user).get_views([(False, "form")]))

    def test_settings(self):
        settings = self.env["res.config.settings"].create({"property_expiry_notice_days": 45})
        settings.execute()
        self.assertEqual(self.company.property_expiry_notice_days, 45)

    def test_tenants_list_shows_unit_and_lease(self):
        """Leasing > Tenants lists each tenant's units and lease, not the contacts' columns."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_tenant.res_partner_action_tenant"
        )
        list_view_id = next(view_id for view_id, mode in action["views"] if mode == "list")
        self.assertEqual(
            list_view_id, self.env.ref("property_tenant.res_partner_view_list_property_tenant").id
        )
        arch = (
            self.env["res.partner"]
            .with_user(self.user_property)
            .get_views([(list_view_id, "list")])["views"]["list"]["arch"]
        )
        for name in ("property_current_unit_ids", "property_current_lease_id", "mobile"):
            self.assertIn(f'name="{name}"', arch)
        for name in ("user_id", "phone"):
            self.assertNotIn(f'name="{name}"', arch)
        draft = self._create_lease(units=self.unit_101)
        self.assertFalse(self.tenant_a.property_current_lease_id, "a draft is not current")
        draft.action_submit()
        self.tenant_a.invalidate_recordset()
        self.assertEqual(self.tenant_a.property_current_lease_id, draft)
        self.assertEqual(self.tenant_a.property_current_unit_ids, self.unit_101)

    def test_unit_cards_label_numbers_and_floor_plan_is_coloured(self):
        """Unit cards say what each number is; floor plan tiles take their unit's status colour
        (on an inner div: a kanban card template accepts only a static class)."""
        unit_kanban = self.env.ref("property_tenant.property_unit_view_kanban").arch
        for label in ("Area: ", "List rent: ", "Lease: "):
            self.assertIn(label, unit_kanban)
        plan = self.env.ref("property_tenant.property_unit_view_kanban_floor_plan").arch
        card = etree.fromstring(plan).xpath("//t[@t-name='card']")[0]
        self.assertIsNone(card.get("t-attf-class"), "ignored by the kanban renderer")
        colour = card.xpath("./div[@t-attf-class]")[0].get("t-attf-class")
        for state, css in (
            ("vacant", "bg-success-subtle"),
            ("leased", "bg-primary-subtle"),
            ("reserved", "bg-info-subtle"),
            ("maintenance", "bg-warning-subtle"),
        ):
            self.assertIn(f"'{state}' and 'border-", colour)
            self.assertIn(css, colour)
