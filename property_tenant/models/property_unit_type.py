# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyUnitType(models.Model):
    _name = "property.unit.type"
    _description = "Unit Type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    lease_type_id = fields.Many2one(
        "property.lease.type",
        string="Default Lease Type",
        help="Lease type given to a new lease of a unit of this type.",
    )
    unit_properties_definition = fields.PropertiesDefinition(
        string="Unit Fields",
        help="Custom fields shown on the units of this type.",
    )
