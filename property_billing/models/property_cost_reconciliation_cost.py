# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyCostReconciliationCost(models.Model):
    """A cost of the pool in the reconciliation's period, as it was when computed: a vendor
    bill line or a validated common meter consumption times its tariff."""

    _name = "property.cost.reconciliation.cost"
    _description = "Shared Cost Reconciliation Cost"
    _order = "reconciliation_id, id"

    reconciliation_id = fields.Many2one(
        "property.cost.reconciliation", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="reconciliation_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="reconciliation_id.currency_id")
    source = fields.Selection(
        [("bill", "Vendor Bill"), ("meter", "Common Consumption")], required=True, readonly=True
    )
    name = fields.Char(string="Description", readonly=True)
    amount = fields.Monetary(readonly=True)
    move_line_id = fields.Many2one("account.move.line", string="Bill Line", readonly=True)
    common_consumption_id = fields.Many2one("property.common.consumption", readonly=True)
