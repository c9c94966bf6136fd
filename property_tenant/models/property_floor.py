# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.osv import expression


class PropertyFloor(models.Model):
    _name = "property.floor"
    _description = "Floor"
    _order = "building_id, level, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    level = fields.Integer(help="Floor number; negative for basements.")
    building_id = fields.Many2one(
        "property.building", required=True, ondelete="cascade", index=True, check_company=True
    )
    # the parent's company; the current company on a new record, so that the
    # company-checked choices of an empty "New" form find records
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    unit_ids = fields.One2many("property.unit", "floor_id", string="Units")
    unit_count = fields.Integer(compute="_compute_unit_count")

    _sql_constraints = [
        (
            "level_building_uniq",
            "unique(building_id, level)",
            "Each floor level may appear only once per building.",
        ),
    ]

    @api.depends("building_id.company_id")
    def _compute_company_id(self):
        for floor in self:
            floor.company_id = floor.building_id.company_id or self.env.company

    @api.depends("unit_ids")
    def _compute_unit_count(self):
        counts = {
            floor.id: count
            for floor, count in self.env["property.unit"]._read_group(
                [("floor_id", "in", self.ids)], ["floor_id"], ["__count"]
            )
        }
        for floor in self:
            floor.unit_count = counts.get(floor.id, 0)

    @api.model
    def _search_display_name(self, operator, value):
        """Also find a floor by its display name 'BUILDING / FLOOR'."""
        domain = super()._search_display_name(operator, value)
        if isinstance(value, str) and "/" in value and operator in ("=", "ilike", "=ilike"):
            building_code, name = (part.strip() for part in value.split("/", 1))
            name_operator = "=ilike" if operator == "=" else operator
            domain = expression.OR(
                [
                    domain,
                    [("building_id.code", "=ilike", building_code), ("name", name_operator, name)],
                ]
            )
        return domain

    @api.depends("name", "building_id.code")
    def _compute_display_name(self):
        for floor in self:
            floor.display_name = (
                f"{floor.building_id.code} / {floor.name}" if floor.building_id else floor.name
            )
