# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_rent_journal_id = fields.Many2one(
        related="company_id.property_rent_journal_id", readonly=False
    )
    property_invoice_issue_days_before = fields.Integer(
        related="company_id.property_invoice_issue_days_before", readonly=False
    )
    property_deposit_account_id = fields.Many2one(
        related="company_id.property_deposit_account_id", readonly=False
    )
    property_utility_invoicing = fields.Selection(
        related="company_id.property_utility_invoicing", readonly=False
    )
    property_refund_approval_amount = fields.Monetary(
        related="company_id.property_refund_approval_amount",
        currency_field="property_currency_id",
        readonly=False,
    )
    property_late_fee_active = fields.Boolean(
        related="company_id.property_late_fee_active", readonly=False
    )
    property_late_fee_grace_days = fields.Integer(
        related="company_id.property_late_fee_grace_days", readonly=False
    )
    property_late_fee_type = fields.Selection(
        related="company_id.property_late_fee_type", readonly=False
    )
    property_late_fee_rate = fields.Float(
        related="company_id.property_late_fee_rate", readonly=False
    )
    property_late_fee_amount = fields.Monetary(
        related="company_id.property_late_fee_amount", readonly=False
    )
    property_late_fee_cap = fields.Monetary(
        related="company_id.property_late_fee_cap", readonly=False
    )
    property_late_fee_mode = fields.Selection(
        related="company_id.property_late_fee_mode", readonly=False
    )
    property_billing_run_auto_start = fields.Boolean(
        related="company_id.property_billing_run_auto_start", readonly=False
    )
