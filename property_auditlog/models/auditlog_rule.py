# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import psycopg2.errors

from odoo import api, fields, models

from .billing_run import in_billing_run


class AuditlogRule(models.Model):
    _inherit = "auditlog.rule"

    property_field_ids = fields.Many2many(
        "ir.model.fields",
        "auditlog_rule_property_field_rel",
        "rule_id",
        "field_id",
        string="Logged Fields",
        domain="[('model_id', '=', model_id)]",
        help="When set, only changes (and reads) of these fields are logged; an operation "
        "touching none of them leaves no log.",
    )

    @api.model
    def _property_patch_again(self):
        """Patch again the methods of subscribed rules whose auditlog wrapper was removed
        (see base.automation._register_hook): auditlog skips a method whose class still
        carries its ``auditlog_ruled_<method>`` flag, so drop the flags whose wrapper is gone."""
        rules = self.search([("state", "=", "subscribed")])
        for rule in rules:
            if rule.model_id.model not in self.env:
                continue
            model_class = type(self.env[rule.model_id.model])
            for method in ("create", "read", "write", "unlink", "export_data"):
                flag = f"auditlog_ruled_{method}"
                if flag in vars(model_class) and not self._property_is_audited(
                    getattr(model_class, method, None)
                ):
                    delattr(model_class, flag)
        return rules._register_hook()

    def _make_write(self):
        """Fast mode logs the values written and no old value: for a rule with logged fields,
        read the old and the new value of the logged fields a write changes (files excepted,
        they keep fast mode's logging), and only when it changes one of them."""
        self.ensure_one()
        if self.log_type != "fast" or not self.property_field_ids:
            return super()._make_write()
        logged_names = frozenset(self.property_field_ids.mapped("name"))
        value_names = frozenset(
            self.property_field_ids.filtered(lambda f: f.ttype != "binary").mapped("name")
        )
        users_to_exclude = self.users_to_exclude_ids
        log_type = self.log_type

        def write_logged_fields(self, vals, **kwargs):
            logged = logged_names.intersection(vals)
            if not logged or in_billing_run():
                return write_logged_fields.origin(self, vals, **kwargs)
            # as auditlog's own write: what the write reads is not logged as a read
            self = self.with_context(auditlog_disabled=True)
            records = (
                self.filtered(lambda r: not isinstance(r.id, models.NewId))
                .sudo()
                .with_context(prefetch_fields=False)
            )
            read_names = sorted(value_names & logged)

            def values_read():
                return (
                    {row.pop("id"): row for row in records.read(read_names)} if read_names else {}
                )

            old_read = values_read()
            result = write_logged_fields.origin(self, vals, **kwargs)
            if self.env.user in users_to_exclude or not records:
                return result
            new_read = values_read()
            old_values, new_values = {}, {}
            for res_id in records.ids:
                old_values[res_id] = {**dict.fromkeys(logged, False), **old_read.get(res_id, {})}
                new_values[res_id] = {
                    **{fname: vals[fname] for fname in logged},
                    **new_read.get(res_id, {}),
                }
            self.env["auditlog.rule"].sudo().create_logs(
                self.env.uid,
                self._name,
                records.ids,
                "write",
                old_values,
                new_values,
                {"log_type": log_type},
            )
            return result

        return write_logged_fields

    @api.model
    def _property_is_audited(self, method):
        while method is not None:
            if "AuditlogRule._make_" in getattr(method, "__qualname__", ""):
                return True
            method = getattr(method, "origin", None)
        return False

    @api.model
    def _property_logged_fields(self, res_model):
        model_id = self.pool._auditlog_model_cache.get(res_model)
        rule = self.sudo().search([("model_id", "=", model_id)], limit=1)
        return set(rule.property_field_ids.mapped("name"))

    @api.model
    def _property_filter_values(self, values, names):
        return {
            res_id: {fname: value for fname, value in vals.items() if fname in names}
            for res_id, vals in (values or {}).items()
        }

    @api.model
    def _property_binary_fields(self, res_model):
        model = self.env.get(res_model)
        if model is None:
            return set()
        return {name for name, field in model._fields.items() if field.type == "binary"}

    @api.model
    def _property_mask_binaries(self, values, binaries):
        return {
            res_id: {
                fname: (self.env._("(file)") if value else value) if fname in binaries else value
                for fname, value in vals.items()
            }
            for res_id, vals in (values or {}).items()
        }

    def create_logs(
        self,
        uid,
        res_model,
        res_ids,
        method,
        old_values=None,
        new_values=None,
        additional_log_values=None,
    ):
        """Nothing inside a billing run; only the rule's logged fields when it has some."""
        if in_billing_run():
            return None
        names = self._property_logged_fields(res_model)
        if names and method in ("create", "read", "write"):
            old_values = self._property_filter_values(old_values, names)
            new_values = self._property_filter_values(new_values, names)
            if not any(old_values.values()) and not any(new_values.values()):
                return None
        binaries = self._property_binary_fields(res_model)
        if binaries and method in ("create", "write"):
            # that a scan was uploaded or replaced, not a copy of the ID scan itself
            old_values = self._property_mask_binaries(old_values, binaries)
            new_values = self._property_mask_binaries(new_values, binaries)
        if method == "read":
            # who read which field, not a copy of the ID number itself
            old_values = {
                res_id: dict.fromkeys(vals, self.env._("(read)"))
                for res_id, vals in (old_values or {}).items()
            }
        if self.env.cr.readonly:
            # a read logged inside a read-only request (a form's web_read): the INSERT would
            # fail and be logged as an SQL error before Odoo retries the request on a
            # read/write cursor; raise what it retries on, without the failed query
            raise psycopg2.errors.ReadOnlySqlTransaction(
                "the audit log is written on a read/write cursor"
            )
        return super().create_logs(
            uid,
            res_model,
            res_ids,
            method,
            old_values=old_values,
            new_values=new_values,
            additional_log_values=additional_log_values,
        )

    @api.model
    def _property_log_read(self, records, fnames):
        """Log that the current user read (opened, printed) these fields of ``records``,
        when a rule covers their model; the values are not copied into the log."""
        if not records or records._name not in self.pool._auditlog_model_cache:
            return
        read_values = {record.id: dict.fromkeys(fnames, True) for record in records}
        if self.env.cr.readonly:
            # /web/content and /web/image start on a read-only cursor: Odoo serves the
            # request again on a read/write one, where the log is written
            raise psycopg2.errors.ReadOnlySqlTransaction("an audit log entry must be written")
        self.sudo().create_logs(
            self.env.uid,
            records._name,
            records.ids,
            "read",
            read_values,
            None,
            {"log_type": "fast"},
        )
