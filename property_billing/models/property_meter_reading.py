# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.property_tenant.models.property_lease import OCCUPYING_LEASE_STATES
from odoo.addons.property_tenant.models.row_lock import lock_for_update

READING_STATES = [
    ("to_review", "To Review"),
    ("validated", "Validated"),
    ("invoiced", "Invoiced"),
]


class PropertyMeterReading(models.Model):
    _name = "property.meter.reading"
    _inherit = ["property.import.mixin"]
    _description = "Meter Reading"
    _order = "meter_id, date desc, id desc"
    _check_company_auto = True
    _property_import_template_folder = "/property_billing/static/xls"

    meter_id = fields.Many2one(
        "property.meter", required=True, index=True, ondelete="cascade", check_company=True
    )
    unit_id = fields.Many2one(related="meter_id.unit_id", store=True, index=True)
    building_id = fields.Many2one(related="meter_id.building_id", store=True, index=True)
    # the meter's company; the current company on a new reading, so that the
    # company-checked choice of its meter finds records
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    value = fields.Float(string="Index", required=True, digits=(16, 3))
    meter_replaced = fields.Boolean(
        help="The meter was replaced: this is the first index of the new meter; no "
        "consumption is counted for it."
    )
    previous_meter_number = fields.Char(
        string="Former Meter Number",
        help="Meter replaced: the number of the meter taken out (the meter's own number "
        "becomes the new one's).",
    )
    previous_meter_value = fields.Float(
        string="Former Meter's Final Index",
        digits=(16, 3),
        help="Meter replaced: the last index of the meter taken out; its consumption since "
        "the previous reading is counted on this reading (0: nothing counted).",
    )
    previous_value = fields.Float(readonly=True, digits=(16, 3))
    consumption = fields.Float(readonly=True, digits=(16, 3))
    amount = fields.Monetary(readonly=True, currency_field="currency_id")
    state = fields.Selection(READING_STATES, default="validated", required=True, readonly=True)
    review_note = fields.Char(readonly=True)
    source = fields.Selection(
        [
            ("backend", "Backend"),
            ("portal", "Tenant (portal)"),
            ("import", "Import"),
            ("round", "Reading Round"),
        ],
        default="backend",
        required=True,
    )
    photo = fields.Image(
        max_width=1920,
        max_height=1920,
        help="Photo of the meter showing the index (sent by the tenant with a portal reading).",
    )
    lease_id = fields.Many2one(
        "property.lease", readonly=True, index=True, help="The lease billed for this reading."
    )
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True, copy=False)

    _sql_constraints = [
        ("value_positive", "CHECK(value >= 0)", "A meter index cannot be negative."),
    ]

    @api.depends("meter_id.company_id")
    def _compute_company_id(self):
        for reading in self:
            reading.company_id = reading.meter_id.company_id or self.env.company

    # ------------------------------------------------------------------ CRUD
    @api.model
    def _property_import_templates(self):
        return [
            (self.env._("Import Template for Meter Readings"), "meter_reading_import_template.xlsx")
        ]

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("import_file"):
            vals_list = [{"source": "import", **vals} for vals in vals_list]
        # each reading is checked against the meter's previous index: lock the meters first,
        # so two readings of one meter entered at once are checked one after the other
        meter_ids = {vals["meter_id"] for vals in vals_list if vals.get("meter_id")}
        lock_for_update(self.env["property.meter"].browse(sorted(meter_ids)))
        readings = super().create(vals_list)
        for reading in readings.sorted(lambda r: (r.date, r.id)):
            reading._check_and_price()
        return readings

    def write(self, vals):
        if set(vals) & {
            "value",
            "date",
            "meter_id",
            "meter_replaced",
            "previous_meter_value",
        } and self.filtered(lambda r: r.state == "invoiced"):
            raise UserError(self.env._("An invoiced reading cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        if self.filtered(lambda r: r.state == "invoiced"):
            raise UserError(self.env._("An invoiced reading cannot be deleted."))

    # -------------------------------------------------------------- business
    def _get_previous(self):
        self.ensure_one()
        return self.search(
            [
                ("meter_id", "=", self.meter_id.id),
                ("id", "!=", self.id),
                "|",
                ("date", "<", self.date),
                "&",
                ("date", "=", self.date),
                ("id", "<", self.id),
            ],
            order="date desc, id desc",
            limit=1,
        )

    def _check_and_price(self):
        """Validate against the previous index, compute consumption and amount, flag an
        unusual jump for review, find the lease occupying the unit."""
        self.ensure_one()
        if not math.isfinite(self.value):
            raise ValidationError(self.env._("A meter index must be a number."))
        previous = self._get_previous()
        if self.meter_replaced:
            previous_value = self.value
            consumption = self._replaced_meter_consumption(previous)
        elif not previous:
            consumption = previous_value = 0.0
        else:
            previous_value = previous.value
            if self.value < previous_value:
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s: the index %(value)s is below the previous one "
                        "(%(previous)s on %(date)s). Tick 'Meter Replaced' if the meter was "
                        "changed.",
                        meter=self.meter_id.name,
                        value=self.value,
                        previous=previous_value,
                        date=previous.date,
                    )
                )
            consumption = self.value - previous_value
        vals = {
            "previous_value": previous_value,
            "consumption": consumption,
            "amount": tariff._compute_amount(consumption)
            if (tariff := self.meter_id.tariff_id)
            else 0.0,
            "lease_id": self._find_lease().id,
        }
        note = self._unusual_jump(consumption) or self._portal_review_note()
        if note:
            vals.update(state="to_review", review_note=note)
        self.write(vals)

    def _replaced_meter_consumption(self, previous):
        """Consumption of the meter taken out since the previous reading, from its final
        index (0 when the final index was not noted)."""
        self.ensure_one()
        if not self.previous_meter_value or not previous:
            return 0.0
        if self.previous_meter_value < previous.value:
            raise ValidationError(
                self.env._(
                    "Meter %(meter)s: the former meter's final index %(value)s is below its "
                    "previous reading (%(previous)s on %(date)s).",
                    meter=self.meter_id.name,
                    value=self.previous_meter_value,
                    previous=previous.value,
                    date=previous.date,
                )
            )
        return self.previous_meter_value - previous.value

    def _unusual_jump(self, consumption):
        factor = self.meter_id.jump_factor
        if not factor or not consumption:
            return False
        history = self.search(
            [
                ("meter_id", "=", self.meter_id.id),
                ("id", "!=", self.id),
                ("date", "<", self.date),
                ("consumption", ">", 0),
            ],
            order="date desc",
            limit=6,
        )
        if not history:
            return False
        average = sum(history.mapped("consumption")) / len(history)
        if consumption > factor * average:
            return self.env._(
                "Consumption %(consumption)s is over %(factor)s times the average (%(average)s).",
                consumption=consumption,
                factor=factor,
                average=round(average, 3),
            )
        return False

    def _portal_review_note(self):
        """A reading the tenant entered in the portal is billed once staff checked it
        (against its photo): it waits for review."""
        self.ensure_one()
        if self.source != "portal":
            return False
        if self.photo:
            return self.env._("Entered by the tenant in the portal, with a photo.")
        return self.env._("Entered by the tenant in the portal, without a photo.")

    def _find_lease(self):
        self.ensure_one()
        if not self.unit_id:
            # a master meter of a floor or building: its readings are nobody's bill
            return self.env["property.lease"]
        line = (
            self.env["property.lease.line"]
            .sudo()
            .search(
                [
                    ("unit_id", "=", self.unit_id.id),
                    ("lease_state", "in", [*OCCUPYING_LEASE_STATES, "ended", "terminated"]),
                    ("date_start", "<=", self.date),
                    ("date_end", ">=", self.date),
                ],
                limit=1,
            )
        )
        return line.lease_id

    def action_validate(self):
        self.filtered(lambda r: r.state == "to_review").write(
            {"state": "validated", "review_note": False}
        )
        return True

    def _prepare_invoice_line_vals(self):
        """Invoice line of this reading (on a rent invoice or on a utility invoice)."""
        self.ensure_one()
        meter = self.meter_id
        return {
            "product_id": (
                meter.tariff_id.product_id or self.env.ref("property_billing.product_utility")
            ).id,
            "name": self.env._(
                "%(type)s %(meter)s: %(previous)s → %(value)s (%(consumption)s %(uom)s), %(date)s",
                type=dict(meter._fields["meter_type"]._description_selection(self.env))[
                    meter.meter_type
                ],
                meter=meter.name,
                previous=self.previous_value,
                value=self.value,
                consumption=self.consumption,
                uom=meter.tariff_id.uom_name or "",
                date=self.date,
            ),
            "quantity": 1.0,
            "price_unit": self.amount,
            "property_reading_id": self.id,
        }

    @api.model
    def _cron_invoice_utilities(self):
        """Separate utility invoices (companies invoicing utilities on their own)."""
        readings = self.sudo().search(
            [
                ("state", "=", "validated"),
                ("move_id", "=", False),
                ("lease_id", "!=", False),
                ("amount", "!=", 0),
                ("company_id.property_utility_invoicing", "=", "separate"),
            ]
        )
        return readings._invoice_separately()

    def _invoice_separately(self):
        """One utility invoice per lease for the readings, posted."""
        by_lease = self.grouped("lease_id")
        moves = self.env["property.lease"]._create_separate_invoices(
            "utility",
            {
                lease: [reading._prepare_invoice_line_vals() for reading in readings]
                for lease, readings in by_lease.items()
            },
        )
        for lease, readings in by_lease.items():
            readings.write({"move_id": moves[lease].id, "state": "invoiced"})
        return self.env["account.move"].union(*moves.values())
