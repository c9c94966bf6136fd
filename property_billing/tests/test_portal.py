# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import HttpCase, tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestBillingPortal(BillingTestCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_portal_a.password = "tenant_a_pw"
        cls.user_portal_b.password = "tenant_b_pw"
        cls.lease_a = cls._activate_direct(cls._create_lease(units=cls.spare_units[0]))
        cls.lease_b = cls._activate_direct(
            cls._create_lease(units=cls.spare_units[1], partner=cls.tenant_b)
        )
        (cls.lease_a | cls.lease_b)._generate_invoices(date(2025, 1, 1))
        cls.invoice_a = cls.lease_a.invoice_ids
        cls.invoice_b = cls.lease_b.invoice_ids

    def test_tenant_sees_only_own_invoices(self):
        self.authenticate("tenant_a", "tenant_a_pw")
        response = self.url_open("/my/invoices")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.invoice_a.name, response.text)
        self.assertNotIn(self.invoice_b.name, response.text)
        own = self.url_open(f"/my/invoices/{self.invoice_a.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn(self.invoice_a.name, own.text)
        other = self.url_open(f"/my/invoices/{self.invoice_b.id}", allow_redirects=False)
        self.assertNotEqual(other.status_code, 200)
        self.assertNotIn(self.invoice_b.name, other.text)
        # payment link of B's invoice, without B's access token
        pay = self.url_open(
            f"/my/invoices/{self.invoice_b.id}?report_type=pdf", allow_redirects=False
        )
        self.assertNotEqual(pay.status_code, 200)

    def test_statement_is_own(self):
        self.authenticate("tenant_a", "tenant_a_pw")
        response = self.url_open("/my/property/statement")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.invoice_a.name, response.text)
        self.assertNotIn(self.invoice_b.name, response.text)
        # no way to ask for someone else's statement
        response = self.url_open(f"/my/property/statement?partner_id={self.tenant_b.id}")
        self.assertNotIn(self.invoice_b.name, response.text)

    def test_statement_needs_login(self):
        response = self.url_open("/my/property/statement", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
