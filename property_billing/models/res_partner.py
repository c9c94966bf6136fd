# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.osv import expression


class ResPartner(models.Model):
    _inherit = "res.partner"

    property_balance = fields.Monetary(
        compute="_compute_property_balance",
        string="Lease Balance",
        help="What the tenant still owes on the invoices of their leases (credit notes deducted).",
        groups="property_tenant.group_property_user",
    )

    def _compute_property_balance(self):
        commercial = self.commercial_partner_id
        # a sum of the lease invoices' residuals, for staff who may not read the invoices
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", commercial.ids),
                    ("property_lease_id", "!=", False),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                ],
                ["commercial_partner_id"],
                ["amount_residual_signed:sum"],
            )
        )
        balances = {partner.id: amount for partner, amount in groups}
        for partner in self:
            partner.property_balance = balances.get(partner.commercial_partner_id.id, 0.0)

    def _property_statement_moves(self):
        """Posted lease invoices and credit notes of the partner's commercial entity."""
        self.ensure_one()
        return self.env["account.move"].search(
            [
                ("partner_id", "child_of", self.commercial_partner_id.id),
                ("property_lease_id", "!=", False),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
            ],
            order="invoice_date, id",
        )

    def _property_void_access_tokens(self):
        partners = super()._property_void_access_tokens()
        self.env["account.move"].sudo().search(
            [
                ("partner_id", "in", partners.ids),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("access_token", "!=", False),
            ]
        ).access_token = False
        return partners

    def _property_communication_domain(self):
        """The tenant's communication history also gathers the messages on their lease
        invoices: reminders and collection emails, logged collection calls."""
        domain = super()._property_communication_domain()
        moves = self.env["account.move"].search(
            [
                ("partner_id", "child_of", self.commercial_partner_id.ids),
                ("property_lease_id", "!=", False),
            ]
        )
        return expression.OR(
            [
                domain,
                [
                    ("message_type", "!=", "user_notification"),
                    ("model", "=", "account.move"),
                    ("res_id", "in", moves.ids),
                ],
            ]
        )
