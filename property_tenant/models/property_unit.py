# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from .property_lease import BLOCKING_LEASE_STATES, OCCUPYING_LEASE_STATES

UNIT_STATES = [
    ("vacant", "Vacant"),
    ("reserved", "Reserved"),
    ("leased", "Leased"),
    ("maintenance", "Under Maintenance"),
    ("not_rentable", "Not Rentable"),
]


class PropertyUnit(models.Model):
    _name = "property.unit"
    _description = "Unit"
    _inherit = ["mail.thread", "mail.activity.mixin", "image.mixin", "property.import.mixin"]
    _order = "building_id, floor_id, code, id"
    _check_company_auto = True
    _rec_names_search = ["code", "name", "building_id.code"]

    name = fields.Char(help="Optional label, e.g. 'Shop A'.")
    code = fields.Char(required=True, index=True, tracking=True)
    active = fields.Boolean(default=True)
    building_id = fields.Many2one(
        "property.building",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    floor_id = fields.Many2one(
        "property.floor",
        index=True,
        check_company=True,
        domain="[('building_id', '=', building_id)]",
    )
    # the parent's company; the current company on a new record, so that the
    # company-checked choices of an empty "New" form find records
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    area = fields.Float(string="Area (m²)", digits=(16, 2), aggregator="sum", tracking=True)
    unit_type_id = fields.Many2one("property.unit.type")
    unit_properties = fields.Properties(
        string="Unit Fields",
        definition="unit_type_id.unit_properties_definition",
        copy=True,
    )
    orientation = fields.Selection(
        [
            ("n", "North"),
            ("ne", "North-East"),
            ("e", "East"),
            ("se", "South-East"),
            ("s", "South"),
            ("sw", "South-West"),
            ("w", "West"),
            ("nw", "North-West"),
        ]
    )
    tag_ids = fields.Many2many("property.unit.tag", string="Tags")
    list_rent = fields.Monetary(
        string="Monthly List Rent", currency_field="currency_id", tracking=True
    )
    rentable = fields.Boolean(default=True, tracking=True)
    under_maintenance = fields.Boolean(
        tracking=True, help="Set while the unit cannot be let because of works."
    )
    lease_line_ids = fields.One2many("property.lease.line", "unit_id", string="Lease Lines")
    state = fields.Selection(
        UNIT_STATES,
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
        string="Status",
    )
    state_date = fields.Date(
        compute="_compute_state",
        store=True,
        string="Status Changes On",
        help="Next date on which the status is expected to change (lease start or end).",
    )
    current_lease_id = fields.Many2one("property.lease", compute="_compute_state", store=True)
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_unit_photo_rel",
        "unit_id",
        "attachment_id",
        string="Photos",
        help="Pictures of the unit, in addition to its main image.",
    )
    lease_count = fields.Integer(compute="_compute_lease_count")
    vacant_on = fields.Date(
        compute="_compute_vacant_on",
        search="_search_vacant_on",
        help="Search only: units that are rentable and held by no lease on that date.",
    )
    note = fields.Html()

    _sql_constraints = [
        (
            "code_building_uniq",
            "unique(code, building_id)",
            "The unit code must be unique within a building.",
        ),
        ("area_positive", "CHECK(area >= 0)", "The area of a unit cannot be negative."),
    ]

    @api.depends("building_id.company_id")
    def _compute_company_id(self):
        for unit in self:
            unit.company_id = unit.building_id.company_id or self.env.company

    @api.depends("code", "name", "building_id.code")
    def _compute_display_name(self):
        for unit in self:
            label = f"{unit.building_id.code}-{unit.code}" if unit.building_id else unit.code
            unit.display_name = f"{label} {unit.name}" if unit.name else label

    @api.model
    def _search_display_name(self, operator, value):
        """Also find a unit by its display name 'BUILDING-UNIT' (e.g. in spreadsheet imports)."""
        domain = super()._search_display_name(operator, value)
        if isinstance(value, str) and "-" in value and operator in ("=", "ilike", "=ilike"):
            building_code, code = (part.strip() for part in value.split("-", 1))
            code_operator = "=ilike" if operator == "=" else operator
            domain = expression.OR(
                [
                    domain,
                    [("building_id.code", "=ilike", building_code), ("code", code_operator, code)],
                ]
            )
        return domain

    @api.depends(
        "rentable",
        "under_maintenance",
        "lease_line_ids.lease_state",
        "lease_line_ids.date_start",
        "lease_line_ids.date_end",
    )
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for unit in self:
            lines = unit.lease_line_ids.filtered(
                lambda ln: ln.lease_state in BLOCKING_LEASE_STATES and ln.date_end >= today
            ).sorted("date_start")
            current = lines.filtered(lambda ln: ln.date_start <= today)[:1]
            upcoming = lines.filtered(lambda ln: ln.date_start > today)[:1]
            unit.current_lease_id = current.lease_id
            if current:
                unit.state_date = current.date_end
            else:
                unit.state_date = upcoming.date_start or False
            if not unit.rentable:
                unit.state = "not_rentable"
            elif unit.under_maintenance:
                unit.state = "maintenance"
            elif current and current.lease_state in OCCUPYING_LEASE_STATES:
                unit.state = "leased"
            elif current or upcoming:
                unit.state = "reserved"
            else:
                unit.state = "vacant"

    def _compute_vacant_on(self):
        self.vacant_on = False

    def _search_vacant_on(self, operator, value):
        if operator != "=" or not value:
            raise UserError(self.env._("Search units vacant on one given date."))
        day = fields.Date.to_date(value)
        held = (
            self.env["property.lease.line"]
            .sudo()
            .search(
                [
                    ("lease_state", "in", BLOCKING_LEASE_STATES),
                    ("date_start", "<=", day),
                    ("date_end", ">=", day),
                ]
            )
            .unit_id
        )
        return [("rentable", "=", True), ("id", "not in", held.ids)]

    def _compute_lease_count(self):
        counts = {
            unit.id: count
            for unit, count in self.env["property.lease.line"]._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["__count"]
            )
        }
        for unit in self:
            unit.lease_count = counts.get(unit.id, 0)

    @api.model
    def _property_import_templates(self):
        return [(self.env._("Import Template for Units"), "property_unit_import_template.xlsx")]

    def action_view_leases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_tenant.property_lease_action"
        )
        action["domain"] = [("line_ids.unit_id", "=", self.id)]
        return action

    @api.model
    def _cron_update_state(self):
        """Date-driven statuses (a lease starting or ending today) need a daily refresh."""
        today = fields.Date.context_today(self)
        units = self.search([("state_date", "<=", today)])
        for fname in ("state", "state_date", "current_lease_id"):
            self.env.add_to_compute(self._fields[fname], units)
        units.flush_recordset()
        return True
