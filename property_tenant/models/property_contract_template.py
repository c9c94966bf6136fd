# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import scan_languages


class PropertyContractTemplate(models.Model):
    """An editable lease contract (合同模板): a QWeb HTML body rendered on a lease with Odoo's
    own engine (``mail.render.mixin``), chosen per company, lease type and tenant language.

    Only Property Managers write templates, and ``mail.render.mixin`` refuses dynamic code
    from users outside "Template Editor" (as for ``mail.template``), so rendering is
    unrestricted. The tenant's ID data is not a placeholder: the contract report prints it
    around the body, only for the viewers allowed to read it."""

    _name = "property.contract.template"
    _inherit = ["mail.render.mixin"]
    _description = "Lease Contract Template"
    _order = "sequence, id"
    _unrestricted_rendering = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to use the template in every company."
    )
    lease_type_id = fields.Many2one(
        "property.lease.type",
        index=True,
        help="Leave empty to use the template for every lease type.",
    )
    language = fields.Selection(
        selection="_get_languages",
        string="Contract Language",
        help="Leases whose tenant speaks this language use this template; leave empty for "
        "any language.",
    )
    body_html = fields.Html(
        string="Contract",
        render_engine="qweb",
        render_options={"post_process": False},
        sanitize=False,
        help='Clauses and placeholders, e.g. <t t-out="object.partner_id.name"/>; '
        "'object' is the lease.",
    )

    @api.model
    def _get_languages(self):
        # every language Odoo knows, so that a template can be loaded before its language
        return scan_languages()

    def _compute_render_model(self):
        self.render_model = "property.lease"

    @api.model
    def _get_forbidden_placeholders(self):
        """Fields a template may not print: the report adds them for allowed viewers only."""
        return self.env["report.property_tenant.report_lease_contract"]._get_identity_fields()

    @api.constrains("body_html")
    def _check_body_html(self):
        for template in self:
            used = [
                f for f in self._get_forbidden_placeholders() if f in (template.body_html or "")
            ]
            if used:
                raise ValidationError(
                    self.env._(
                        "A contract template cannot print %(fields)s: the contract adds the "
                        "tenant's identity for the viewers allowed to read it.",
                        fields=", ".join(used),
                    )
                )

    @api.model
    def _find_for_lease(self, lease):
        """The template of a lease: its own, else the most specific one of its company, lease
        type and tenant language."""
        if lease.contract_template_id:
            return lease.contract_template_id
        lang = lease.partner_id.lang or self.env.lang
        templates = self.search(
            [
                ("company_id", "in", [lease.company_id.id, False]),
                ("lease_type_id", "in", [lease.lease_type_id.id, False]),
                ("language", "in", [lang, False]),
            ]
        )
        return templates.sorted(
            lambda t: (not t.company_id, not t.lease_type_id, not t.language, t.sequence, t.id)
        )[:1]

    def _render_contract(self, leases):
        """{lease id: rendered HTML} in the template's language (else the tenant's)."""
        self.ensure_one()
        results = {}
        for lang in set(leases.mapped(lambda lease: self.language or lease.partner_id.lang)):
            batch = leases.filtered(
                lambda lease, lang=lang: (self.language or lease.partner_id.lang) == lang
            )
            results.update(
                self.with_context(lang=lang)._render_field(
                    "body_html",
                    batch.ids,
                    set_lang=lang or False,
                    add_context=self._prepare_render_context(),
                )
            )
        return results

    def _prepare_render_context(self):
        """Extra variables of the template (hook)."""
        return {}
