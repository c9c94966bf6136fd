# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models

from .billing_run import billing_run


class PropertyLease(models.Model):
    _inherit = "property.lease"

    def _generate_invoices(self, date_ref=None):
        """The billing run is not audited: its writes are the run's own bookkeeping (next
        invoice dates, invoices), and logging them would slow every run down."""
        with billing_run():
            return super()._generate_invoices(date_ref=date_ref)
