# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class BaseAutomation(models.Model):
    _inherit = "base.automation"

    property_suite_rule = fields.Boolean(
        string="Property Rule",
        compute="_compute_property_suite_rule",
        search="_search_property_suite_rule",
        help="A rule on one of the property suite's models: Property Managers adapt it from "
        "Property > Configuration > Automation Rules.",
    )
    property_restricted_edit = fields.Boolean(
        compute="_compute_property_restricted_edit",
        help="The current user adapts the rule (conditions, delay, active) but neither its "
        "model, trigger nor actions: those are for Settings administrators.",
    )

    @api.model
    def _get_property_automation_models(self):
        """The models whose automation rules Property Managers adapt: the suite's own
        ``property.*`` models; the addons that ship rules on other models add them."""
        return (
            self.env["ir.model"].sudo().search([("model", "=like", "property.%")]).mapped("model")
        )

    @api.model
    def _get_property_manager_writable_fields(self):
        """The fields a user who is not a Settings administrator may write on a rule. The rule
        runs its actions as superuser: its model, trigger and actions stay out of reach, and a
        domain must be a plain literal (base_automation evaluates it with the model's
        environment)."""
        return {
            "active",
            "name",
            "description",
            "trg_date_id",
            "trg_date_range",
            "trg_date_range_type",
            "trg_date_calendar_id",
            "filter_domain",
            "filter_pre_domain",
            "trigger_field_ids",
        }

    @api.depends("model_id")
    def _compute_property_suite_rule(self):
        models_ = set(self._get_property_automation_models())
        for rule in self:
            rule.property_suite_rule = rule.model_id.model in models_

    def _search_property_suite_rule(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on Property Rule."))
        positive = (operator == "=") == value
        # by ids: a Property Manager does not read ir.model
        model_ids = (
            self.env["ir.model"]
            .sudo()
            .search([("model", "in", self._get_property_automation_models())])
            .ids
        )
        return [("model_id", "in" if positive else "not in", model_ids)]

    @api.depends_context("uid")
    def _compute_property_restricted_edit(self):
        self.property_restricted_edit = not self._property_user_is_rule_admin()

    def _property_user_is_rule_admin(self):
        return self.env.su or self.env.user.has_group("base.group_system")

    def _update_cron(self):
        # the scheduler's interval follows every time-based rule, not only those the user reads
        return super(BaseAutomation, self.sudo())._update_cron()

    def _update_registry(self):
        # re-install the patches of every rule, not only of those the user reads
        return super(BaseAutomation, self.sudo())._update_registry()

    def write(self, vals):
        restricted = not self._property_user_is_rule_admin()
        if restricted:
            self._property_check_restricted_write(vals)
        res = super().write(vals)
        if restricted and "trigger_field_ids" in vals:
            for rule in self.sudo():
                if rule.trigger_field_ids.model_id - rule.model_id:
                    raise AccessError(
                        self.env._("The fields that trigger a rule must be fields of its model.")
                    )
        return res

    def _property_check_restricted_write(self, vals):
        """Refuse what a rule's editor who is not a Settings administrator may not change."""
        allowed = self._get_property_manager_writable_fields()
        for name in vals:
            if name not in allowed and not self._property_value_unchanged(name, vals[name]):
                raise AccessError(
                    self.env._(
                        'Only a Settings administrator can change "%(field)s" on an automation '
                        "rule.",
                        field=self._fields[name]._description_string(self.env)
                        if name in self._fields
                        else name,
                    )
                )
        for name in ("filter_domain", "filter_pre_domain"):
            if vals.get(name):
                self._property_check_literal_domain(name, vals[name])
        fields_ = self.env["ir.model.fields"].sudo()
        if vals.get("trg_date_id"):
            date_field = fields_.browse(vals["trg_date_id"])
            if date_field.ttype not in ("date", "datetime") or date_field.model_id != self.model_id:
                raise AccessError(
                    self.env._("The trigger date must be a date field of the rule's model.")
                )

    def _property_value_unchanged(self, name, value):
        """The form sends some read-only values back (e.g. ``model_name``): unchanged, they are
        no change."""
        field = self._fields.get(name)
        if not field or field.type in ("one2many", "many2many"):
            return False
        for rule in self:
            current = rule[name]
            if field.type == "many2one":
                current = current.id
            if (current or False) != (value or False):
                return False
        return True

    def _property_check_literal_domain(self, name, domain):
        try:
            parsed = ast.literal_eval(domain)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            parsed = None
        if not isinstance(parsed, list | tuple):
            raise AccessError(
                self.env._(
                    '"%(field)s" must be a plain domain of values (no expression): only a Settings '
                    "administrator can write one with code.",
                    field=self._fields[name]._description_string(self.env),
                )
            )
