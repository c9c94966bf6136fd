# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import etree

from odoo.tests import Form, HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.base.models.res_users import name_selection_groups


@tagged("post_install", "-at_install")
class TestUserRoles(TransactionCase):
    """Settings > Users: the property roles are one access selection (Technician / User /
    Manager) and a Legal selection in a "Property" section, without developer mode."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician = cls.env.ref("property_tenant.group_property_technician")
        cls.user = cls.env.ref("property_tenant.group_property_user")
        cls.manager = cls.env.ref("property_tenant.group_property_manager")
        cls.legal = cls.env.ref("property_billing.group_property_legal")
        cls.admin = new_test_user(
            cls.env, login="roles_admin", groups="base.group_system,base.group_partner_manager"
        )
        cls.env["res.groups"]._update_user_groups_view()

    def _user_form_arch(self):
        views = (
            self.env["res.users"]
            .with_user(self.admin)
            .get_views([(self.env.ref("base.view_users_form").id, "form")])
        )
        return etree.fromstring(views["views"]["form"]["arch"])

    def test_roles_are_a_ladder(self):
        self.assertIn(self.technician, self.user.trans_implied_ids)
        self.assertIn(self.user, self.manager.trans_implied_ids)
        self.assertNotIn(self.legal, self.manager.trans_implied_ids)
        by_app = {
            app.get_external_id()[app.id]: (kind, groups)
            for app, kind, groups, _category in self.env["res.groups"].get_groups_by_application()
            if app
        }
        kind, groups = by_app["property_tenant.module_category_property"]
        self.assertEqual(kind, "selection")
        self.assertEqual(groups, self.technician | self.user | self.manager)
        self.assertEqual(groups[0], self.technician)
        self.assertEqual(by_app["property_billing.module_category_property_legal"][0], "selection")

    def test_user_form_shows_property_section(self):
        """The user form of an administrator without developer mode shows both selections
        in one "Property" group."""
        arch = self._user_form_arch()
        role_field = name_selection_groups((self.technician | self.user | self.manager).ids)
        legal_field = name_selection_groups(self.legal.ids)
        for fname in (role_field, legal_field):
            nodes = [
                n for n in arch.iter("field") if n.get("name") == fname and not n.get("invisible")
            ]
            self.assertTrue(nodes, f"{fname} is not shown on the user form")
            self.assertEqual(nodes[0].getparent().get("string"), "Property")

        form = Form(self.env["res.users"].with_user(self.admin), view="base.view_users_form")
        form.name = "New Leasing Officer"
        form.login = "new_leasing_officer"
        setattr(form, role_field, self.user.id)
        setattr(form, legal_field, self.legal.id)
        officer = form.save()
        self.assertTrue(officer.has_group("property_tenant.group_property_user"))
        self.assertTrue(officer.has_group("property_tenant.group_property_technician"))
        self.assertTrue(officer.has_group("property_billing.group_property_legal"))
        self.assertFalse(officer.has_group("property_tenant.group_property_manager"))


@tagged("post_install", "-at_install")
class TestUserRolesTour(HttpCase):
    def test_user_roles_tour(self):
        """An administrator gives a new user the Property Manager role in Settings > Users."""
        self.env["res.groups"]._update_user_groups_view()
        self.start_tour("/odoo/action-base.action_res_users", "property_user_roles", login="admin")
        user = self.env["res.users"].search([("login", "=", "roles.tour@example.com")])
        self.assertTrue(user.has_group("property_tenant.group_property_manager"))
        self.assertTrue(user.has_group("property_billing.group_property_legal"))
