"""Portal writes: what a tenant can set through POST routes, CSRF, uploads, escaping."""

import base64
import json
from datetime import date, timedelta

from security_common import HTML_SCRIPT, PNG_1PX, SVG_SCRIPT, XSS, SecurityHttpCase

from odoo.tests.common import JsonRpcException

ESCAPED = "&lt;script&gt;"


class PortalWriteCase(SecurityHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.lease_a | cls.lease_b).sudo().write({"state": "active"})
        if cls.has_maintenance:
            cls.category = cls.env["property.ticket.category"].create(
                {"name": "SEC Plumbing", "portal_visible": True}
            )
        cls.env.flush_all()

    def setUp(self):
        super().setUp()
        if not self.has_maintenance:
            self.skipTest("property_maintenance not installed")
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")

    def tickets(self):
        return (
            self.env["maintenance.request"]
            .sudo()
            .search([("property_unit_id", "in", (self.unit_a1 | self.unit_a2).ids)])
        )

    def submit(self, files=None, csrf=True, **fields):
        data = {
            "name": "SEC dripping tap",
            "description": "It drips.",
            "unit_id": str(self.unit_a1.id),
            "category_id": str(self.category.id),
            **fields,
        }
        if csrf:
            data["csrf_token"] = self.csrf_token()
        return self.opener.post(
            self.base_url() + "/my/tickets/new",
            data=data,
            files=files,
            timeout=30,
            allow_redirects=False,
        )

    def csrf_token(self):
        page = self.url_open("/my/tickets/new")
        self.assertEqual(page.status_code, 200, "the ticket form opens")
        marker = 'name="csrf_token" value="'
        self.assertIn(marker, page.text, "the form carries a CSRF token")
        return page.text.split(marker, 1)[1].split('"', 1)[0]


class TestTicketSubmitWhitelist(PortalWriteCase):
    def test_submit_creates_own_ticket(self):
        before = self.tickets()
        response = self.submit()
        self.assertIn(response.status_code, (302, 303), response.text[:500])
        ticket = self.tickets() - before
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.property_partner_id, self.partner_a)

    def test_fields_outside_whitelist_ignored(self):
        before = self.tickets()
        other_team = self.env["maintenance.team"].create({"name": "SEC VIP team"})
        self.submit(
            property_partner_id=str(self.partner_b.id),
            partner_id=str(self.partner_b.id),
            property_state="done",
            stage_id="4",
            company_id=str(self.company_b.id),
            user_id=str(self.env.ref("base.user_admin").id),
            maintenance_team_id=str(other_team.id),
            priority="3",
            property_charge_amount="-999",
            property_lease_id=str(self.lease_b.id),
        )
        ticket = self.tickets() - before
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.property_partner_id, self.partner_a)
        self.assertEqual(ticket.company_id, self.company_a)
        self.assertIn(ticket.property_state, ("new", "assigned"))
        self.assertNotEqual(ticket.maintenance_team_id, other_team)
        self.assertNotEqual(ticket.property_lease_id, self.lease_b)
        self.assertNotEqual(ticket.user_id, self.env.ref("base.user_admin"))

    def test_unit_of_another_tenant_refused(self):
        before = self.tickets()
        response = self.submit(unit_id=str(self.unit_a2.id))
        self.assertEqual(response.status_code, 200, "the form comes back with an error")
        self.assertEqual(self.tickets(), before)
        response = self.submit(unit_id=str(self.unit_b1.id))
        self.assertEqual(self.tickets(), before)
        response = self.submit(unit_id="1 OR 1=1")
        self.assertEqual(self.tickets(), before)
        self.assertNotIn(self.lease_b.name, response.text)

    def test_csrf_required(self):
        before = self.tickets()
        response = self.submit(csrf=False)
        self.assertIn(response.status_code, (400, 403))
        response = self.submit(csrf=False, csrf_token="forged")
        self.assertIn(response.status_code, (400, 403))
        self.assertEqual(self.tickets(), before)

    def test_anonymous_cannot_submit(self):
        token = self.csrf_token()
        self.authenticate(None, None)
        before = self.tickets()
        self.opener.post(
            self.base_url() + "/my/tickets/new",
            data={"csrf_token": token, "name": "anon", "unit_id": str(self.unit_a1.id)},
            timeout=12,
        )
        self.assertEqual(self.tickets(), before)


class TestTicketUploads(PortalWriteCase):
    def test_photo_upload_accepted(self):
        before = self.tickets()
        self.submit(files=[("attachments", ("tap.png", PNG_1PX, "image/png"))])
        ticket = self.tickets() - before
        self.assertEqual(len(ticket), 1)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "maintenance.request"), ("res_id", "=", ticket.id)])
        )
        self.assertEqual(attachment.mapped("mimetype"), ["image/png"])

    def test_html_upload_refused(self):
        before = self.tickets()
        response = self.submit(files=[("attachments", ("x.png", HTML_SCRIPT, "image/png"))])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.tickets(), before, "an HTML page posing as a photo is refused")

    def test_oversized_upload_refused(self):
        before = self.tickets()
        big = PNG_1PX + b"\0" * (20 * 1024 * 1024 + 1)
        response = self.submit(files=[("attachments", ("big.png", big, "image/png"))])
        # 413 (Odoo renders it through the 418 fallback page when no template exists)
        self.assertIn(response.status_code, (200, 413, 418))
        self.assertEqual(self.tickets(), before)

    def test_too_many_files_refused(self):
        before = self.tickets()
        files = [("attachments", (f"p{i}.png", PNG_1PX, "image/png")) for i in range(6)]
        self.submit(files=files)
        self.assertEqual(self.tickets(), before)

    def test_svg_upload_refused(self):
        """SVG can carry scripts: the ticket form refuses it like any non-photo."""
        before = self.tickets()
        response = self.submit(files=[("attachments", ("x.svg", SVG_SCRIPT, "image/svg+xml"))])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.tickets(), before, "an SVG upload is refused")
        self.assertFalse(
            self.env["ir.attachment"].sudo().search_count([("name", "=", "x.svg")]),
            "nothing of the refused upload is stored",
        )


class TestEscaping(PortalWriteCase):
    def test_script_in_ticket_escaped_everywhere(self):
        before = self.tickets()
        self.submit(name=f"SEC {XSS}", description=f"desc {XSS}")
        ticket = self.tickets() - before
        self.assertEqual(len(ticket), 1)
        # backend: the HTML field holds escaped text, no live tag
        self.assertNotIn("<script>", ticket.description or "")
        self.assertIn(ESCAPED, ticket.description)
        for message in ticket.message_ids:
            self.assertNotIn("<script>", message.body or "")
        # portal page: the subject and description come back escaped
        page = self.url_open(ticket.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(XSS, page.text)
        self.assertIn(ESCAPED, page.text)
        listing = self.url_open("/my/tickets")
        self.assertNotIn(XSS, listing.text)

    def test_script_in_chatter_message_escaped(self):
        """Tenants discuss their tickets in the portal chatter: what they post is sanitized."""
        before = self.tickets()
        self.submit()
        ticket = self.tickets() - before
        count = len(ticket.message_ids)
        token = self.csrf_token()
        self.opener.post(
            self.base_url() + "/mail/message/post",
            json={
                "params": {
                    "thread_model": "maintenance.request",
                    "thread_id": ticket.id,
                    "post_data": {"body": f"hello {XSS}", "message_type": "comment"},
                    "csrf_token": token,
                }
            },
            timeout=12,
        )
        ticket.invalidate_recordset()
        self.assertEqual(len(ticket.message_ids), count + 1, "the tenant's message was posted")
        for body in ticket.message_ids.mapped("body"):
            self.assertNotIn("<script>", body or "")
        page = self.url_open(ticket.access_url)
        self.assertNotIn(XSS, page.text)

    def test_script_in_signature_name_escaped(self):
        self.lease_a.sudo().write({"state": "signature"})
        if "signature" not in self.lease_a._fields:
            self.skipTest("leases are not signed online")
        token = self.lease_a._portal_ensure_token()
        self.env.flush_all()
        self.opener.post(
            self.base_url() + f"/my/leases/{self.lease_a.id}/sign?access_token={token}",
            data=json.dumps(
                {
                    "params": {
                        "access_token": token,
                        "name": XSS,
                        "signature": base64.b64encode(PNG_1PX).decode(),
                    }
                }
            ),
            headers={"Content-Type": "application/json"},
            timeout=20,
        )
        self.env.invalidate_all()
        self.assertEqual(self.lease_a.signed_by, XSS, "the sign route stored the name")
        for body in self.lease_a.message_ids.mapped("body"):
            self.assertNotIn("<script>", body or "")
        page = self.url_open(f"/my/leases/{self.lease_a.id}")
        self.assertNotIn(XSS, page.text)


class TestPublicMethods(SecurityHttpCase):
    """A portal tenant calling model methods through JSON-RPC is refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease_a.sudo().write({"state": "deposit"})
        cls.env.flush_all()

    def call(self, model, method, ids, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": [ids, *args], "kwargs": kwargs},
        )

    def assert_refused(self, model, method, ids, *args, **kwargs):
        with self.assertRaises(JsonRpcException, msg=f"{model}.{method} allowed"):
            self.call(model, method, ids, *args, **kwargs)

    def test_lease_actions_refused(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        # the probe works: reading one's own lease is allowed
        self.assertEqual(
            self.call("property.lease", "read", [self.lease_a.id], ["name"])[0]["name"],
            self.lease_a.name,
        )
        for method in (
            "action_activate",
            "action_cancel",
            "action_submit",
            "action_approve",
            "action_compute_schedule",
            "action_bill_now",
            "_generate_invoices",
            "_update_schedule",
            "unlink",
        ):
            if hasattr(self.env["property.lease"], method) or method == "unlink":
                self.assert_refused("property.lease", method, [self.lease_a.id])
        self.assert_refused("property.lease", "write", [self.lease_a.id], {"rent_price": 1})
        self.assert_refused("property.lease", "copy", [self.lease_a.id])
        self.env.invalidate_all()
        self.assertEqual(self.lease_a.state, "deposit")
        self.assertEqual(self.lease_a.rent_price, 5000)

    def test_cron_and_billing_entry_points_refused(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        for method in ("_cron_generate_invoices", "_cron_lifecycle", "_cron_send_reminders"):
            self.assert_refused("property.lease", method, [])
        self.assert_refused("property.lease", "create", [], {"partner_id": self.partner_a.id})

    def test_invoice_and_ticket_actions_refused(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        if self.has_account and self.env["account.journal"].search_count(
            [("company_id", "=", self.company_a.id), ("type", "=", "sale")]
        ):
            invoice = self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.partner_a.id,
                    "invoice_line_ids": [(0, 0, {"name": "SEC rent", "price_unit": 100})],
                }
            )
            invoice.action_post()
            self.env.flush_all()
            # the probe works: the tenant reads their own posted invoice
            self.assertTrue(self.call("account.move", "read", [invoice.id], ["name"]))
            self.assert_refused("account.move", "button_draft", [invoice.id])
            self.assert_refused("account.move", "button_cancel", [invoice.id])
            self.assert_refused("account.move", "write", [invoice.id], {"amount_total": 1})
            self.assert_refused("account.move", "unlink", [invoice.id])
            self.env.invalidate_all()
            self.assertEqual(invoice.state, "posted")
        if self.has_maintenance:
            ticket = (
                self.env["maintenance.request"]
                .sudo()
                .create({"name": "SEC rpc", "property_partner_id": self.partner_a.id})
            )
            self.env.flush_all()
            self.assert_refused(
                "maintenance.request", "write", [ticket.id], {"property_state": "done"}
            )
            self.assert_refused("maintenance.request", "unlink", [ticket.id])

    def test_partner_sensitive_fields_refused(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        self.assert_refused("res.partner", "read", [self.partner_b.id], ["name"])
        self.assert_refused("res.partner", "read", [self.partner_a.id], ["property_id_number"])
        self.assert_refused(
            "res.partner", "write", [self.partner_a.id], {"property_id_number": "X"}
        )
        self.assert_refused("property.tenant.document", "search_read", [])

    def test_public_user_refused(self):
        self.authenticate(None, None)
        response = self.opener.post(
            self.base_url() + "/web/dataset/call_kw/property.lease/search_read",
            json={
                "params": {
                    "model": "property.lease",
                    "method": "search_read",
                    "args": [],
                    "kwargs": {},
                }
            },
            timeout=12,
        )
        self.assertNotIn(self.lease_a.name, response.text)
        self.assertIn("error", response.text)


class TestMeterReadingPortal(SecurityHttpCase):
    """POST /my/property/meters/<id>/reading: own meters only, index only, sane numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "property.meter" not in cls.env:
            return
        (cls.lease_a | cls.lease_b).write({"state": "active"})
        tariff = cls.env["property.utility.tariff"].create(
            {"name": "SEC water", "meter_type": "water", "price": 5}
        )
        Meter = cls.env["property.meter"]
        cls.meter_a = Meter.create(
            {
                "name": "SEC-M-A",
                "unit_id": cls.unit_a1.id,
                "tariff_id": tariff.id,
                "portal_entry": True,
            }
        )
        cls.meter_b = Meter.create(
            {
                "name": "SEC-M-B",
                "unit_id": cls.unit_a2.id,
                "tariff_id": tariff.id,
                "portal_entry": True,
            }
        )
        cls.env["property.meter.reading"].create(
            [
                {"meter_id": cls.meter_a.id, "value": 100, "date": date(2026, 1, 1)},
                {"meter_id": cls.meter_b.id, "value": 100, "date": date(2026, 1, 1)},
            ]
        )
        cls.env.flush_all()

    def setUp(self):
        super().setUp()
        if "property.meter" not in self.env:
            self.skipTest("no meters in this build")
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")

    def readings(self, meter):
        return self.env["property.meter.reading"].sudo().search([("meter_id", "=", meter.id)])

    def post(self, meter, csrf=True, **data):
        if csrf:
            page = self.url_open("/my/property/meters")
            self.assertEqual(page.status_code, 200)
            data["csrf_token"] = page.text.split('name="csrf_token" value="', 1)[1].split('"')[0]
        return self.opener.post(
            self.base_url() + f"/my/property/meters/{meter.id}/reading",
            data=data,
            timeout=20,
            allow_redirects=False,
        )

    def test_reading_on_own_meter(self):
        before = self.readings(self.meter_a)
        self.post(
            self.meter_a,
            value="120",
            source="staff",
            state="validated",
            amount="-1000",
            date="2020-01-01",
            meter_id=str(self.meter_b.id),
            lease_id=str(self.lease_b.id),
        )
        new = self.readings(self.meter_a) - before
        self.assertEqual(len(new), 1, "the tenant's reading is recorded")
        self.assertEqual(new.value, 120)
        self.assertEqual(new.source, "portal")
        self.assertNotEqual(new.date, date(2020, 1, 1))
        self.assertGreaterEqual(new.amount, 0)
        self.assertEqual(self.readings(self.meter_b), self.readings(self.meter_b)[:1])

    def test_reading_on_other_tenant_meter_refused(self):
        before = self.readings(self.meter_b)
        response = self.post(self.meter_b, value="150")
        self.assertIn(response.status_code, (403, 404))
        self.assertEqual(self.readings(self.meter_b), before)
        self.assertNotIn("SEC-M-B", self.url_open("/my/property/meters").text)

    def test_reading_backwards_refused(self):
        before = self.readings(self.meter_a)
        self.post(self.meter_a, value="50")
        self.assertEqual(self.readings(self.meter_a), before)

    def test_reading_not_a_number_refused(self):
        before = self.readings(self.meter_a)
        for value in ("nan", "NaN", "inf", "-inf", "1e400", "abc", ""):
            self.post(self.meter_a, value=value)
        self.assertEqual(self.readings(self.meter_a), before, "a non-finite index was recorded")

    def test_reading_needs_csrf(self):
        before = self.readings(self.meter_a)
        response = self.post(self.meter_a, csrf=False, value="130")
        self.assertIn(response.status_code, (400, 403))
        self.assertEqual(self.readings(self.meter_a), before)


class TestLeaseApplicationPortal(SecurityHttpCase):
    """POST /my/leases/apply: a vetting lease for the applicant, terms from the unit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_a3.write({"list_rent": 3300})
        cls.lease_a.write({"state": "active"})  # unit A1 is let
        cls.unit_b_vacant = cls.env["property.unit"].create(
            {"code": "SECB-909", "building_id": cls.building_b.id, "area": 90, "list_rent": 9090}
        )
        cls.env.flush_all()

    def setUp(self):
        super().setUp()
        page_probe = self.url_open("/my/leases/apply", allow_redirects=False)
        if page_probe.status_code == 404:
            self.skipTest("no lease application form in this build")
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")

    def apply(self, csrf=True, **data):
        if csrf:
            page = self.url_open("/my/leases/apply")
            self.assertEqual(page.status_code, 200)
            data["csrf_token"] = page.text.split('name="csrf_token" value="', 1)[1].split('"')[0]
        return self.opener.post(
            self.base_url() + "/my/leases/apply", data=data, timeout=20, allow_redirects=False
        )

    def leases(self):
        return (
            self.env["property.lease"].sudo().search([("line_ids.unit_id", "=", self.unit_a3.id)])
        )

    def test_application_whitelist(self):
        before = self.leases()
        start = (date.today() + timedelta(days=30)).isoformat()
        self.apply(
            unit_id=str(self.unit_a3.id),
            date_start=start,
            duration="12",
            note=f"hello {XSS}",
            rent_price="1",
            deposit_amount="0",
            state="active",
            partner_id=str(self.partner_b.id),
            company_id=str(self.company_b.id),
            user_id=str(self.users["manager"].id),
        )
        lease = self.leases() - before
        self.assertEqual(len(lease), 1, "the application was recorded")
        self.assertEqual(lease.partner_id, self.partner_a)
        self.assertEqual(lease.state, "vetting")
        self.assertEqual(lease.rent_price, 3300)
        self.assertEqual(lease.deposit_amount, 6600)
        self.assertEqual(lease.company_id, self.company_a)
        for body in lease.message_ids.mapped("body"):
            self.assertNotIn("<script>", body or "")

    def test_application_refusals(self):
        before = self.leases()
        start = (date.today() + timedelta(days=30)).isoformat()
        self.apply(unit_id=str(self.unit_a1.id), date_start=start, duration="12")
        self.apply(unit_id=str(self.unit_a3.id), date_start="2001-01-01", duration="12")
        self.apply(unit_id=str(self.unit_a3.id), date_start=start, duration="1200")
        self.apply(unit_id=str(self.unit_a3.id), date_start="garbage", duration="12")
        self.assertEqual(self.leases(), before)
        response = self.apply(
            csrf=False, unit_id=str(self.unit_a3.id), date_start=start, duration="12"
        )
        self.assertIn(response.status_code, (400, 403))
        self.assertEqual(self.leases(), before)

    def test_application_offers_only_the_tenants_company_units(self):
        """A tenant of company A never sees (nor applies for) company B's vacant units."""
        page = self.url_open("/my/leases/apply")
        self.assertEqual(page.status_code, 200)
        self.assertIn("SECA-103", page.text)
        self.assertNotIn("SECB-909", page.text)
        start = (date.today() + timedelta(days=30)).isoformat()
        self.apply(unit_id=str(self.unit_b_vacant.id), date_start=start, duration="12")
        self.assertFalse(
            self.env["property.lease"]
            .sudo()
            .search([("line_ids.unit_id", "=", self.unit_b_vacant.id)])
        )
