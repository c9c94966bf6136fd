# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyMeterReadingRound(models.TransientModel):
    """A member of staff walks a building (or one floor) and reads its meters one after the
    other on a phone: each meter shows its previous index and date, the index and a photo
    are entered, the reading is created through the usual checks, the next meter comes."""

    _name = "property.meter.reading.round"
    _description = "Meter Reading Round"

    building_id = fields.Many2one("property.building", required=True)
    floor_id = fields.Many2one(
        "property.floor",
        domain="[('building_id', '=', building_id)]",
        help="Leave empty to read the whole building.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    state = fields.Selection(
        [("setup", "Setup"), ("reading", "Reading"), ("done", "Done")],
        default="setup",
        required=True,
    )
    meter_ids = fields.Many2many("property.meter", string="Meters")
    position = fields.Integer(default=0)
    meter_id = fields.Many2one("property.meter", compute="_compute_meter_id")
    meter_unit_id = fields.Many2one(related="meter_id.unit_id", string="Unit")
    meter_floor_id = fields.Many2one(related="meter_id.floor_id", string="Meter Floor")
    meter_type = fields.Selection(related="meter_id.meter_type")
    uom_name = fields.Char(related="meter_id.tariff_id.uom_name", string="Unit of Measure")
    previous_value = fields.Float(related="meter_id.last_value", string="Previous Index")
    previous_date = fields.Date(related="meter_id.last_date", string="Previous Reading")
    progress = fields.Char(compute="_compute_meter_id")
    value = fields.Float(string="Index", digits=(16, 3))
    photo = fields.Image(max_width=1920, max_height=1920)
    reading_ids = fields.Many2many("property.meter.reading", string="Readings Entered")
    reading_count = fields.Integer(compute="_compute_reading_count")
    review_count = fields.Integer(compute="_compute_reading_count")
    last_message = fields.Char(readonly=True)

    @api.depends("meter_ids", "position")
    def _compute_meter_id(self):
        for wizard in self:
            meters = wizard.meter_ids
            inside = 0 <= wizard.position < len(meters)
            wizard.meter_id = meters[wizard.position] if inside else False
            wizard.progress = (
                self.env._(
                    "Meter %(current)s of %(total)s",
                    current=wizard.position + 1,
                    total=len(meters),
                )
                if inside
                else False
            )

    @api.depends("reading_ids.state")
    def _compute_reading_count(self):
        for wizard in self:
            wizard.reading_count = len(wizard.reading_ids)
            wizard.review_count = len(wizard.reading_ids.filtered(lambda r: r.state == "to_review"))

    @api.onchange("building_id")
    def _onchange_building_id(self):
        if self.floor_id.building_id != self.building_id:
            self.floor_id = False

    def _get_round_meters(self):
        """The meters of the round, unit by unit (the meter order: floor, unit, type)."""
        self.ensure_one()
        domain = [("building_id", "=", self.building_id.id)]
        if self.floor_id:
            domain.append(("floor_id", "=", self.floor_id.id))
        return self.env["property.meter"].search(domain)

    def _prepare_reading_vals(self):
        self.ensure_one()
        return {
            "meter_id": self.meter_id.id,
            "date": self.date,
            "value": self.value,
            "photo": self.photo,
            "source": "round",
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "name": self.env._("Reading Round"),
            "target": "new",
        }

    def action_start(self):
        self.ensure_one()
        meters = self._get_round_meters()
        if not meters:
            raise UserError(self.env._("There is no meter to read there."))
        self.write(
            {"meter_ids": [fields.Command.set(meters.ids)], "position": 0, "state": "reading"}
        )
        return self._reopen()

    def _advance(self, message):
        self.write(
            {
                "position": self.position + 1,
                "value": 0.0,
                "photo": False,
                "last_message": message,
                "state": "done" if self.position + 1 >= len(self.meter_ids) else "reading",
            }
        )
        return self._reopen()

    def action_next(self):
        """Record the index of the current meter (with the checks of every reading) and go
        to the next one."""
        self.ensure_one()
        if not self.meter_id:
            raise UserError(self.env._("The round is over."))
        reading = self.env["property.meter.reading"].create(self._prepare_reading_vals())
        self.reading_ids = [fields.Command.link(reading.id)]
        if reading.state == "to_review":
            message = self.env._(
                "%(meter)s: %(value)s saved, to review: %(note)s",
                meter=reading.meter_id.name,
                value=reading.value,
                note=reading.review_note,
            )
        else:
            message = self.env._(
                "%(meter)s: %(value)s saved (consumption %(consumption)s).",
                meter=reading.meter_id.name,
                value=reading.value,
                consumption=reading.consumption,
            )
        return self._advance(message)

    def action_skip(self):
        self.ensure_one()
        return self._advance(self.env._("%(meter)s skipped: not read.", meter=self.meter_id.name))

    def action_view_readings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_meter_reading_action"
        )
        action["domain"] = [("id", "in", self.reading_ids.ids)]
        action["context"] = {}
        return action
