# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _get_communication(self):
        """Wire transfer instructions of a lease invoice quote the lease's own payment
        reference, the one the tenant uses on every transfer for that lease."""
        self.ensure_one()
        lease = self.invoice_ids[:1].property_lease_id
        if lease:
            return lease.sudo()._get_payment_reference()
        return super()._get_communication()
