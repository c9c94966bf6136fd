# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

LINE_STATES = [
    ("pending", "Pending"),
    ("invoiced", "Invoiced"),
    ("skipped", "Skipped"),
    ("failed", "Failed"),
]
PREVIEW_STATES = [
    ("bill", "To Bill"),
    ("nothing", "Nothing to Bill"),
    ("fail", "Would Fail"),
]


class PropertyBillingRunLine(models.Model):
    """One lease of a billing run: what the preview expects, then what the run did."""

    _name = "property.billing.run.line"
    _description = "Billing Run Lease"
    _order = "run_id, id"
    _check_company_auto = True

    run_id = fields.Many2one("property.billing.run", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="run_id.currency_id")
    lease_id = fields.Many2one(
        "property.lease", required=True, ondelete="cascade", index=True, check_company=True
    )
    building_id = fields.Many2one(related="lease_id.building_id", store=True)
    partner_id = fields.Many2one(related="lease_id.partner_id", string="Tenant")
    state = fields.Selection(LINE_STATES, required=True, default="pending", readonly=True)
    message = fields.Text(string="Result", readonly=True)
    move_ids = fields.Many2many(
        "account.move",
        "property_billing_run_line_move_rel",
        "line_id",
        "move_id",
        string="Invoices",
        readonly=True,
    )
    preview_state = fields.Selection(PREVIEW_STATES, string="Preview", readonly=True)
    preview_message = fields.Text(string="Expected Problems", readonly=True)
    preview_invoice_count = fields.Integer(string="Invoices Planned", readonly=True)
    preview_amount_rent = fields.Monetary(string="Rent", readonly=True)
    preview_amount_charges = fields.Monetary(string="Charges", readonly=True)
    preview_amount_utilities = fields.Monetary(string="Utilities", readonly=True)
    preview_tax_rent = fields.Monetary(string="Rent Tax", readonly=True)
    preview_tax_charges = fields.Monetary(string="Charges Tax", readonly=True)
    preview_tax_utilities = fields.Monetary(string="Utilities Tax", readonly=True)
    preview_amount_untaxed = fields.Monetary(string="Untaxed Total", readonly=True)
    preview_amount_tax = fields.Monetary(string="Tax", readonly=True)
    preview_amount_total = fields.Monetary(string="Total", readonly=True)

    _sql_constraints = [
        ("run_lease_uniq", "unique(run_id, lease_id)", "A lease appears once in a billing run."),
    ]

    @api.depends("run_id.name", "lease_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.run_id.name} / {line.lease_id.name}"

    def action_retry(self):
        """Bill this failed lease again (after its problem was fixed)."""
        self.ensure_one()
        self.run_id._retry_leases(self.filtered(lambda ln: ln.state == "failed").lease_id)
        return True
