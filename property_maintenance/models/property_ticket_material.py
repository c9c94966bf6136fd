# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class PropertyTicketMaterial(models.Model):
    _name = "property.ticket.material"
    _description = "Service Ticket Material"
    _order = "ticket_id, sequence, id"

    ticket_id = fields.Many2one(
        "maintenance.request", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one("product.product")
    name = fields.Char(
        string="Description", compute="_compute_name", store=True, readonly=False, required=True
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    unit_cost = fields.Monetary(
        compute="_compute_unit_cost", store=True, readonly=False, currency_field="currency_id"
    )
    subtotal = fields.Monetary(
        compute="_compute_subtotal", store=True, currency_field="currency_id"
    )

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id:
                line.name = line.product_id.display_name

    @api.depends("product_id")
    def _compute_unit_cost(self):
        for line in self:
            if line.product_id:
                line.unit_cost = line.product_id.standard_price

    @api.depends("quantity", "unit_cost", "currency_id")
    def _compute_subtotal(self):
        for line in self:
            amount = line.quantity * line.unit_cost
            line.subtotal = line.currency_id.round(amount) if line.currency_id else amount
