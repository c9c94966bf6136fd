# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.property_billing.tests.common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestDepositTicket(BillingTestCommon):
    def _sign(self, lease):
        lease.action_submit()
        lease.action_approve()
        lease.with_user(self.user_property).action_mark_signed()
        return lease

    def test_deduction_linked_to_repair_ticket(self):
        lease = self._sign(self._create_lease(units=self.spare_units[6]))
        self._pay(lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit"))
        self._pay(lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "rent"))
        ticket = self.env["maintenance.request"].create({"name": "Broken door lock"})
        wizard = (
            self.env["property.deposit.settlement"]
            .with_context(active_model="property.lease", active_id=lease.id)
            .create(
                {
                    "line_ids": [
                        Command.create(
                            {
                                "kind": "damage",
                                "name": "Door lock",
                                "amount": 300.0,
                                "ticket_id": ticket.id,
                            }
                        )
                    ],
                    "amount_refund": 0.0,
                }
            )
        )
        wizard.action_confirm()
        settlement = lease.invoice_ids.filtered(
            lambda m: m.property_invoice_kind == "settlement" and m.move_type == "out_invoice"
        )
        self.assertIn("Broken door lock", settlement.invoice_line_ids.name)
        lease.invalidate_recordset()
        self.assertEqual(lease.deposit_balance, 5700.0, "the rest stays held")
