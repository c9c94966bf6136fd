"""Suite-wide guarantees that no single addon can check on its own."""

from suite_common import ADDONS, SuiteTransactionCase


class TestSuiteIntegrity(SuiteTransactionCase):
    def test_addons_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(
            sorted(modules.filtered(lambda m: m.state == "installed").mapped("name")),
            sorted(ADDONS),
        )

    def test_every_model_has_access_rules(self):
        """Every model our addons define is covered by at least one ACL row (no model is
        readable by everyone by accident, none is unusable)."""
        models = (
            self.env["ir.model"]
            .search([])
            .filtered(
                lambda m: (
                    set(m.modules.split(", ")) & set(ADDONS)
                    and not self.env[m.model]._abstract
                    and not self.env[m.model]._transient
                    and m.model.startswith("property.")
                )
            )
        )
        self.assertTrue(models, "our addons define models")
        missing = [
            m.model
            for m in models
            if not self.env["ir.model.access"].search_count([("model_id", "=", m.id)])
        ]
        self.assertEqual(missing, [], "models without any access rule")

    def test_admin_is_property_manager(self):
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group("property_tenant.group_property_manager"))
        self.assertTrue(admin.has_group("property_tenant.group_property_user"))

    def test_multi_company_rules_cover_company_models(self):
        """Every stored model of ours with a company_id field has a global multi-company rule."""
        uncovered = []
        for model in self.env["ir.model"].search([("model", "=like", "property.%")]):
            Model = self.env[model.model]
            if Model._abstract or Model._transient or not Model._auto:
                continue
            field = Model._fields.get("company_id")
            if not field or not field.store:
                continue
            rules = self.env["ir.rule"].search([("model_id", "=", model.id), ("global", "=", True)])
            if not any("company_ids" in (r.domain_force or "") for r in rules):
                uncovered.append(model.model)
        self.assertEqual(uncovered, [], "company models without a multi-company rule")
