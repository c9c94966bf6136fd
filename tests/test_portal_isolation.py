"""Portal isolation over HTTP: tenant A never gets a byte of tenant B's data.

Each detail route is tried as tenant A on B's record: without a token, with a wrong or empty
token, and with B's valid token of another record; then with the right token (it works)."""

import ast
import base64
import inspect
import pathlib
from unittest.mock import patch

from security_common import PNG_1PX, SecurityCase, SecurityHttpCase
from suite_common import ADDONS

from odoo.addons.base.models.ir_actions_report import IrActionsReport

REPO = pathlib.Path(__file__).resolve().parent.parent
DENIED = (303, 302, 403, 404)


class PortalIsolationCase(SecurityHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # portal pages list leases past the draft stage
        (cls.lease_a | cls.lease_b | cls.lease_c).sudo().write({"state": "active"})
        cls.lease_a_token = cls.lease_a._portal_ensure_token()
        cls.lease_b_token = cls.lease_b._portal_ensure_token()
        cls.lease_c_token = cls.lease_c._portal_ensure_token()
        cls.secret_b = "SECRET-BRAVO-" + "7f3a9c"
        cls.attachment_b = env["ir.attachment"].create(
            {
                "name": "bravo-contract.txt",
                "raw": cls.secret_b.encode(),
                "res_model": "property.lease",
                "res_id": cls.lease_b.id,
                "mimetype": "text/plain",
            }
        )
        cls.attachment_b2 = env["ir.attachment"].create(
            {
                "name": "bravo-other.txt",
                "raw": (cls.secret_b + "-2").encode(),
                "res_model": "property.lease",
                "res_id": cls.lease_b.id,
                "mimetype": "text/plain",
            }
        )
        cls.attachment_b_token = cls.attachment_b.sudo().generate_access_token()[0]
        cls.ticket_a = cls.ticket_b = None
        if cls.has_maintenance:
            Ticket = env["maintenance.request"].sudo()
            cls.ticket_a = Ticket.create(
                {
                    "name": "SEC tap drips Alpha",
                    "property_partner_id": cls.partner_a.id,
                    "property_unit_id": cls.unit_a1.id,
                }
            )
            cls.ticket_b = Ticket.create(
                {
                    "name": "SEC broken lock Bravo",
                    "property_partner_id": cls.partner_b.id,
                    "property_unit_id": cls.unit_a2.id,
                }
            )
            cls.ticket_b_token = cls.ticket_b._portal_ensure_token()
        cls.invoice_b = None
        if cls.has_billing and env["account.journal"].search_count(
            [("company_id", "=", cls.company_a.id), ("type", "=", "sale")]
        ):
            cls.invoice_b = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.partner_b.id,
                    "ref": "SEC-BRAVO-INVOICE-REF",
                    "invoice_line_ids": [
                        (0, 0, {"name": "SEC Bravo rent", "quantity": 1, "price_unit": 6000})
                    ],
                }
            )
            cls.invoice_b.action_post()
            cls.invoice_b_token = cls.invoice_b._portal_ensure_token()
        env.flush_all()

    def bravo_secrets(self):
        return [self.lease_b.name, self.partner_b.name, self.secret_b]

    def assert_denied(self, url, *secrets):
        response = self.url_open(url, allow_redirects=False)
        self.assertIn(response.status_code, DENIED, f"{url} answered {response.status_code}")
        if response.status_code in (302, 303):
            location = response.headers.get("Location", "")
            self.assertNotIn(url.split("?")[0], location.split("redirect=")[0], url)
        self.assert_no_leak(response, *(secrets or self.bravo_secrets()))
        return response


class TestPortalLeases(PortalIsolationCase):
    def test_own_lease_readable(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        response = self.url_open(f"/my/leases/{self.lease_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.lease_a.name, response.text)

    def test_list_shows_only_own_leases(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        response = self.url_open("/my/leases")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.lease_a.name, response.text)
        self.assert_no_leak(response, self.lease_b.name, self.lease_c.name)

    def test_other_tenant_lease_denied(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        self.assert_denied(f"/my/leases/{self.lease_b.id}")
        self.assert_denied(f"/my/leases/{self.lease_b.id}?report_type=pdf")
        self.assert_denied(f"/my/leases/{self.lease_b.id}?report_type=html")

    def test_wrong_and_empty_token_denied(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        self.assert_denied(f"/my/leases/{self.lease_b.id}?access_token=wrong")
        self.assert_denied(f"/my/leases/{self.lease_b.id}?access_token=")
        self.assert_denied(f"/my/leases/{self.lease_b.id}?access_token={self.lease_b_token[:-1]}")
        # anonymous visitor too
        self.authenticate(None, None)
        self.assert_denied(f"/my/leases/{self.lease_b.id}?access_token=wrong")
        self.assert_denied(f"/my/leases/{self.lease_b.id}")

    def test_token_of_another_record_denied(self):
        """B's valid token opens B's lease only, not C's (tokens are per record)."""
        self.authenticate(None, None)
        self.assert_denied(
            f"/my/leases/{self.lease_c.id}?access_token={self.lease_b_token}",
            self.lease_c.name,
            self.partner_c.name,
        )
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        self.assert_denied(
            f"/my/leases/{self.lease_c.id}?access_token={self.lease_a_token}",
            self.lease_c.name,
            self.partner_c.name,
        )

    def test_sign_other_tenant_lease_refused(self):
        """Signing B's lease: without token, with a wrong one or with A's own lease token."""
        if "signed_by" not in self.lease_b._fields:
            self.skipTest("leases are not signed online")
        self.lease_b.sudo().write({"state": "signature"})
        self.env.flush_all()
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        for token in (None, "", "wrong", self.lease_a_token, self.lease_b_token[:-1]):
            query = f"?access_token={token}" if token is not None else ""
            response = self.opener.post(
                self.base_url() + f"/my/leases/{self.lease_b.id}/sign{query}",
                json={
                    "params": {
                        "access_token": token,
                        "name": "Mallory",
                        "signature": base64.b64encode(PNG_1PX).decode(),
                    }
                },
                timeout=20,
            )
            self.assertIn("error", response.text)
            self.assertNotIn(self.lease_b.name, response.text)
        self.lease_b.invalidate_recordset()
        self.assertEqual(self.lease_b.state, "signature")
        self.assertFalse(self.lease_b.signed_by)

    def test_oversized_signature_refused(self):
        """The owner's own signing route refuses a payload far larger than a drawn signature."""
        if "signed_by" not in self.lease_a._fields:
            self.skipTest("leases are not signed online")
        self.lease_a.sudo().write({"state": "signature"})
        self.env.flush_all()
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        response = self.opener.post(
            self.base_url() + f"/my/leases/{self.lease_a.id}/sign",
            json={
                "params": {
                    "access_token": self.lease_a_token,
                    "name": "Tenant A",
                    "signature": base64.b64encode(PNG_1PX + b"\0" * (2 * 1024 * 1024)).decode(),
                }
            },
            timeout=60,
        )
        self.assertIn("error", response.text)
        self.lease_a.invalidate_recordset()
        self.assertEqual(self.lease_a.state, "signature")
        self.assertFalse(self.lease_a.signed_by)

    def test_right_token_works(self):
        self.authenticate(None, None)
        response = self.url_open(f"/my/leases/{self.lease_b.id}?access_token={self.lease_b_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.lease_b.name, response.text)

    def test_anonymous_redirected_to_login(self):
        self.authenticate(None, None)
        response = self.url_open("/my/leases", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        self.assert_no_leak(response, self.lease_a.name, self.lease_b.name)


class TestPortalTickets(PortalIsolationCase):
    def setUp(self):
        super().setUp()
        if not self.has_maintenance:
            self.skipTest("property_maintenance not installed")

    def test_own_ticket_readable(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        response = self.url_open(f"/my/tickets/{self.ticket_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.ticket_a.name, response.text)

    def test_ticket_list_only_own(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        response = self.url_open("/my/tickets")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.ticket_a.name, response.text)
        self.assert_no_leak(response, self.ticket_b.name)

    def test_other_tenant_ticket_denied(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        self.assert_denied(f"/my/tickets/{self.ticket_b.id}", self.ticket_b.name)
        self.assert_denied(f"/my/tickets/{self.ticket_b.id}?access_token=wrong", self.ticket_b.name)
        self.assert_denied(f"/my/tickets/{self.ticket_b.id}?access_token=", self.ticket_b.name)
        self.assert_denied(
            f"/my/tickets/{self.ticket_b.id}?access_token={self.lease_b_token}", self.ticket_b.name
        )

    def test_cannot_post_on_other_tenant_ticket(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        count = len(self.ticket_b.message_ids)
        page = self.url_open(f"/my/tickets/{self.ticket_a.id}")
        token = page.text.split('csrf_token: "', 1)[-1].split('"', 1)[0]
        for thread_id in (self.ticket_b.id, self.ticket_a.id):
            self.opener.post(
                self.base_url() + "/mail/message/post",
                json={
                    "params": {
                        "thread_model": "maintenance.request",
                        "thread_id": thread_id,
                        "post_data": {"body": "SEC intrusion", "message_type": "comment"},
                        "csrf_token": token,
                    }
                },
                timeout=12,
            )
        self.ticket_b.invalidate_recordset()
        self.assertEqual(len(self.ticket_b.message_ids), count)
        self.assertIn("SEC intrusion", "".join(self.ticket_a.message_ids.mapped("body")))

    def test_ticket_right_token_works(self):
        self.authenticate(None, None)
        response = self.url_open(
            f"/my/tickets/{self.ticket_b.id}?access_token={self.ticket_b_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.ticket_b.name, response.text)


class TestPortalInvoicesAndStatement(PortalIsolationCase):
    def test_other_tenant_invoice_denied(self):
        if not self.invoice_b:
            self.skipTest("no billing or no sales journal")
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        secrets = (self.invoice_b.name, "SEC-BRAVO-INVOICE-REF", self.partner_b.name)
        self.assert_denied(f"/my/invoices/{self.invoice_b.id}", *secrets)
        self.assert_denied(f"/my/invoices/{self.invoice_b.id}?report_type=pdf", *secrets)
        self.assert_denied(f"/my/invoices/{self.invoice_b.id}?access_token=wrong", *secrets)
        response = self.url_open("/my/invoices")
        self.assert_no_leak(response, *secrets)

    def test_invoice_right_token_works(self):
        if not self.invoice_b:
            self.skipTest("no billing or no sales journal")
        self.authenticate(None, None)
        response = self.url_open(
            f"/my/invoices/{self.invoice_b.id}?access_token={self.invoice_b_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.invoice_b.name, response.text)

    def test_statement_is_always_the_callers_own(self):
        """The statement PDF renders the logged-in tenant's partner, whatever the query says."""
        if not self.has_billing:
            self.skipTest("property_billing not installed")
        rendered = []
        original = IrActionsReport._render_qweb_pdf

        def spy(report, report_ref, res_ids=None, data=None):
            rendered.append((report_ref, list(res_ids or [])))
            return original(report, report_ref, res_ids=res_ids, data=data)

        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        with patch.object(IrActionsReport, "_render_qweb_pdf", spy):
            response = self.url_open(
                f"/my/property/statement?partner_id={self.partner_b.id}"
                f"&res_id={self.partner_b.id}&ids={self.partner_b.id}"
            )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(rendered, "the statement was not rendered")
        for _report, ids in rendered:
            self.assertEqual(ids, [self.partner_a.commercial_partner_id.id])
        self.assert_no_leak(response, self.partner_b.name, self.lease_b.name)

    def test_statement_needs_login(self):
        if not self.has_billing:
            self.skipTest("property_billing not installed")
        self.authenticate(None, None)
        response = self.url_open("/my/property/statement", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])


class TestPortalAttachments(PortalIsolationCase):
    def test_attachment_by_id_denied(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        for url in (
            f"/web/content/{self.attachment_b.id}",
            f"/web/content/{self.attachment_b.id}?download=true",
            f"/web/content/ir.attachment/{self.attachment_b.id}/datas",
            f"/web/content/{self.attachment_b.id}?access_token=wrong",
            f"/web/content/{self.attachment_b.id}?access_token=",
            f"/web/content/{self.attachment_b2.id}?access_token={self.attachment_b_token}",
            f"/web/content/{self.attachment_b2.id}?access_token={self.lease_b_token}",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (403, 404), url)
            self.assert_no_leak(response, self.secret_b)
        # /web/image answers a placeholder picture instead of an error: still no data
        response = self.url_open(f"/web/image/{self.attachment_b.id}")
        self.assert_no_leak(response, self.secret_b)
        self.assertTrue(response.headers["Content-Type"].startswith("image/"))

    def test_attachment_right_token_works(self):
        self.authenticate(None, None)
        response = self.url_open(
            f"/web/content/{self.attachment_b.id}?access_token={self.attachment_b_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.text, self.secret_b)

    def test_record_chatter_of_other_tenant_denied(self):
        """The portal chatter endpoints check the record too."""
        self.lease_b.message_post(
            body=f"{self.secret_b} chatter", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.env.flush_all()

        def messages():
            return self.opener.post(
                self.base_url() + "/mail/thread/messages",
                json={"params": {"thread_model": "property.lease", "thread_id": self.lease_b.id}},
                timeout=12,
            ).text

        self.authenticate("sec_tenant_b", "sec_tenant_b_pw")
        self.assertIn(self.secret_b, messages(), "B reads their own chatter (the probe works)")
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        body = messages()
        self.assertNotIn(self.secret_b, body)
        self.assertNotIn(self.lease_b.name, body)


def _route_functions():
    """(addon, function node, source) for every http.route in our controllers."""
    for addon in ADDONS:
        for path in sorted((REPO / addon / "controllers").glob("*.py")):
            source = path.read_text()
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.FunctionDef) and any(
                    "route" in ast.unparse(dec) for dec in node.decorator_list
                ):
                    yield f"{addon}/{path.name}", node, ast.get_source_segment(source, node)


class TestPortalTokenHandling(SecurityCase):
    """Tokens are checked by core portal's _document_check_access (ORM access, then
    consteq on the record's token), never compared by hand."""

    def test_routes_with_tokens_use_document_check_access(self):
        offenders = []
        checked = 0
        for where, node, source in _route_functions():
            args = {a.arg for a in node.args.args + node.args.kwonlyargs}
            if "access_token" in args or "access_token" in source:
                checked += 1
                if "_document_check_access" not in source:
                    offenders.append(f"{where}:{node.name}")
        self.assertTrue(checked, "no token route found: the scan is broken")
        self.assertEqual(offenders, [], "token routes that skip _document_check_access")

    def test_no_token_compared_with_equality(self):
        offenders = []
        for addon in ADDONS:
            for path in sorted((REPO / addon).rglob("*.py")):
                if "/tests/" in str(path):
                    continue
                for node in ast.walk(ast.parse(path.read_text())):
                    if isinstance(node, ast.Compare) and any(
                        isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops
                    ):
                        text = ast.unparse(node)
                        if "token" in text.lower():
                            offenders.append(f"{path.relative_to(REPO)}:{node.lineno}: {text}")
        self.assertEqual(offenders, [], "use odoo.tools.consteq for tokens")

    def test_document_check_access_uses_consteq(self):
        from odoo.addons.portal.controllers.portal import CustomerPortal

        source = inspect.getsource(CustomerPortal._document_check_access)
        self.assertIn("consteq", source)
        self.assertIn("check_access", source)
