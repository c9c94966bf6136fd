# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class PropertyCommonConsumptionWizard(models.TransientModel):
    _name = "property.common.consumption.wizard"
    _description = "Compute Common Consumption"

    @api.model
    def _default_date_from(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)

    @api.model
    def _default_date_to(self):
        return fields.Date.context_today(self).replace(day=1) - relativedelta(days=1)

    date_from = fields.Date(required=True, default=_default_date_from)
    date_to = fields.Date(required=True, default=_default_date_to)
    building_id = fields.Many2one(
        "property.building", help="Leave empty for every building of the company."
    )
    master_meter_ids = fields.Many2many(
        "property.meter",
        string="Master Meters",
        domain="[('child_ids', '!=', False), ('building_id', '=?', building_id)]",
        help="Leave empty for every master meter of the building.",
    )

    def _get_master_meters(self):
        self.ensure_one()
        if self.master_meter_ids:
            return self.master_meter_ids
        domain = [("child_ids", "!=", False), ("company_id", "in", self.env.companies.ids)]
        if self.building_id:
            domain.append(("building_id", "=", self.building_id.id))
        return self.env["property.meter"].search(domain)

    def action_compute(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        masters = self._get_master_meters()
        if not masters:
            raise UserError(self.env._("No master meter with sub-meters to compute."))
        records = masters._compute_common_consumption(self.date_from, self.date_to)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_common_consumption_action"
        )
        action["domain"] = [("id", "in", records.ids)]
        action["context"] = {}
        return action
