# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.tests import HttpCase, tagged

from .common import PropertyMaintenanceCommon


@tagged("post_install", "-at_install")
class TestRating(PropertyMaintenanceCommon, HttpCase):
    def _done_ticket(self, name):
        ticket = self._create_ticket(name=name)
        ticket.property_work_done = "<p>Fixed.</p>"
        ticket.with_user(ticket.user_id).action_property_start()
        ticket.with_user(ticket.user_id).action_property_done()
        return ticket

    def test_done_requests_a_rating_and_tenant_rates_by_link(self):
        ticket = self._done_ticket("Leak under sink")
        technician = ticket.user_id
        rating = ticket.rating_ids
        self.assertEqual(len(rating), 1, "rating request sent when done")
        self.assertEqual(rating.partner_id, self.tenant_a)
        self.assertEqual(rating.rated_partner_id, technician.partner_id)
        self.assertEqual(rating.parent_res_model, "property.ticket.category")
        self.assertEqual(rating.parent_res_id, self.cat_water.id)
        self.assertFalse(rating.consumed)
        messages = self.env["mail.message"].search(
            [("model", "=", ticket._name), ("res_id", "=", ticket.id)]
        )
        self.assertTrue(
            any(rating.access_token in (message.body or "") for message in messages),
            "the request carries the rating link",
        )

        # the ticket page offers the tenant the same links; not to anybody else
        self.authenticate("tenant_a", "tenant_a")
        self.assertIn(f"/rate/{rating.access_token}/5", self.url_open(ticket.access_url).text)
        token = ticket.sudo()._portal_ensure_token()
        self.authenticate(None, None)
        page = self.url_open(f"{ticket.access_url}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(rating.access_token, page.text)

        # the tenant clicks the "satisfied" smiley in the email, then submits the form
        page = self.url_open(f"/rate/{rating.access_token}/5")
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            f"/rate/{rating.access_token}/submit_feedback",
            data={"rate": 5, "feedback": "Quick and tidy", "csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 200)
        rating.invalidate_recordset()
        self.assertTrue(rating.consumed)
        self.assertEqual(rating.rating, 5)
        self.assertEqual(rating.feedback, "Quick and tidy")
        ticket.invalidate_recordset()
        self.assertEqual(ticket.rating_last_value, 5)

        # averages on the technician and the category
        second = self._done_ticket("Dripping shower")
        self.assertEqual(second.user_id, self.tech_2)
        third = self._done_ticket("Blocked drain")
        self.assertEqual(third.user_id, self.tech_3)
        self._done_ticket("Low pressure")  # back to the first technician
        fourth = ticket.search([("name", "=", "Low pressure")])
        fourth.rating_apply(1, token=fourth.rating_ids.access_token, feedback="Came late")
        self.env.invalidate_all()
        self.assertEqual(technician.property_rating_count, 2)
        self.assertEqual(technician.property_rating_avg, 3.0)
        self.assertEqual(self.cat_water.rating_count, 2)
        self.assertEqual(self.cat_water.rating_avg, 3.0)

    def test_no_tenant_no_rating_request(self):
        ticket = self._create_ticket(unit=self.unit_201, name="Corridor light")
        self.assertFalse(ticket.property_partner_id)
        ticket.property_work_done = "<p>Bulb replaced.</p>"
        ticket.with_user(ticket.user_id).action_property_start()
        ticket.with_user(ticket.user_id).action_property_done()
        self.assertFalse(ticket.rating_ids)
