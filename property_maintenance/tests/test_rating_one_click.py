# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import PropertyMaintenanceCommon


@tagged("post_install", "-at_install")
class TestRatingOneClick(PropertyMaintenanceCommon, HttpCase):
    """The face the tenant clicks is the rating; a link scanner's GET stores nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._create_ticket(name="Leak under sink")
        cls.ticket.property_work_done = "<p>Fixed.</p>"
        cls.ticket.with_user(cls.ticket.user_id).action_property_start()
        cls.ticket.with_user(cls.ticket.user_id).action_property_done()
        cls.rating = cls.ticket.rating_ids
        cls.token = cls.rating.access_token

    def _page(self, rate):
        page = self.url_open(f"/rate/{self.token}/{rate}")
        self.assertEqual(page.status_code, 200)
        return page, re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text).group(1)

    def test_bare_get_stores_nothing(self):
        page, _csrf = self._page(5)
        self.assertIn("data-property-one-click", page.text, "the page posts the face itself")
        self.assertIn('id="rate_5" value="5" checked', page.text)
        self.rating.invalidate_recordset()
        self.assertFalse(self.rating.consumed)
        self.assertFalse(self.rating.rating)
        self.assertFalse(self.ticket.rating_last_value)

    def test_face_posted_without_feedback_is_the_rating(self):
        _page, csrf = self._page(3)
        # what the page sends on its own: the face and an empty comment
        response = self.url_open(
            f"/rate/{self.token}/submit_feedback",
            data={"rate": 3, "feedback": "", "csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 200)
        self.rating.invalidate_recordset()
        self.assertTrue(self.rating.consumed)
        self.assertEqual(self.rating.rating, 3)
        self.assertFalse(self.rating.feedback)
        # the comment added later keeps the face and lands on the same chatter message
        messages = self.ticket.message_ids.filtered("rating_id")
        _page, csrf = self._page(3)
        self.url_open(
            f"/rate/{self.token}/submit_feedback",
            data={"rate": 3, "feedback": "Quick, but came late", "csrf_token": csrf},
        )
        self.rating.invalidate_recordset()
        self.assertEqual(self.rating.feedback, "Quick, but came late")
        self.assertEqual(self.ticket.message_ids.filtered("rating_id"), messages)
        # and reopening the link shows the comment, so the page's own post keeps it
        page, _csrf = self._page(3)
        self.assertIn("Quick, but came late</textarea>", page.text)

    @mute_logger("odoo.http")
    def test_post_without_csrf_is_refused(self):
        response = self.url_open(f"/rate/{self.token}/submit_feedback", data={"rate": 5})
        self.assertEqual(response.status_code, 400)
        self.rating.invalidate_recordset()
        self.assertFalse(self.rating.consumed)

    def test_tour_tenant_rates_with_one_click(self):
        self.start_tour(self.ticket.access_url, "property_ticket_rating_tour", login="tenant_a")
        self.rating.invalidate_recordset()
        self.assertTrue(self.rating.consumed)
        self.assertEqual(self.rating.rating, 5)
        self.assertFalse(self.rating.feedback)
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.rating_last_value, 5)
