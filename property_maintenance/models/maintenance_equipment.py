# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    property_building_id = fields.Many2one(
        "property.building",
        string="Building",
        compute="_compute_property_building_id",
        store=True,
        readonly=False,
        index=True,
        check_company=True,
    )
    property_unit_id = fields.Many2one(
        "property.unit",
        string="Unit",
        index=True,
        check_company=True,
        domain="[('building_id', '=?', property_building_id)]",
    )

    @api.depends("property_unit_id")
    def _compute_property_building_id(self):
        for equipment in self:
            if equipment.property_unit_id:
                equipment.property_building_id = equipment.property_unit_id.building_id
