# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .property_utility_tariff import METER_TYPES


class PropertyMeter(models.Model):
    _name = "property.meter"
    _description = "Utility Meter"
    _inherit = ["mail.thread"]
    _order = "building_id, floor_id, unit_id, meter_type, id"
    _check_company_auto = True

    name = fields.Char(string="Meter Number", required=True, tracking=True)
    active = fields.Boolean(default=True)
    # a meter is placed on a unit, or (a master meter) on a floor or a whole building
    unit_id = fields.Many2one(
        "property.unit",
        index=True,
        check_company=True,
        tracking=True,
        domain="[('building_id', '=?', building_id)]",
    )
    floor_id = fields.Many2one(
        "property.floor",
        compute="_compute_location",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
        domain="[('building_id', '=?', building_id)]",
    )
    building_id = fields.Many2one(
        "property.building",
        compute="_compute_location",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    location_type = fields.Selection(
        [("unit", "Unit"), ("floor", "Floor"), ("building", "Building")],
        string="Placed On",
        compute="_compute_location_type",
        store=True,
    )
    # the location's company; the current company on a new record, so that the
    # company-checked choices of an empty "New" form find records
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    meter_type = fields.Selection(METER_TYPES, required=True, default="water")
    parent_id = fields.Many2one(
        "property.meter",
        string="Master Meter",
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        domain="[('meter_type', '=', meter_type), ('id', '!=', id), ('unit_id', '=', False)]",
        help="The meter upstream of this one: its consumption includes this meter's.",
    )
    child_ids = fields.One2many(
        "property.meter",
        "parent_id",
        string="Sub-meters",
        context={"active_test": False},
    )
    child_count = fields.Integer(compute="_compute_child_count")
    common_share_limit = fields.Float(
        string="Plausible Common Share (%)",
        default=30.0,
        help="Master meters: a common consumption above this share of the master's "
        "consumption is flagged for review (0: never).",
    )
    common_consumption_ids = fields.One2many("property.common.consumption", "master_meter_id")
    common_consumption_count = fields.Integer(compute="_compute_common_consumption_count")
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
    replacement_ids = fields.One2many(
        "property.meter.reading",
        "meter_id",
        string="Replacements",
        domain=[("meter_replaced", "=", True)],
        help="Readings of a new meter fitted at this place: the history before each one "
        "stays on this meter.",
    )
    last_reading_id = fields.Many2one("property.meter.reading", compute="_compute_last_reading_id")
    last_value = fields.Float(compute="_compute_last_reading_id", string="Last Index")
    last_date = fields.Date(compute="_compute_last_reading_id", string="Last Read On")

    _sql_constraints = [
        ("name_unit_uniq", "unique(name, unit_id)", "This meter already exists on the unit."),
        (
            "common_share_limit_range",
            "CHECK(common_share_limit >= 0 AND common_share_limit <= 100)",
            "The plausible common share is a percentage between 0 and 100.",
        ),
    ]

    @api.depends("unit_id")
    def _compute_location(self):
        for meter in self:
            if meter.unit_id:
                meter.building_id = meter.unit_id.building_id
                meter.floor_id = meter.unit_id.floor_id

    @api.depends("unit_id", "floor_id", "building_id")
    def _compute_location_type(self):
        for meter in self:
            meter.location_type = (
                (meter.unit_id and "unit")
                or (meter.floor_id and "floor")
                or (meter.building_id and "building")
                or False
            )

    @api.depends("building_id.company_id", "unit_id.company_id")
    def _compute_company_id(self):
        for meter in self:
            meter.company_id = (
                meter.unit_id.company_id or meter.building_id.company_id or self.env.company
            )

    def _compute_child_count(self):
        counts = dict(
            self.env["property.meter"]
            .with_context(active_test=False)
            ._read_group([("parent_id", "in", self.ids)], ["parent_id"], ["__count"])
        )
        for meter in self:
            meter.child_count = counts.get(meter, 0)

    def _compute_common_consumption_count(self):
        counts = dict(
            self.env["property.common.consumption"]._read_group(
                [("master_meter_id", "in", self.ids)], ["master_meter_id"], ["__count"]
            )
        )
        for meter in self:
            meter.common_consumption_count = counts.get(meter, 0)

    @api.depends("reading_ids.date", "reading_ids.value")
    def _compute_last_reading_id(self):
        for meter in self:
            last = meter.reading_ids.sorted(lambda r: (r.date, r.id), reverse=True)[:1]
            meter.last_reading_id = last
            meter.last_value = last.value
            meter.last_date = last.date

    @api.constrains("unit_id", "floor_id", "building_id")
    def _check_location(self):
        for meter in self:
            if not meter.building_id:
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s: place it on a unit, a floor or a building.",
                        meter=meter.name,
                    )
                )
            if meter.floor_id and meter.floor_id.building_id != meter.building_id:
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s: floor %(floor)s is not in building %(building)s.",
                        meter=meter.name,
                        floor=meter.floor_id.display_name,
                        building=meter.building_id.display_name,
                    )
                )
            unit = meter.unit_id
            if unit and (
                unit.building_id != meter.building_id
                or (meter.floor_id and unit.floor_id != meter.floor_id)
            ):
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s: unit %(unit)s is not on the meter's floor or building.",
                        meter=meter.name,
                        unit=unit.display_name,
                    )
                )

    @api.constrains("parent_id", "meter_type", "building_id", "floor_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A meter cannot be its own master meter."))
        for meter in self.with_context(active_test=False):
            for child in meter.child_ids:
                child._check_parent_of(meter)
            if meter.parent_id:
                meter._check_parent_of(meter.parent_id)

    def _check_parent_of(self, master):
        """This meter may hang below `master`: same type, inside its place."""
        self.ensure_one()
        if master.unit_id:
            reason = self.env._("a meter of a unit cannot be a master meter")
        elif master.meter_type != self.meter_type:
            reason = self.env._("the master meter measures another utility")
        elif master.building_id != self.building_id or (
            master.floor_id and master.floor_id != self.floor_id
        ):
            reason = self.env._("the meter is not inside the master meter's building or floor")
        else:
            return
        raise ValidationError(
            self.env._(
                "Meter %(meter)s cannot be a sub-meter of %(master)s: %(reason)s.",
                meter=self.name,
                master=master.name,
                reason=reason,
            )
        )

    def action_view_common_consumption(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_common_consumption_action"
        )
        action["domain"] = [("master_meter_id", "=", self.id)]
        action["context"] = {"default_master_meter_id": self.id}
        return action

    def action_view_sub_meters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_meter_action"
        )
        action["domain"] = [("parent_id", "=", self.id)]
        action["context"] = {
            "default_parent_id": self.id,
            "default_meter_type": self.meter_type,
            "default_building_id": self.building_id.id,
            "default_floor_id": self.floor_id.id,
            "active_test": False,
        }
        return action

    # -------------------------------------------------------------- business
    def _get_period_consumption(self, date_from, date_to):
        """{meter: (consumption, readings)} of the readings dated inside the period, both
        ends included (each reading carries the consumption since the previous one)."""
        readings = self.env["property.meter.reading"].search(
            [
                ("meter_id", "in", self.ids),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ]
        )
        by_meter = readings.grouped("meter_id")
        empty = self.env["property.meter.reading"]
        return {
            meter: (
                sum(by_meter.get(meter, empty).mapped("consumption")),
                by_meter.get(meter, empty),
            )
            for meter in self
        }

    def _compute_common_consumption(self, date_from, date_to):
        """Create or refresh the common consumption of these master meters over the
        period and return it. A validated record is kept as it is (pools may have used
        it); the others are recomputed from the readings."""
        Common = self.env["property.common.consumption"]
        masters = self.with_context(active_test=False).filtered("child_ids")
        existing = {
            rec.master_meter_id: rec
            for rec in Common.search(
                [
                    ("master_meter_id", "in", masters.ids),
                    ("date_from", "=", date_from),
                    ("date_to", "=", date_to),
                ]
            )
        }
        result = Common
        to_create = []
        for master in masters:
            record = existing.get(master)
            if record and record.state == "validated":
                result |= record
                continue
            vals = master._prepare_common_consumption_vals(date_from, date_to)
            if record:
                record.write(vals)
                result |= record
            else:
                to_create.append(vals)
        return result | Common.create(to_create)

    def _prepare_common_consumption_vals(self, date_from, date_to):
        """Values of the common consumption of this master meter over the period."""
        self.ensure_one()
        children = self.with_context(active_test=False).child_ids
        periods = (self | children)._get_period_consumption(date_from, date_to)
        master_consumption, master_readings = periods[self]
        sub_consumption = sum(periods[child][0] for child in children)
        common = master_consumption - sub_consumption
        reasons = self._get_common_review_reasons(
            master_consumption, master_readings, common, periods
        )
        return {
            "master_meter_id": self.id,
            "date_from": date_from,
            "date_to": date_to,
            "master_consumption": master_consumption,
            "sub_consumption": sub_consumption,
            "common_consumption": common,
            "state": "to_review" if reasons else "validated",
            "review_note": "\n".join(reasons) or False,
        }

    def _get_common_review_reasons(self, master_consumption, master_readings, common, periods):
        """Why this common consumption needs a look before a pool may use it (empty: it
        is plausible)."""
        self.ensure_one()
        reasons = []
        if not master_readings:
            reasons.append(self.env._("The master meter has no reading in the period."))
        missing = [m.name for m, (__, readings) in periods.items() if m != self and not readings]
        if missing:
            reasons.append(
                self.env._(
                    "Sub-meters without a reading in the period: %(meters)s.",
                    meters=", ".join(missing),
                )
            )
        unchecked = (
            self.env["property.meter.reading"]
            .union(*(readings for __, readings in periods.values()))
            .filtered(lambda r: r.state == "to_review")
        )
        if unchecked:
            reasons.append(
                self.env._(
                    "%(count)s reading(s) of these meters still to review.",
                    count=len(unchecked),
                )
            )
        if common < 0:
            reasons.append(
                self.env._(
                    "The sub-meters (%(sub)s) consumed more than the master meter "
                    "(%(master)s): negative common consumption.",
                    sub=round(master_consumption - common, 3),
                    master=round(master_consumption, 3),
                )
            )
        elif (
            self.common_share_limit
            and master_consumption > 0
            and common / master_consumption * 100 > self.common_share_limit
        ):
            reasons.append(
                self.env._(
                    "The common consumption is %(share)s%% of the master meter's, above "
                    "the plausible %(limit)s%%.",
                    share=round(common / master_consumption * 100, 1),
                    limit=self.common_share_limit,
                )
            )
        return reasons
