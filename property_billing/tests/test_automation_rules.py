# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from ast import literal_eval
from datetime import date, datetime, time, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import BillingTestCommon

LEGAL_RULE_NAME = "Property: arrears over 30 days and over 5,000 → to-do and email to legal"


class AutomationRuleCommon(BillingTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env.ref("property_billing.base_automation_arrears_legal")
        cls.fapiao_rule = cls.env.ref("property_billing.base_automation_fapiao_requested")
        cls.renewal_rule = cls.env.ref("property_tenant.base_automation_lease_renewal")
        # a Property Manager who is not a Settings administrator
        cls.rule_manager = new_test_user(
            cls.env,
            login="prop_rule_manager",
            name="Rule Manager",
            groups="base.group_user,property_tenant.group_property_manager",
        )


@tagged("post_install", "-at_install")
class TestAutomationRuleAccess(AutomationRuleCommon):
    """A Property Manager adapts the suite's shipped rules (conditions, delay, active) but
    creates, deletes and reprograms none: their actions run as superuser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users_rule = cls.env["base.automation"].create(
            {
                "name": "Admin's rule on users",
                "model_id": cls.env.ref("base.model_res_users").id,
                "trigger": "on_create_or_write",
            }
        )
        cls.users_action = cls.env["ir.actions.server"].create(
            {
                "name": "Admin's code",
                "model_id": cls.env.ref("base.model_res_users").id,
                "base_automation_id": cls.users_rule.id,
                "usage": "base_automation",
                "state": "code",
                "code": "pass",
            }
        )
        cls.Rule = cls.env["base.automation"].with_user(cls.rule_manager)

    def test_manager_is_not_settings_admin(self):
        self.assertFalse(self.rule_manager.has_group("base.group_system"))

    def test_manager_lists_the_shipped_rules_only(self):
        action = self.env.ref("property_tenant.base_automation_action_property")
        rules = self.Rule.with_context(active_test=False).search(
            [("property_suite_rule", "=", True)]
        )
        self.assertIn(self.rule, rules)
        self.assertIn(self.renewal_rule, rules)
        self.assertIn(self.fapiao_rule, rules, "the inactive shipped rule is listed too")
        self.assertNotIn(self.users_rule, rules)
        self.assertEqual(action.domain, "[('property_suite_rule', '=', True)]")
        # the record rule, not only the action's domain, hides other models' rules
        self.assertNotIn(self.users_rule, self.Rule.with_context(active_test=False).search([]))
        with self.assertRaises(AccessError):
            self.users_rule.with_user(self.rule_manager).read(["name"])
        with self.assertRaises(AccessError):
            self.users_action.with_user(self.rule_manager).read(["code"])

    def test_manager_reads_the_form(self):
        rule = self.rule.with_user(self.rule_manager)
        rule.read(
            ["name", "filter_domain", "trg_date_range", "trg_date_id", "property_restricted_edit"]
        )
        self.assertTrue(rule.property_restricted_edit)
        self.assertEqual(
            rule.action_server_ids.read(["state"])[0]["state"], "code", "the actions are listed"
        )
        self.assertEqual(
            self.fapiao_rule.with_user(self.rule_manager).action_server_ids.read(["state"])[0][
                "state"
            ],
            "next_activity",
            "an inactive rule's actions too",
        )
        self.assertFalse(self.rule.property_restricted_edit, "the administrator edits all")

    def test_manager_adapts_conditions_delay_and_active(self):
        rule = self.rule.with_user(self.rule_manager)
        domain = rule.filter_domain.replace("5000", "10000")
        rule.write({"filter_domain": domain, "trg_date_range": 45, "name": "Arrears: legal"})
        self.fapiao_rule.with_user(self.rule_manager).active = True
        self.assertEqual((self.rule.filter_domain, self.rule.trg_date_range), (domain, 45))
        self.assertTrue(self.fapiao_rule.active)
        # the form sends read-only values back unchanged: accepted
        rule.write({"model_name": "account.move", "trigger": "on_time"})

    def test_manager_cannot_create_or_unlink(self):
        with self.assertRaises(AccessError):
            self.Rule.create(
                {
                    "name": "Mine",
                    "model_id": self.env.ref("property_tenant.model_property_lease").id,
                    "trigger": "on_create_or_write",
                }
            )
        with self.assertRaises(AccessError):
            self.rule.with_user(self.rule_manager).unlink()
        with self.assertRaises(AccessError):
            self.rule.with_user(self.rule_manager).copy()
        self.assertTrue(self.rule.exists())

    def test_manager_cannot_reprogram_a_rule(self):
        rule = self.rule.with_user(self.rule_manager)
        code = self.env["ir.actions.server"].create(
            {"name": "Code", "model_id": self.rule.model_id.id, "state": "code", "code": "pass"}
        )
        with self.assertRaisesRegex(AccessError, '"Actions"'):
            rule.write({"action_server_ids": [(4, code.id)]})
        with self.assertRaisesRegex(AccessError, '"Actions"'):
            rule.write(
                {"action_server_ids": [(0, 0, {"name": "x", "state": "code", "code": "pass"})]}
            )
        with self.assertRaises(AccessError):
            rule.action_server_ids.write({"code": "env.user.write({'active': False})"})
        with self.assertRaisesRegex(AccessError, "Trigger"):
            rule.write({"trigger": "on_create_or_write"})
        with self.assertRaisesRegex(AccessError, "Model"):
            rule.write({"model_id": self.env.ref("base.model_res_users").id})
        self.assertEqual(
            self.rule.action_server_ids,
            self.env.ref("property_billing.ir_actions_server_arrears_legal"),
        )

    def test_manager_domain_is_a_literal(self):
        rule = self.rule.with_user(self.rule_manager)
        # base_automation evaluates the domain with the model (superuser in the scheduler)
        for domain in (
            "[('id', 'in', model.env['res.users'].search([]).ids)]",
            "[('amount_residual', '>', 5000)] if user.sudo().write({'active': False}) else []",
            "not a domain",
        ):
            with self.assertRaisesRegex(AccessError, "plain domain"):
                rule.write({"filter_domain": domain})
        with self.assertRaisesRegex(AccessError, "plain domain"):
            self.fapiao_rule.with_user(self.rule_manager).write(
                {"filter_pre_domain": "[('id', '=', uid)]"}
            )

    def test_manager_trigger_date_of_the_rule_model(self):
        rule = self.rule.with_user(self.rule_manager)
        rule.trg_date_id = self.env.ref("account.field_account_move__invoice_date")
        with self.assertRaises(AccessError):
            rule.trg_date_id = self.env.ref("property_tenant.field_property_lease__date_end")
        with self.assertRaises(AccessError):
            rule.trg_date_id = self.env.ref("account.field_account_move__name")
        with self.assertRaises(AccessError):
            self.fapiao_rule.with_user(self.rule_manager).trigger_field_ids = self.env.ref(
                "base.field_res_users__login"
            )

    def test_admin_keeps_full_rights(self):
        admin = new_test_user(
            self.env,
            login="prop_rule_admin",
            groups="base.group_user,base.group_system,property_tenant.group_property_manager",
        )
        Rule = self.env["base.automation"].with_user(admin)
        self.assertIn(self.users_rule, Rule.search([]))
        self.users_rule.with_user(admin).write(
            {"filter_domain": "[('id', '=', uid)]", "trigger": "on_create"}
        )
        new = Rule.create(
            {
                "name": "Admin's new rule",
                "model_id": self.env.ref("property_tenant.model_property_lease").id,
                "trigger": "on_create_or_write",
            }
        )
        new.unlink()


@tagged("post_install", "-at_install")
class TestAutomationRuleTour(AutomationRuleCommon, HttpCase):
    """The manager raises the legal rule's threshold from the menu; the rule then fires at the
    new threshold and not at the old one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_legal = new_test_user(
            cls.env,
            login="prop_rule_legal",
            name="Legal Officer",
            groups="property_billing.group_property_legal",
        )
        cls.mid_lease = cls._activate_direct(
            cls._create_lease(units=cls.spare_units[0], rent_price=7000.0)
        )
        cls.big_lease = cls._activate_direct(
            cls._create_lease(units=cls.spare_units[1], rent_price=15000.0, partner=cls.tenant_b)
        )
        (cls.mid_lease | cls.big_lease)._generate_invoices(date(2025, 1, 1))
        cls.mid_invoice = cls.mid_lease.invoice_ids
        cls.big_invoice = cls.big_lease.invoice_ids

    def _legal_todos(self, move):
        return move.activity_ids.filtered(lambda a: a.user_id == self.user_legal)

    def test_manager_raises_the_threshold_from_the_menu(self):
        self.assertEqual(self.rule.name, LEGAL_RULE_NAME)
        self.assertTrue(5000 < self.mid_invoice.amount_residual < 10000)
        self.assertGreater(self.big_invoice.amount_residual, 10000)
        self.start_tour(
            "/odoo", "property_automation_rule_edit", login=self.rule_manager.login, timeout=180
        )
        conditions = [tuple(leaf) for leaf in literal_eval(self.rule.filter_domain)]
        self.assertIn(("amount_residual", ">", 10000), conditions)
        self.assertNotIn("5000", self.rule.filter_domain)
        self.assertEqual(self.rule.trg_date_range, 30)
        self.assertEqual(
            self.rule.action_server_ids,
            self.env.ref("property_billing.ir_actions_server_arrears_legal"),
        )
        due = self.big_invoice.invoice_date_due
        self.assertEqual(self.mid_invoice.invoice_date_due, due)
        self.rule.last_run = datetime.combine(due + timedelta(days=29), time(12))
        with freeze_time(datetime.combine(due + timedelta(days=31), time(13))):
            self.env["base.automation"]._check()
        self.assertEqual(len(self._legal_todos(self.big_invoice)), 1, "over 10,000: escalated")
        self.assertFalse(self._legal_todos(self.mid_invoice), "under the new 10,000: not any more")
