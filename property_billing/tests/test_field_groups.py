# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import BillingTestCommon


class TestBillingFieldGroups(BillingTestCommon):
    """Staff notes stay with the staff; a lease's money stays away from technicians."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease = cls._activate_direct(cls._create_lease())
        cls.lease._generate_invoices(date(2025, 1, 1))
        cls.invoice = cls.env["account.move"].search(
            [("property_lease_id", "=", cls.lease.id), ("property_invoice_kind", "=", "rent")],
            limit=1,
        )
        cls.invoice.write(
            {"property_late_fee_waived": True, "property_late_fee_waive_reason": "STAFF-ONLY-7731"}
        )

    def test_tenant_cannot_read_the_waiver_reason(self):
        invoice = self.invoice.with_user(self.user_portal_a)
        self.assertEqual(invoice.read(["name"])[0]["name"], self.invoice.name)
        self.assertNotIn("property_late_fee_waive_reason", invoice.fields_get())
        self.assertNotIn("property_dunning_log_ids", invoice.fields_get())
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            invoice.read(["property_late_fee_waive_reason"])
        # what the portal reads of an invoice does not carry it either
        fnames = ["name", "amount_total", "amount_residual", "payment_state", "narration"]
        self.assertNotIn("STAFF-ONLY-7731", str(invoice.read(fnames)))

    def test_accountant_reads_the_waiver_reason(self):
        values = self.invoice.with_user(self.user_accountant).read(
            ["property_late_fee_waive_reason"]
        )
        self.assertEqual(values[0]["property_late_fee_waive_reason"], "STAFF-ONLY-7731")

    def test_technician_reads_no_lease_balance(self):
        lease = self.lease.with_user(self.user_technician)
        for fname in ("amount_due", "amount_invoiced", "deposit_balance", "invoice_ids"):
            with self.assertRaises(AccessError, msg=fname), mute_logger("odoo.models"):
                lease.read([fname])
        Line = self.env["property.lease.schedule.line"].with_user(self.user_technician)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Line.search_read([("lease_id", "=", self.lease.id)], ["payment_state"])
        self.assertGreater(self.lease.with_user(self.user_property).amount_invoiced, 0)
