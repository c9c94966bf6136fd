# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyCostPoolShare(models.Model):
    """A unit's fixed share of a cost pool (fixed-share key), e.g. its thousandths."""

    _name = "property.cost.pool.share"
    _description = "Shared Cost Pool Fixed Share"
    _order = "pool_id, unit_id"
    _check_company_auto = True

    pool_id = fields.Many2one("property.cost.pool", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="pool_id.company_id", store=True, index=True)
    unit_id = fields.Many2one(
        "property.unit",
        required=True,
        check_company=True,
    )
    share = fields.Float(required=True, digits=(16, 4), help="e.g. thousandths or percent.")

    _sql_constraints = [
        ("pool_unit_uniq", "unique(pool_id, unit_id)", "A unit has one fixed share per pool."),
        ("share_positive", "CHECK(share >= 0)", "A fixed share cannot be negative."),
    ]
