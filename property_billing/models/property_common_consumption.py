# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyCommonConsumption(models.Model):
    """The consumption of a master meter over a period that no sub-meter accounts for
    (corridors, lifts, lighting, losses): master minus the sum of its sub-meters. Only a
    validated record is passed on to the tenants (by the cost pools)."""

    _name = "property.common.consumption"
    _description = "Common Consumption"
    _inherit = ["mail.thread"]
    _order = "date_to desc, master_meter_id, id"
    _check_company_auto = True
    _rec_name = "master_meter_id"

    master_meter_id = fields.Many2one(
        "property.meter",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('child_ids', '!=', False)]",
    )
    meter_type = fields.Selection(related="master_meter_id.meter_type", store=True)
    building_id = fields.Many2one(
        related="master_meter_id.building_id", store=True, index=True, string="Building"
    )
    floor_id = fields.Many2one(related="master_meter_id.floor_id", store=True)
    company_id = fields.Many2one(related="master_meter_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    master_consumption = fields.Float(readonly=True, digits=(16, 3))
    sub_consumption = fields.Float(string="Sub-meters' Consumption", readonly=True, digits=(16, 3))
    common_consumption = fields.Float(readonly=True, digits=(16, 3), aggregator="sum")
    amount = fields.Monetary(
        compute="_compute_amount",
        currency_field="currency_id",
        help="The common consumption priced at the master meter's tariff.",
    )
    state = fields.Selection(
        [("to_review", "To Review"), ("validated", "Validated")],
        default="to_review",
        required=True,
        readonly=True,
        tracking=True,
    )
    review_note = fields.Text(readonly=True)

    _sql_constraints = [
        (
            "master_period_uniq",
            "unique(master_meter_id, date_from, date_to)",
            "This master meter already has a common consumption for this period.",
        ),
        ("dates_check", "CHECK(date_from <= date_to)", "The period ends before it starts."),
    ]

    @api.depends("common_consumption", "master_meter_id.tariff_id")
    def _compute_amount(self):
        for record in self:
            record.amount = record._get_amount()

    def _compute_display_name(self):
        for record in self:
            record.display_name = self.env._(
                "%(meter)s, %(date_from)s - %(date_to)s",
                meter=record.master_meter_id.name,
                date_from=record.date_from,
                date_to=record.date_to,
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated(self):
        if self.filtered(lambda r: r.state == "validated"):
            raise UserError(
                self.env._("A validated common consumption cannot be deleted: reset it first.")
            )

    def action_validate(self):
        self.filtered(lambda r: r.state == "to_review").write({"state": "validated"})
        return True

    def action_recompute(self):
        """Recompute the records still to review from the current readings (validated
        when nothing looks wrong any more)."""
        for record in self.filtered(lambda r: r.state == "to_review"):
            record.write(
                record.master_meter_id._prepare_common_consumption_vals(
                    record.date_from, record.date_to
                )
            )
        return True

    def action_reset(self):
        """A validated record back to review, recomputed from the current readings."""
        for record in self.filtered(lambda r: r.state == "validated"):
            vals = record.master_meter_id._prepare_common_consumption_vals(
                record.date_from, record.date_to
            )
            record.write({**vals, "state": "to_review"})
        return True

    def _get_amount(self):
        """The common consumption priced at the master meter's tariff (0 without a
        tariff or for a negative difference)."""
        self.ensure_one()
        tariff = self.master_meter_id.tariff_id
        if not tariff or self.common_consumption <= 0:
            return 0.0
        return tariff._compute_amount(self.common_consumption)
