# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.property_maintenance.models.maintenance_request import TICKET_STAFF_GROUPS


class MaintenanceRequest(models.Model):
    """Charge-back: the cost of a done ticket owed by the tenant at fault, as a pending
    ``property.charge`` on the lease's next rent invoice, or a separate customer invoice
    when the ticket has no lease."""

    _inherit = "maintenance.request"

    property_chargeable = fields.Boolean(
        string="Charge to Tenant",
        copy=False,
        tracking=True,
        help="The tenant is at fault: the cost is charged on their next invoice, or "
        "invoiced separately.",
    )
    property_charge_amount = fields.Monetary(
        string="Amount to Charge",
        compute="_compute_property_charge_amount",
        store=True,
        readonly=False,
        copy=False,
        # the ticket's cost until charged: staff and accountants, not the tenant
        groups=f"{TICKET_STAFF_GROUPS},account.group_account_invoice",
    )
    property_charge_ref = fields.Reference(
        selection=[("account.move", "Invoice"), ("property.charge", "Pending Charge")],
        string="Charge",
        readonly=True,
        copy=False,
        groups="account.group_account_invoice",
    )
    property_charge_move_id = fields.Many2one(
        "account.move",
        string="Charge Invoice",
        readonly=True,
        copy=False,
        groups="account.group_account_invoice",
    )
    property_is_charged = fields.Boolean(string="Charged", readonly=True, copy=False)
    property_charge_label = fields.Char(
        string="Charged As",
        compute="_compute_property_charge_label",
        compute_sudo=True,
        help="The invoice or pending charge the cost went to (readable without accounting rights).",
    )

    # ------------------------------------------------------------------
    # compute
    # ------------------------------------------------------------------
    @api.depends("property_cost_total")
    def _compute_property_charge_amount(self):
        for ticket in self:
            if not ticket.property_is_charged:
                ticket.property_charge_amount = ticket.property_cost_total

    @api.depends("property_charge_ref")
    def _compute_property_charge_label(self):
        for ticket in self:
            ref = ticket.property_charge_ref
            if not ref:
                ticket.property_charge_label = False
            elif ref._name == "account.move":
                ticket.property_charge_label = ref.name
            else:
                ticket.property_charge_label = self.env._(
                    "%(amount)s on the next rent invoice of %(lease)s",
                    amount=ticket.currency_id.format(ticket.property_charge_amount),
                    lease=ticket.property_lease_id.name,
                )

    # ------------------------------------------------------------------
    # charge-back
    # ------------------------------------------------------------------
    def action_property_charge_tenant(self):
        self._property_check_manager(self.env._("Only property managers can charge a tenant."))
        self._property_check_state(("done",))
        self.write({"property_chargeable": True})
        self._property_charge_back()
        return True

    def _property_on_done(self):
        self.filtered("property_chargeable")._property_charge_back()
        return super()._property_on_done()

    def _property_charge_back(self):
        """Turn the cost of done, chargeable tickets into money owed by the tenant: a
        pending ``property.charge`` picked up by the next rent invoice when the ticket
        has a lease, else a separate customer invoice."""
        moves = self.env["account.move"].sudo()
        for ticket in self.sudo():
            if ticket.property_is_charged or not ticket.property_chargeable:
                continue
            if not ticket.property_partner_id:
                raise UserError(
                    self.env._("Ticket %(name)s has no tenant to charge.", name=ticket.name)
                )
            if ticket.currency_id.is_zero(ticket.property_charge_amount):
                raise UserError(
                    self.env._("Ticket %(name)s has no amount to charge.", name=ticket.name)
                )
            label = self.env._(
                "Repair charge: %(ticket)s (%(where)s)",
                ticket=ticket.name,
                where=ticket._property_location_text() or "-",
            )
            if ticket.property_lease_id:
                charge = ticket.env["property.charge"].create(
                    ticket._prepare_property_charge_vals(label)
                )
                ticket.write({"property_is_charged": True, "property_charge_ref": charge})
            else:
                move = (
                    ticket.env["account.move"]
                    .with_company(ticket.company_id)
                    .create(ticket._prepare_property_charge_invoice_vals(label))
                )
                move.action_post()
                moves |= move
                ticket.write(
                    {
                        "property_is_charged": True,
                        "property_charge_move_id": move.id,
                        "property_charge_ref": move,
                    }
                )
            ticket.message_post(
                body=self.env._(
                    "Charged to the tenant: %(amount)s",
                    amount=ticket.currency_id.format(ticket.property_charge_amount),
                ),
            )
        return moves

    def _prepare_property_charge_vals(self, label):
        self.ensure_one()
        return {
            "lease_id": self.property_lease_id.id,
            "name": label,
            "amount": self.property_charge_amount,
            "date": fields.Date.context_today(self),
        }

    def _prepare_property_charge_invoice_vals(self, label):
        self.ensure_one()
        vals = {
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "partner_id": self.property_partner_id.id,
            "invoice_origin": self.name,
            "property_invoice_kind": "charge",
            "invoice_line_ids": [
                Command.create(
                    {"name": label, "quantity": 1.0, "price_unit": self.property_charge_amount}
                )
            ],
        }
        if self.property_lease_id:
            vals["property_lease_id"] = self.property_lease_id.id
        return vals
