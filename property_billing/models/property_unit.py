# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyUnit(models.Model):
    _inherit = "property.unit"

    area_net = fields.Float(
        string="Net Area (m²)",
        digits=(16, 2),
        aggregator="sum",
        help="The usable area (使用面积); the Area field is the gross area (建筑面积).",
    )
