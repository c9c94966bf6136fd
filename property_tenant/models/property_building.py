# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class PropertyBuilding(models.Model):
    _name = "property.building"
    _description = "Building"
    _inherit = ["mail.thread", "mail.activity.mixin", "image.mixin", "property.import.mixin"]
    _order = "sequence, name, id"
    _check_company_auto = True
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, tracking=True, translate=False)
    code = fields.Char(required=True, tracking=True, index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Building Manager",
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    street = fields.Char()
    street2 = fields.Char()
    city = fields.Char()
    zip = fields.Char()
    state_id = fields.Many2one("res.country.state", domain="[('country_id', '=?', country_id)]")
    country_id = fields.Many2one("res.country")
    note = fields.Html()
    floor_ids = fields.One2many("property.floor", "building_id", string="Floors")
    unit_ids = fields.One2many("property.unit", "building_id", string="Units")
    floor_count = fields.Integer(compute="_compute_counts")
    unit_count = fields.Integer(compute="_compute_counts")
    occupancy_rate = fields.Float(
        compute="_compute_counts", string="Occupancy (%)", aggregator="avg"
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "The building code must be unique per company.",
        ),
    ]

    @api.depends("floor_ids", "unit_ids.state")
    def _compute_counts(self):
        floor_data = {
            building.id: count
            for building, count in self.env["property.floor"]._read_group(
                [("building_id", "in", self.ids)], ["building_id"], ["__count"]
            )
        }
        unit_data = {}
        for building, state, count in self.env["property.unit"]._read_group(
            [("building_id", "in", self.ids)], ["building_id", "state"], ["__count"]
        ):
            unit_data.setdefault(building.id, {})[state] = count
        for building in self:
            states = unit_data.get(building.id, {})
            total = sum(states.values())
            rentable = total - states.get("not_rentable", 0)
            building.floor_count = floor_data.get(building.id, 0)
            building.unit_count = total
            building.occupancy_rate = (
                100.0 * states.get("leased", 0) / rentable if rentable else 0.0
            )

    @api.model
    def _property_import_templates(self):
        return [
            (self.env._("Import Template for Buildings"), "property_building_import_template.xlsx")
        ]

    def action_view_floor_plan(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_tenant.property_unit_action_floor_plan"
        )
        action["name"] = self.env._("Floor Plan: %(building)s", building=self.name)
        action["domain"] = [("building_id", "=", self.id)]
        action["context"] = {"default_building_id": self.id}
        return action

    def action_view_leases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_tenant.property_lease_action"
        )
        action["domain"] = [("line_ids.building_id", "=", self.id)]
        return action

    def action_view_units(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_tenant.property_unit_action"
        )
        action["domain"] = [("building_id", "=", self.id)]
        action["context"] = {"default_building_id": self.id}
        return action
