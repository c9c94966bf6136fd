# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tests import Form, tagged
from odoo.tools.safe_eval import datetime, safe_eval, time

from .common import PropertyDashboardCommon

PROPERTY_ADDONS = (
    "property_tenant",
    "property_billing",
    "property_maintenance",
    "property_dashboard",
)


@tagged("post_install", "-at_install")
class TestNewFormDomains(PropertyDashboardCommon):
    """Every "New" form of the property addons, opened as a user opens it from its menu,
    offers existing records in each of its many2one fields: the field's domain, evaluated
    on the new, empty record, finds what the user may pick."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")

    def _form_sources(self):
        """(model, view id, context) of each window action and primary form view of the addons."""
        env = self.env(user=self.admin)
        data = env["ir.model.data"].search(
            [
                ("module", "in", PROPERTY_ADDONS),
                ("model", "in", ("ir.actions.act_window", "ir.ui.view")),
            ]
        )
        eval_ctx = {
            "uid": env.uid,
            "allowed_company_ids": env.companies.ids,
            "context_today": datetime.date.today,
            "active_id": False,
            "active_ids": [],
            "ref": lambda xmlid: env.ref(xmlid).id,
        }
        sources = {}
        for record in data:
            target = env[record.model].browse(record.res_id).exists()
            if not target:
                continue
            if record.model == "ir.ui.view":
                if target.type != "form" or target.mode != "primary" or target.inherit_id:
                    continue
                if env[target.model]._transient:
                    continue  # wizards open on their caller's record
                sources.setdefault((target.model, target.id), {})
                continue
            model = env.get(target.res_model)
            if model is None or model._transient:
                continue
            try:
                context = safe_eval(target.context or "{}", eval_ctx)
            except ValueError:
                continue
            if "form" in (target.view_mode or ""):
                form_views = [view for view, mode in target.views if mode == "form"]
                sources[(target.res_model, (form_views and form_views[0]) or False)] = context
            else:
                list_views = [view for view, mode in target.views if mode == "list"]
                sources[(target.res_model, ("list", (list_views and list_views[0]) or False))] = (
                    context
                )
        return sources

    def _base_eval_context(self, env):
        return {
            "uid": env.uid,
            "allowed_company_ids": env.companies.ids,
            "current_company_id": env.company.id,
            "context_today": datetime.date.today,
            "relativedelta": relativedelta,
            "datetime": datetime,
            "time": time,
            "context": env.context,
        }

    def _eval_context(self, form):
        return {**self._base_eval_context(form._env), **form._get_eval_context()}

    def _check_editable_list(self, model, view_id, failures):
        """The new row of an editable list: its defaults, as the list's "New" creates it."""
        views = model.get_views([(view_id, "list")])
        view = views["views"]["list"]
        arch = etree.fromstring(view["arch"])
        if not arch.get("editable"):
            return
        values = model.new(model.default_get(list(model._fields)))
        eval_context = self._base_eval_context(model.env)
        for fname, field in model._fields.items():
            if field.type == "many2one":
                eval_context[fname] = values[fname].id
            elif field.type in ("one2many", "many2many"):
                eval_context[fname] = values[fname].ids
        fields_info = views["models"][model._name]["fields"]
        for node in arch.xpath("./field"):
            fname = node.get("name")
            field = model._fields[fname]
            if field.type != "many2one" or node.get("readonly") in ("1", "True"):
                continue
            if node.get("column_invisible") in ("1", "True") or field.readonly:
                continue
            domain = node.get("domain") or fields_info.get(fname, {}).get("domain") or []
            self._check_domain(
                model.env[field.comodel_name],
                domain,
                eval_context,
                f"{model._name} (editable list)",
                fname,
                failures,
            )

    def _check_domain(self, comodel, domain, eval_context, label, fname, failures):
        if not comodel.search_count([], limit=1):
            return  # nothing to pick anyway
        if isinstance(domain, str):
            domain = safe_eval(domain, eval_context)
        if comodel.search_count(domain, limit=1):
            return
        # a domain on another, still empty choice of the form (the floor of the chosen
        # building) is expected to find nothing until that choice is made
        if any(
            isinstance(leaf, (list, tuple))
            and len(leaf) == 3
            and leaf[2] in (False, [], None)
            and leaf[0] != "company_id"
            for leaf in domain
        ):
            return
        failures.append(f"{label}: {fname} ({comodel._name}) domain {domain} finds nothing")

    def _check_fields(self, form, label, failures):
        """Append to ``failures`` each visible, editable many2one of ``form`` whose domain,
        on the new record, finds nothing while records of that model exist."""
        view = form._view
        eval_context = self._eval_context(form)
        level = view["tree"].xpath("count(ancestor-or-self::field)")
        nodes = {}
        for node in view["tree"].xpath(f".//field[count(ancestor::field) = {level}]"):
            nodes.setdefault(node.get("name"), node)
        for fname, info in view["fields"].items():
            if info.get("type") not in ("many2one", "one2many"):
                continue
            if form._get_modifier(fname, "invisible") or form._get_modifier(fname, "readonly"):
                continue
            if info["type"] == "one2many":
                if (
                    isinstance(form, Form)
                    and "edition_view" in info
                    and info["edition_view"]["fields"]
                ):
                    try:
                        line = getattr(form, fname).new()
                    except AssertionError:
                        continue
                    self._check_fields(line, f"{label} > {fname}", failures)
                continue
            node = nodes.get(fname)
            domain = (node is not None and node.get("domain")) or info.get("domain") or []
            self._check_domain(
                form._env[info["relation"]], domain, eval_context, label, fname, failures
            )

    def test_new_forms_find_records(self):
        sources = self._form_sources()
        self.assertTrue(
            {"property.unit", "property.meter", "property.charge", "property.lease", "res.partner"}
            <= {model for model, _view in sources}
        )
        failures = []
        for (model, view_id), context in sources.items():
            record = self.env[model].with_user(self.admin).with_context(**context)
            if isinstance(view_id, tuple):
                self._check_editable_list(record, view_id[1], failures)
                continue
            form = Form(record, view=view_id)
            self._check_fields(form, f"{model} (view {view_id or 'default'})", failures)
        self.assertFalse(failures, "\n".join(failures))

    def test_unit_form_offers_building(self):
        """Portfolio > Units > New: the user's building is in the Building field."""
        form = Form(self.env["property.unit"].with_user(self.user_manager))
        domain = safe_eval(
            form._view["fields"]["building_id"].get("domain") or "[]", self._eval_context(form)
        )
        buildings = self.env["property.building"].with_user(self.user_manager).search(domain)
        self.assertIn(self.building, buildings)
        form.building_id = self.building
        form.code = "NEW-1"
        unit = form.save()
        self.assertEqual(unit.company_id, self.building.company_id)
