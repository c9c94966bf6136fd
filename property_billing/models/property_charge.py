# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class PropertyCharge(models.Model):
    """A one-off amount owed by the tenant, picked up by the lease's next rent invoice
    (repair charge-back, key replacement...)."""

    _name = "property.charge"
    _description = "Pending Tenant Charge"
    _order = "date desc, id desc"
    _check_company_auto = True

    lease_id = fields.Many2one(
        "property.lease", required=True, ondelete="restrict", index=True, check_company=True
    )
    # the parent's company; the current company on a new record, so that the
    # company-checked choices of an empty "New" form find records
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="lease_id.currency_id")
    partner_id = fields.Many2one(related="lease_id.partner_id", store=True)
    name = fields.Char(string="Description", required=True)
    product_id = fields.Many2one("product.product", check_company=True)
    amount = fields.Monetary(required=True, currency_field="currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    move_id = fields.Many2one(
        "account.move", string="Invoice", readonly=True, copy=False, index=True
    )
    late_fee_source_id = fields.Many2one(
        "account.move",
        string="Late Fee On",
        readonly=True,
        index="btree_not_null",
        help="The overdue invoice this late fee is charged on.",
    )
    state = fields.Selection(
        [("pending", "Pending"), ("invoiced", "Invoiced")],
        compute="_compute_state",
        store=True,
    )

    @api.depends("lease_id.company_id")
    def _compute_company_id(self):
        for charge in self:
            charge.company_id = charge.lease_id.company_id or self.env.company

    @api.depends("move_id")
    def _compute_state(self):
        for charge in self:
            charge.state = "invoiced" if charge.move_id else "pending"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        if self.filtered("move_id"):
            raise UserError(self.env._("An invoiced charge cannot be deleted."))

    def _get_product(self):
        self.ensure_one()
        return self.product_id or self.env.ref("property_billing.product_other_charge")

    def _action_invoice_separately(self, kind="charge"):
        """Invoice pending charges now, one invoice per lease."""
        Move = (
            self.env["account.move"]
            .sudo()
            .with_context(
                tracking_disable=True, mail_create_nolog=True, property_billing_batch=True
            )
        )
        moves = Move
        today = fields.Date.context_today(self)
        for lease, charges in self.filtered(lambda c: not c.move_id).grouped("lease_id").items():
            journal = lease.company_id._property_get_rent_journal()
            move = Move.with_company(lease.company_id).create(
                {
                    "move_type": "out_invoice",
                    "partner_id": lease.partner_id.id,
                    "journal_id": journal.id,
                    "currency_id": lease.currency_id.id,
                    "invoice_date": today,
                    "invoice_origin": lease.name,
                    "property_lease_id": lease.id,
                    "property_invoice_kind": kind,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": charge._get_product().id,
                                "name": charge.name,
                                "quantity": 1.0,
                                "price_unit": charge.amount,
                                "property_charge_id": charge.id,
                            }
                        )
                        for charge in charges
                    ],
                }
            )
            move.action_post()
            charges.move_id = move
            moves |= move
        return moves
