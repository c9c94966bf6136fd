# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import http
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

    def test_invoice_list_keeps_followed_invoices(self):
        """The indexed id term of the portal invoice list keeps what either portal rule
        grants: lease invoices of the tenant and other invoices the tenant follows."""
        other = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                # billed to someone else, followed by tenant A: account's follower rule
                "partner_id": self.env["res.partner"].create({"name": "Guarantor"}).id,
                "invoice_line_ids": [(0, 0, {"name": "Key copy", "price_unit": 50.0})],
            }
        )
        other.action_post()
        other.message_subscribe(self.tenant_a.ids)
        self.authenticate("tenant_a", "tenant_a_pw")
        response = self.url_open("/my/invoices")
        self.assertIn(self.invoice_a.name, response.text)
        self.assertIn(other.name, response.text)
        self.assertNotIn(self.invoice_b.name, response.text)
        self.authenticate("tenant_b", "tenant_b_pw")
        response = self.url_open("/my/invoices")
        self.assertIn(self.invoice_b.name, response.text)
        self.assertNotIn(other.name, response.text)
        self.assertNotIn(self.invoice_a.name, response.text)

    def test_statement_is_own(self):
        self.authenticate("tenant_a", "tenant_a_pw")
        response = self.url_open("/my/property/statement")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.invoice_a.name, response.text)
        self.assertNotIn(self.invoice_b.name, response.text)
        # no way to ask for someone else's statement
        response = self.url_open(f"/my/property/statement?partner_id={self.tenant_b.id}")
        self.assertNotIn(self.invoice_b.name, response.text)

    def test_ledger_page_shows_own_figures(self):
        """The statement page: per lease what is due and overdue, payments and deposit, with
        totals equal to the lease totals; tenant B sees none of it."""
        deposit = self.lease_a.with_company(self.company)._create_deposit_invoices()
        self._pay(deposit)
        payment = self._pay(self.invoice_a, amount=1000.0)
        self.lease_a.invalidate_recordset()
        # rent 3,000 + deposit 6,000 invoiced, 7,000 paid, 2,000 due and overdue
        self.assertEqual(
            (
                self.lease_a.amount_invoiced,
                self.lease_a.amount_paid,
                self.lease_a.amount_due,
                self.lease_a.amount_overdue,
                self.lease_a.deposit_balance,
            ),
            (9000.0, 7000.0, 2000.0, 2000.0, 6000.0),
        )
        token = self.invoice_a.access_token  # set when billed, not by a portal visit
        self.authenticate("tenant_a", "tenant_a_pw")
        home = self.url_open("/my/home")
        self.assertIn("/my/property/ledger", home.text)
        page = self.url_open("/my/property/ledger")
        self.assertEqual(page.status_code, 200)
        for text in (
            self.lease_a.name,
            self.invoice_a.name,
            f"/my/invoices/{self.invoice_a.id}",  # the invoice page and its Pay Now button
            "portal_pay",
            payment.move_id.name,
            deposit.name,
            "9,000.00",
            "7,000.00",
            "2,000.00",
            "6,000.00",
            "1,000.00",
            "/my/property/statement",  # the PDF
        ):
            self.assertIn(text, page.text)
        days_overdue = (date.today() - self.invoice_a.invoice_date_due).days
        self.assertIn(f">{days_overdue}<", page.text)
        self.assertNotIn(self.lease_b.name, page.text)
        self.assertNotIn(self.invoice_b.name, page.text)
        # the paid deposit is not an open invoice: no Pay Now link to it
        self.assertNotIn(f"/my/invoices/{deposit.id}", page.text)
        # a GET writes nothing: the links need no new access token
        self.invoice_a.invalidate_recordset(["access_token"])
        self.assertEqual(self.invoice_a.access_token, token)

        self.authenticate("tenant_b", "tenant_b_pw")
        page = self.url_open(f"/my/property/ledger?partner_id={self.tenant_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.invoice_b.name, page.text)
        for text in (
            self.lease_a.name,
            self.invoice_a.name,
            payment.move_id.name,
            deposit.name,
            "7,000.00",
            "6,000.00",
        ):
            self.assertNotIn(text, page.text)

    def test_statement_pdf_still_downloads(self):
        self.authenticate("tenant_a", "tenant_a_pw")
        response = self.url_open("/my/property/ledger?report_type=pdf")
        self.assertEqual(response.status_code, 200)
        self.assertIn("statement.pdf", response.headers["Content-Disposition"])
        self.assertIn(self.invoice_a.name, response.text)

    def test_ledger_needs_login(self):
        response = self.url_open("/my/property/ledger", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))

    def test_statement_needs_login(self):
        response = self.url_open("/my/property/statement", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))

    def test_meter_reading_entry(self):
        tariff = self.env["property.utility.tariff"].create(
            {"name": "Water", "meter_type": "water", "price": 4.0}
        )
        meter_a, meter_b = self.env["property.meter"].create(
            [
                {
                    "name": "WA",
                    "unit_id": self.spare_units[0].id,
                    "tariff_id": tariff.id,
                    "portal_entry": True,
                },
                {
                    "name": "WB",
                    "unit_id": self.spare_units[1].id,
                    "tariff_id": tariff.id,
                    "portal_entry": True,
                },
            ]
        )
        self.authenticate("tenant_a", "tenant_a_pw")
        page = self.url_open("/my/property/meters")
        self.assertIn("WA", page.text)
        self.assertNotIn("WB", page.text)
        token = http.Request.csrf_token(self)
        response = self.url_open(
            f"/my/property/meters/{meter_a.id}/reading", data={"value": "12.5", "csrf_token": token}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(meter_a.reading_ids.value, 12.5)
        self.assertEqual(meter_a.reading_ids.source, "portal")
        response = self.url_open(
            f"/my/property/meters/{meter_b.id}/reading", data={"value": "99", "csrf_token": token}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(meter_b.reading_ids)
        for value in ("nan", "inf", "1e400", "-5", "abc"):
            self.url_open(
                f"/my/property/meters/{meter_a.id}/reading",
                data={"value": value, "csrf_token": token},
            )
        self.assertEqual(len(meter_a.reading_ids), 1, "no non-finite or negative index")
        # no CSRF token, no reading
        response = self.url_open(f"/my/property/meters/{meter_a.id}/reading", data={"value": "13"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(len(meter_a.reading_ids), 1)
