# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyCostPoolPreviewCost(models.TransientModel):
    """One cost of a pool in the period: a vendor bill line or a common meter consumption."""

    _name = "property.cost.pool.preview.cost"
    _description = "Shared Cost Allocation Cost"
    _order = "preview_id, pool_id, id"

    preview_id = fields.Many2one(
        "property.cost.pool.preview", required=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="preview_id.currency_id")
    pool_id = fields.Many2one("property.cost.pool", string="Cost Pool", readonly=True)
    source = fields.Selection(
        [("bill", "Vendor bill"), ("meter", "Common meter consumption")], readonly=True
    )
    name = fields.Char(string="Description", readonly=True)
    amount = fields.Monetary(readonly=True, aggregator="sum")
    move_line_id = fields.Many2one("account.move.line", string="Bill Line", readonly=True)
    move_id = fields.Many2one(related="move_line_id.move_id", string="Bill")
    common_consumption_id = fields.Many2one("property.common.consumption", readonly=True)
