# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from odoo.addons.property_billing.tests.common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestAuditLogMenu(BillingTestCommon, HttpCase):
    """Property > Configuration > Audit Log, walked as a manager; hidden from the others."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease = cls._create_lease(name="AUD-TOUR-0001")
        cls.lease.with_user(cls.user_property).write({"rent_price": 4321.0})
        cls.menu = cls.env.ref("property_auditlog.property_auditlog_menu")

    def _sees_menu(self, user):
        return self.menu.id in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_manager_reads_the_rent_change_in_the_audit_log(self):
        log = self.env["auditlog.log"].search(
            [
                ("model_model", "=", "property.lease"),
                ("res_id", "=", self.lease.id),
                ("method", "=", "write"),
            ]
        )
        self.assertEqual(log.user_id, self.user_property)
        self.assertEqual(
            [
                (line.field_id.name, line.old_value_text, line.new_value_text)
                for line in log.line_ids
            ],
            [("rent_price", "3000.0", "4321.0")],
        )
        self.start_tour(
            "/odoo", "property_auditlog_rent_change", login=self.user_manager.login, timeout=180
        )

    def test_only_managers_see_the_audit_log_menu(self):
        self.assertTrue(self._sees_menu(self.user_manager))
        for user in (self.user_property, self.user_technician, self.user_accountant):
            self.assertFalse(self._sees_menu(user), user.login)
        # nor does it come with the menus the web client loads
        menus = self.env["ir.ui.menu"].with_user(self.user_property).load_web_menus(debug=False)
        self.assertNotIn(self.menu.id, menus)
        self.assertNotIn(
            "property_auditlog.property_auditlog_menu",
            {menu.get("xmlid") for menu in menus.values()},
        )
