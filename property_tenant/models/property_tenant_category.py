# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyTenantCategory(models.Model):
    """Category of a tenant (company, individual...): one per tenant, so that it can carry the
    custom fields of its tenants. Odoo's contact tags (``res.partner.category``) are many per
    contact and cannot be the parent of a ``fields.Properties``."""

    _name = "property.tenant.category"
    _description = "Tenant Category"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the category between companies."
    )
    tenant_properties_definition = fields.PropertiesDefinition(
        string="Tenant Fields",
        help="Custom fields shown on the tenants of this category.",
    )
