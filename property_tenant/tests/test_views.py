# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
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
