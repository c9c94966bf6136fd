# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from odoo.addons.property_tenant.models.property_lease import LEASE_FINANCE_GROUPS


class PropertyLeaseScheduleLine(models.Model):
    _inherit = "property.lease.schedule.line"

    move_id = fields.Many2one(
        "account.move", string="Invoice", compute="_compute_move_id", groups=LEASE_FINANCE_GROUPS
    )
    payment_state = fields.Selection(
        [
            ("not_invoiced", "Not Invoiced"),
            ("not_paid", "Not Paid"),
            ("in_payment", "In Payment"),
            ("paid", "Paid"),
            ("partial", "Partially Paid"),
            ("reversed", "Reversed"),
            ("other", "Other"),
        ],
        compute="_compute_move_id",
        groups=LEASE_FINANCE_GROUPS,
    )

    def _compute_move_id(self):
        moves = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("property_lease_id", "in", self.lease_id.ids),
                    ("property_invoice_kind", "=", "rent"),
                    ("move_type", "=", "out_invoice"),
                    ("state", "!=", "cancel"),
                ]
            )
        )
        # a period reversed and invoiced again shows its live (corrected) invoice
        by_period = {
            (m.property_lease_id.id, m.property_period_start): m
            for m in moves.sorted(lambda m: (m.payment_state != "reversed", m.id))
        }
        known = dict(self._fields["payment_state"].selection)
        for line in self:
            move = by_period.get((line.lease_id.id, line.date_start))
            line.move_id = move
            if not move:
                line.payment_state = "not_invoiced"
            else:
                line.payment_state = move.payment_state if move.payment_state in known else "other"

    def _prepare_invoice_line_vals(self, product=None):
        """Invoice line of the rent of this period, labelled in the tenant's language.

        :param product: the rent product (read once per billing chunk by the caller)"""
        self.ensure_one()
        lease = self.lease_id
        env = self.with_context(lang=lease.partner_id.lang).env
        product = product or self.env.ref("property_billing.product_rent")
        units = ", ".join(lease.line_ids.unit_id.mapped("display_name"))
        # not inline in the call: Babel's extractor evaluates its arguments and fails on an
        # f-string, which drops every term of this file from the .pot
        period = lease._get_period_label(self.date_start, self.date_end)
        return {
            "product_id": product.id,
            "name": env._("Rent %(units)s, %(period)s", units=units, period=period),
            "quantity": 1.0,
            "price_unit": self.amount,
        }
