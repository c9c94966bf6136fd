# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestPortalPayment(BillingTestCommon, HttpCase):
    """ "Pay Now" on a lease invoice offers a way to pay: the wire transfer provider with the
    lease's payment reference, and in the test database Odoo's test provider."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.env["ir.module.module"]._get("payment_demo").state != "installed":
            raise AssertionError(
                "payment_demo is not installed in this database: ./dev test installs it "
                "(TEST_EXTRA_MODULES), the portal payment tour cannot run without it."
            )
        cls.user_portal_a.password = "tenant_a_pw"
        cls.demo_provider = cls.env.ref("payment.payment_provider_demo")
        cls.transfer_provider = cls.env.ref("payment.payment_provider_transfer")
        (cls.demo_provider | cls.transfer_provider).company_id = cls.company
        cls.lease = cls._create_lease(units=cls.spare_units[0])
        cls.lease.action_submit()
        cls.lease.action_approve()
        cls.lease.with_user(cls.user_property).action_mark_signed()
        cls.deposit = cls.lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit")

    def _invoice_page(self, move, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return self.url_open(f"/my/invoices/{move.id}?access_token={move.access_token}&{query}")

    def test_wire_transfer_is_offered_with_the_lease_reference(self):
        self.assertEqual(self.transfer_provider.state, "enabled", "shipped enabled")
        self.assertEqual(self.transfer_provider.code, "custom")
        self.authenticate("tenant_a", "tenant_a_pw")
        page = self._invoice_page(self.deposit)
        self.assertIn('data-provider-code="custom"', page.text)
        self.assertNotIn("No payment method available", page.text)
        # the transfer instructions quote the lease's own reference
        tx = self.env["payment.transaction"].create(
            {
                "provider_id": self.transfer_provider.id,
                "payment_method_id": self.transfer_provider.payment_method_ids[:1].id,
                "amount": self.deposit.amount_residual,
                "currency_id": self.deposit.currency_id.id,
                "partner_id": self.tenant_a.id,
                "invoice_ids": [(6, 0, self.deposit.ids)],
            }
        )
        self.assertEqual(tx._get_communication(), self.lease.name)
        self.assertEqual(self.lease._get_payment_reference(), self.lease.name)

    def test_invoice_is_not_titled_proforma(self):
        self.assertFalse(self.deposit.invoice_pdf_report_id, "billing generates no PDF")
        self.authenticate("tenant_a", "tenant_a_pw")
        html = self._invoice_page(self.deposit, report_type="html")
        self.assertEqual(html.status_code, 200)
        self.assertNotIn("PROFORMA", html.text)
        self.assertIn(self.deposit.name, html.text)
        self.assertIn("Invoice", html.text)
        pdf = self._invoice_page(self.deposit, report_type="pdf", download="true")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        self.assertNotIn("proforma", pdf.headers.get("Content-Disposition", ""))

    def test_tenant_pays_through_the_test_provider(self):
        self.start_tour(
            "/my/property/ledger", "property_billing_portal_pay", login="tenant_a", timeout=300
        )
        tx = self.deposit.transaction_ids
        self.assertEqual(len(tx), 1)
        self.assertEqual(tx.provider_id, self.demo_provider)
        self.assertEqual(tx.state, "done")
        self.assertTrue(tx.is_post_processed)
        self.assertTrue(tx.payment_id, "an account.payment is created")
        self.assertEqual(tx.payment_id.amount, 6000.0)
        self.assertIn(self.deposit.payment_state, ("paid", "in_payment"))
        self.assertTrue(self.deposit.currency_id.is_zero(self.deposit.amount_residual))
        self.assertIn(self.deposit, tx.payment_id.reconciled_invoice_ids, "reconciled")
        self.lease.invalidate_recordset()
        self.assertEqual(self.lease.deposit_balance, 6000.0)
