# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .property_utility_tariff import METER_TYPES


class PropertyMeter(models.Model):
    _name = "property.meter"
    _description = "Utility Meter"
    _inherit = ["mail.thread"]
    _order = "unit_id, meter_type, id"
    _check_company_auto = True

    name = fields.Char(string="Meter Number", required=True, tracking=True)
    active = fields.Boolean(default=True)
    unit_id = fields.Many2one(
        "property.unit", required=True, index=True, check_company=True, tracking=True
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    # the parent's company; the current company on a new record, so that the
    # company-checked choices of an empty "New" form find records
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    meter_type = fields.Selection(METER_TYPES, required=True, default="water")
    tariff_id = fields.Many2one(
        "property.utility.tariff",
        check_company=True,
        help="Without a tariff, readings are recorded but not billed.",
        domain="[('meter_type', '=', meter_type)]",
    )
    portal_entry = fields.Boolean(
        string="Tenant Enters Readings", help="The tenant may enter readings in the portal."
    )
    jump_factor = fields.Float(
        default=3.0,
        help="A consumption above this multiple of the average of the previous ones is "
        "flagged for review (0: never).",
    )
    reading_ids = fields.One2many("property.meter.reading", "meter_id", string="Readings")
    last_reading_id = fields.Many2one("property.meter.reading", compute="_compute_last_reading_id")
    last_value = fields.Float(compute="_compute_last_reading_id", string="Last Index")

    _sql_constraints = [
        ("name_unit_uniq", "unique(name, unit_id)", "This meter already exists on the unit."),
    ]

    @api.depends("unit_id.company_id")
    def _compute_company_id(self):
        for meter in self:
            meter.company_id = meter.unit_id.company_id or self.env.company

    @api.depends("reading_ids.date", "reading_ids.value")
    def _compute_last_reading_id(self):
        for meter in self:
            last = meter.reading_ids.sorted(lambda r: (r.date, r.id), reverse=True)[:1]
            meter.last_reading_id = last
            meter.last_value = last.value
