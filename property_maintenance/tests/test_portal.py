# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PropertyMaintenanceCommon

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\xdac\xfc\xff\x9f\xa1\x1e\x00\x07\x82\x02\x7f"
    b"=\xc8H\xef\x00\x00\x00\x00IEND\xaeB`\x82"
)


@tagged("post_install", "-at_install")
class TestPortal(PropertyMaintenanceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_b = cls._create_ticket(unit=cls.unit_102, name="Leak at B")

    def _csrf(self):
        page = self.url_open("/my/tickets/new")
        return re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text).group(1)

    def test_tour_submission_with_photo(self):
        self.start_tour("/my/tickets", "property_ticket_portal_tour", login="tenant_a")
        ticket = self.env["maintenance.request"].search(
            [("name", "=", "Kitchen sink leaking"), ("property_partner_id", "=", self.tenant_a.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.property_partner_id, self.tenant_a)
        self.assertEqual(ticket.property_unit_id, self.unit_101)
        self.assertEqual(ticket.property_lease_id, self.lease_a)
        self.assertEqual(ticket.property_category_id, self.cat_water)
        self.assertEqual(ticket.priority, "2")
        self.assertIn(ticket.user_id, self.team_plumbing.member_ids, "dispatched")
        self.assertEqual(ticket.property_photo_before_ids.mapped("name"), ["leak.png"])
        self.assertEqual(ticket.property_photo_before_ids.mimetype, "image/png")
        message = ticket.message_ids.filtered("attachment_ids")
        self.assertEqual(message.author_id, self.tenant_a)
        self.assertIn(self.tenant_a, ticket.message_partner_ids)

    def test_list_shows_only_own_tickets(self):
        ticket_a = self._create_ticket(name="Leak at A")
        self.authenticate("tenant_a", "tenant_a")
        page = self.url_open("/my/tickets")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Leak at A", page.text)
        self.assertNotIn("Leak at B", page.text)
        detail = self.url_open(ticket_a.access_url)
        self.assertEqual(detail.status_code, 200)
        self.assertIn("Leak at A", detail.text)

    def test_list_links_need_no_access_token(self):
        """The logged-in tenant's list links to the ticket page without a share token:
        get_portal_url() would write a token on every listed ticket (an ORM write each,
        with tracking) the first time they are listed."""
        ticket_a = self._create_ticket(name="Leak at A")
        self.assertFalse(ticket_a.access_token)
        self.authenticate("tenant_a", "tenant_a")
        page = self.url_open("/my/tickets")
        self.assertIn(f'href="/my/tickets/{ticket_a.id}"', page.text)
        ticket_a.invalidate_recordset(["access_token"])
        self.assertFalse(ticket_a.access_token, "listing the tickets wrote an access token")

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_other_tenant_ticket_is_not_found(self):
        self.authenticate("tenant_a", "tenant_a")
        url = f"/my/tickets/{self.ticket_b.id}"
        self.assertEqual(self.url_open(url).status_code, 404)
        self.assertEqual(self.url_open(f"{url}?access_token=wrong-token").status_code, 404)
        self.assertEqual(self.url_open("/my/tickets/999999").status_code, 404)
        # a genuine share link opens it
        token = self.ticket_b.sudo()._portal_ensure_token()
        self.authenticate(None, None)
        self.assertEqual(self.url_open(f"{url}?access_token={token}").status_code, 200)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_other_tenant_cannot_comment_or_attach(self):
        self.authenticate("tenant_a", "tenant_a")
        messages_before = self.ticket_b.message_ids
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/mail/message/post",
                {
                    "thread_model": "maintenance.request",
                    "thread_id": self.ticket_b.id,
                    "post_data": {"body": "Spam", "message_type": "comment"},
                },
            )
        self.assertEqual(self.ticket_b.message_ids, messages_before)
        response = self.url_open(
            "/mail/attachment/upload",
            data={
                "thread_model": "maintenance.request",
                "thread_id": self.ticket_b.id,
                "csrf_token": self._csrf(),
            },
            files={"ufile": ("evil.png", PNG, "image/png")},
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "maintenance.request"), ("res_id", "=", self.ticket_b.id)]
            )
        )
        # on their own ticket the same calls work
        ticket_a = self._create_ticket(name="Leak at A")
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "maintenance.request",
                "thread_id": ticket_a.id,
                "post_data": {"body": "Still dripping", "message_type": "comment"},
            },
        )
        self.assertIn("Still dripping", ticket_a.message_ids[0].body)

    def test_submission_refuses_foreign_unit_and_bad_files(self):
        self.authenticate("tenant_a", "tenant_a")
        count = self.env["maintenance.request"].search_count([])
        base = {
            "category_id": self.cat_water.id,
            "name": "Sneaky",
            "csrf_token": self._csrf(),
        }
        response = self.url_open("/my/tickets/new", data={**base, "unit_id": self.unit_102.id})
        self.assertIn("o_property_ticket_error", response.text)
        response = self.url_open(
            "/my/tickets/new",
            data={**base, "unit_id": self.unit_101.id},
            files={"attachments": ("script.png", b"#!/bin/sh\necho owned\n", "image/png")},
        )
        self.assertIn("o_property_ticket_error", response.text)
        self.assertEqual(self.env["maintenance.request"].search_count([]), count)
        # and without a CSRF token nothing is posted at all
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/my/tickets/new",
                data={"category_id": self.cat_water.id, "unit_id": self.unit_101.id, "name": "x"},
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.env["maintenance.request"].search_count([]), count)
