# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.http import Request
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PropertyTestCommon

# 1x1 transparent PNG
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@tagged("post_install", "-at_install")
class TestLeasePortal(HttpCase, PropertyTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease_a = cls._create_lease()
        cls.lease_a.action_submit()
        cls.lease_a.action_approve()
        cls.lease_b = cls._create_lease(units=cls.unit_102, partner=cls.tenant_b)
        cls._make_active(cls.lease_b)
        cls.draft_a = cls._create_lease(
            units=cls.unit_201, date_start=date(2026, 1, 1), date_end=date(2026, 12, 31)
        )
        cls.lease_a._portal_ensure_token()
        cls.lease_b._portal_ensure_token()

    def test_lease_list_shows_own_leases_only(self):
        self.authenticate("tenant_a", "tenant_a")
        response = self.url_open("/my/leases")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.lease_a.name, response.text)
        self.assertNotIn(self.lease_b.name, response.text)
        self.assertNotIn(self.draft_a.name, response.text, "drafts are internal")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["lease_count"]})
        self.assertEqual(counters["lease_count"], 1)

    def test_other_tenant_lease_by_id_or_wrong_token(self):
        self.authenticate("tenant_a", "tenant_a")
        self.assertEqual(self.url_open(f"/my/leases/{self.lease_a.id}").status_code, 200)
        with mute_logger("odoo.http"):
            for url in (
                f"/my/leases/{self.lease_b.id}",
                f"/my/leases/{self.lease_b.id}?access_token=wrong-token",
                f"/my/leases/{self.lease_b.id}?access_token={self.lease_a.access_token}",
                f"/my/leases/{self.lease_b.id}?report_type=pdf&download=true",
                f"/my/leases/{self.draft_a.id + 1000}",
            ):
                with self.subTest(url=url):
                    response = self.url_open(url)
                    self.assertEqual(response.status_code, 404)
                    self.assertNotIn(self.tenant_b.name, response.text)

    def test_contract_pdf_download(self):
        self.authenticate("tenant_a", "tenant_a")
        response = self.url_open(f"/my/leases/{self.lease_a.id}?report_type=pdf&download=true")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))

    def test_token_access_and_public_redirect(self):
        response = self.url_open(
            f"/my/leases/{self.lease_a.id}?access_token={self.lease_a.access_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.lease_a.name, response.text)
        response = self.url_open(f"/my/leases/{self.lease_a.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_sign_own_lease_only(self):
        self.authenticate("tenant_a", "tenant_a")
        result = self.make_jsonrpc_request(
            f"/my/leases/{self.lease_b.id}/sign", {"name": "Tenant A", "signature": SIGNATURE}
        )
        self.assertIn("error", result)
        self.assertFalse(self.lease_b.signature)
        result = self.make_jsonrpc_request(
            f"/my/leases/{self.lease_a.id}/sign", {"name": "Tenant A", "signature": ""}
        )
        self.assertIn("error", result)
        result = self.make_jsonrpc_request(
            f"/my/leases/{self.lease_a.id}/sign", {"name": "Tenant A", "signature": SIGNATURE}
        )
        self.assertTrue(result.get("force_refresh"))
        self.lease_a.invalidate_recordset()
        self.assertEqual(self.lease_a.state, "deposit")
        self.assertEqual(self.lease_a.signed_by, "Tenant A")
        self.assertTrue(self.lease_a.signature)
        result = self.make_jsonrpc_request(
            f"/my/leases/{self.lease_a.id}/sign", {"name": "Tenant A", "signature": SIGNATURE}
        )
        self.assertIn("error", result, "cannot sign twice")

    def test_identity_scans_not_downloadable_by_tenants(self):
        document = self.env["property.tenant.document"].create(
            {
                "partner_id": self.tenant_a.id,
                "scan_front": base64.b64encode(b"\x89PNG\r\n\x1a\n secret scan"),
            }
        )
        self.authenticate("tenant_a", "tenant_a")
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/web/content/property.tenant.document/{document.id}/scan_front"
            )
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("secret scan", response.text)

    def test_application_form(self):
        self.unit_102.under_maintenance = True
        self.authenticate("tenant_b", "tenant_b")
        response = self.url_open("/my/leases/apply")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f'<option value="{self.unit_202.id}"', response.text)
        self.assertNotIn(f'<option value="{self.unit_102.id}"', response.text, "only vacant units")
        count = self.env["property.lease"].search_count([])
        start = date.today().replace(day=1) + relativedelta(months=2)
        response = self.url_open(
            "/my/leases/apply",
            data={
                "csrf_token": Request.csrf_token(self),
                "unit_id": self.unit_102.id,
                "date_start": start.isoformat(),
                "duration": "12",
            },
        )
        self.assertIn("choose one of the vacant units", response.text)
        self.assertEqual(self.env["property.lease"].search_count([]), count)
        response = self.url_open(
            "/my/leases/apply",
            data={
                "csrf_token": Request.csrf_token(self),
                "unit_id": self.unit_202.id,
                "date_start": start.isoformat(),
                "duration": "12",
                "note": "<b>two</b> occupants",
                "rent_price": "1",
                "partner_id": self.tenant_a.id,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("your application has been sent", response.text)
        lease = self.env["property.lease"].search([("line_ids.unit_id", "=", self.unit_202.id)])
        self.assertEqual(lease.partner_id, self.tenant_b, "whitelisted inputs only")
        self.assertEqual(lease.rent_price, self.unit_202.list_rent)
        self.assertEqual(lease.state, "vetting")
        self.assertEqual(lease.date_end, start + relativedelta(years=1, days=-1))
        self.assertTrue(lease.activity_ids, "the vetting manager is notified")
        bodies = "".join(lease.message_ids.mapped("body"))
        self.assertIn("&lt;b&gt;two&lt;/b&gt;", bodies, "the applicant's text is escaped")
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/my/leases/apply",
                data={
                    "unit_id": self.unit_201.id,
                    "date_start": start.isoformat(),
                    "duration": "12",
                },
            )
        self.assertEqual(response.status_code, 400, "CSRF token required")

    def test_lease_attachments_of_other_tenant(self):
        self.lease_b.write({"signed_contract": base64.b64encode(b"B signed paper")})
        self.lease_a.write({"signed_contract": base64.b64encode(b"A signed paper")})
        self.authenticate("tenant_a", "tenant_a")
        own = self.url_open(f"/web/content/property.lease/{self.lease_a.id}/signed_contract")
        self.assertEqual(own.status_code, 200)
        self.assertEqual(own.content, b"A signed paper")
        with mute_logger("odoo.http"):
            other = self.url_open(f"/web/content/property.lease/{self.lease_b.id}/signed_contract")
        self.assertIn(other.status_code, (403, 404))
        self.assertNotIn(b"B signed paper", other.content)

    def test_portal_apply_tour(self):
        self.start_tour("/my/leases", "property_lease_portal_apply", login="tenant_a")
        lease = self.env["property.lease"].search([("line_ids.unit_id", "=", self.unit_202.id)])
        self.assertEqual(len(lease), 1)
        self.assertEqual(lease.partner_id, self.tenant_a)
        self.assertEqual(lease.state, "vetting")
        start = date.today().replace(day=1) + relativedelta(months=2)
        self.assertEqual(lease.date_start, start)
        self.assertEqual(lease.date_end, start + relativedelta(months=24, days=-1))
        self.assertEqual(lease.rent_price, self.unit_202.list_rent)
        self.assertIn("Two occupants", "".join(lease.message_ids.mapped("body")))

    def test_portal_signature_tour(self):
        self.lease_a.name = "LEASE-TOUR-1"
        self.start_tour("/my/leases", "property_lease_portal_sign", login="tenant_a")
        self.assertEqual(self.lease_a.state, "deposit")
        self.assertEqual(self.lease_a.signed_by, "Tenant A")
