# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class PropertyCostPoolPreviewLine(models.TransientModel):
    """One unit's occupant period in a cost pool's split: a tenant's share or, vacant, the
    landlord's."""

    _name = "property.cost.pool.preview.line"
    _description = "Shared Cost Allocation Line"
    _order = "preview_id, pool_id, unit_id, date_from, id"

    preview_id = fields.Many2one(
        "property.cost.pool.preview", required=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="preview_id.currency_id")
    pool_id = fields.Many2one("property.cost.pool", string="Cost Pool", readonly=True)
    building_id = fields.Many2one(related="pool_id.building_id", store=True)
    split_key = fields.Selection(related="pool_id.split_key")
    unit_id = fields.Many2one("property.unit", readonly=True)
    lease_id = fields.Many2one("property.lease", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Tenant", readonly=True)
    date_from = fields.Date(string="First Day", readonly=True)
    date_to = fields.Date(string="Last Day", readonly=True)
    days = fields.Integer(readonly=True, aggregator="sum")
    weight = fields.Float(string="Key × Days", readonly=True, digits=(16, 3), aggregator="sum")
    share = fields.Float(string="Share (%)", readonly=True, digits=(16, 4), aggregator="sum")
    amount = fields.Monetary(string="Allocated", readonly=True, aggregator="sum")
    is_vacant = fields.Boolean(string="Vacant", compute="_compute_is_vacant", store=True)
    tenant_amount = fields.Monetary(
        string="Tenant's Share", compute="_compute_is_vacant", store=True, aggregator="sum"
    )
    vacancy_amount = fields.Monetary(
        string="Vacancy Cost", compute="_compute_is_vacant", store=True, aggregator="sum"
    )

    advance_amount = fields.Monetary(string="Advances Billed", readonly=True, aggregator="sum")
    trueup_amount = fields.Monetary(string="True-ups Billed", readonly=True, aggregator="sum")
    recovered_amount = fields.Monetary(
        string="Recovered",
        compute="_compute_recovered_amount",
        store=True,
        aggregator="sum",
        help="Billed to the tenant on the pool: advances and true-ups, net of credit notes.",
    )

    @api.depends("advance_amount", "trueup_amount")
    def _compute_recovered_amount(self):
        for line in self:
            line.recovered_amount = line.advance_amount + line.trueup_amount

    @api.depends("lease_id", "amount")
    def _compute_is_vacant(self):
        for line in self:
            line.is_vacant = not line.lease_id
            line.tenant_amount = line.amount if line.lease_id else 0.0
            line.vacancy_amount = 0.0 if line.lease_id else line.amount
