# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

METER_TYPES = [
    ("water", "Water"),
    ("electricity", "Electricity"),
    ("gas", "Gas"),
    ("heat", "Heat"),
    ("custom", "Other"),
]


class PropertyUtilityTariff(models.Model):
    _name = "property.utility.tariff"
    _description = "Utility Tariff"
    _order = "meter_type, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    meter_type = fields.Selection(METER_TYPES, required=True, default="water")
    uom_name = fields.Char(string="Unit", default="m³", help="e.g. m³, kWh")
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        default=lambda self: self.env.ref(
            "property_billing.product_utility", raise_if_not_found=False
        ),
    )
    pricing = fields.Selection(
        [("flat", "Flat price per unit"), ("tiered", "Tiered (block) prices")],
        default="flat",
        required=True,
    )
    price = fields.Float(string="Price per Unit", digits="Product Price")
    tier_ids = fields.One2many("property.utility.tariff.tier", "tariff_id", string="Tiers")

    @api.constrains("pricing", "tier_ids")
    def _check_tiers(self):
        for tariff in self:
            if tariff.pricing == "tiered" and not tariff.tier_ids.filtered(
                lambda t: t.threshold == 0
            ):
                raise ValidationError(
                    self.env._("Tariff %(name)s: the first tier must start at 0.", name=tariff.name)
                )

    def _compute_amount(self, consumption):
        """Price of `consumption` units (block tariff: each tier prices the units above its
        threshold), rounded to the currency."""
        self.ensure_one()
        if self.pricing == "flat":
            return self.currency_id.round(consumption * self.price)
        total = 0.0
        tiers = self.tier_ids.sorted("threshold")
        for tier, upper in zip(tiers, [*tiers[1:].mapped("threshold"), None], strict=True):
            if consumption <= tier.threshold:
                break
            top = consumption if upper is None else min(consumption, upper)
            total += (top - tier.threshold) * tier.price
        return self.currency_id.round(total)


class PropertyUtilityTariffTier(models.Model):
    _name = "property.utility.tariff.tier"
    _description = "Utility Tariff Tier"
    _order = "tariff_id, threshold"

    tariff_id = fields.Many2one(
        "property.utility.tariff", required=True, ondelete="cascade", index=True
    )
    threshold = fields.Float(
        string="From", required=True, help="This price applies to the units above this amount."
    )
    price = fields.Float(string="Price per Unit", digits="Product Price", required=True)

    _sql_constraints = [
        (
            "threshold_uniq",
            "unique(tariff_id, threshold)",
            "Two tiers cannot start at the same amount.",
        ),
        ("threshold_positive", "CHECK(threshold >= 0)", "A tier cannot start below zero."),
    ]
