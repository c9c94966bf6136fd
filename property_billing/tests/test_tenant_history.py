# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import Form

from .common import BillingTestCommon


class TestTenantHistory(BillingTestCommon):
    """A tenant's communication history and the labels a person reads on their invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_zh_CN").sudo().active = True
        cls.tenant_a.lang = "zh_CN"
        cls.lease = cls._activate_direct(
            cls._create_lease(units=cls.spare_units[0], rent_price=3680.0)
        )
        cls.lease.charge_ids = [(0, 0, {"name": False, "price": 100.0, "basis": "fixed"})]
        cls.lease.charge_ids.product_id.name = ""
        cls.invoice = cls.lease._generate_invoices(date(2025, 1, 1))

    def test_period_in_tenant_language(self):
        """No leading ", " on a line without a label; dates in the tenant's format."""
        label = self.lease._get_period_label(date(2025, 1, 1), date(2025, 1, 31))
        self.assertEqual(label, "2025年01月01日 - 2025年01月31日")
        names = self.invoice.invoice_line_ids.mapped("name")
        self.assertTrue(all(not name.startswith(", ") for name in names), names)
        self.assertTrue(any(label in name for name in names), names)
        self.assertFalse(any("2025-01-01" in name for name in names), names)

    def test_logged_call_closes_activity_and_shows_in_history(self):
        activity = self.invoice.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.user_accountant.id, summary="Call"
        )
        action = self.invoice.with_user(self.user_accountant).action_property_log_call()
        with Form(
            self.env[action["res_model"]]
            .with_user(self.user_accountant)
            .with_context(**action["context"]),
            view=action["views"][0][0],
        ) as log_form:
            log_form.result = "promise"
            log_form.promise_date = date(2025, 1, 20)
            log_form.note = "Pays on the 20th"
        log = log_form.record
        self.assertFalse(activity.exists(), "the call activity is done")
        self.assertIn(self.invoice.name, log.display_name)
        self.assertNotIn("property.dunning.log", log.display_name)

        domain = self.tenant_a._property_communication_domain()
        messages = self.env["mail.message"].search(domain)
        self.assertIn("Pays on the 20th", "".join(messages.mapped("body")))
        self.assertIn(
            self.invoice.id, messages.filtered(lambda m: m.model == "account.move").mapped("res_id")
        )

    def test_history_links_documents(self):
        """Every row of the history names its document, the creation message of a lease
        too, and opens it."""
        lease = (
            self.env["property.lease"]
            .with_context(tracking_disable=False)
            .create(
                {
                    "partner_id": self.tenant_a.id,
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 12, 31),
                    "rent_price": 1000.0,
                    "line_ids": [(0, 0, {"unit_id": self.spare_units[1].id})],
                }
            )
        )
        messages = self.env["mail.message"].search(
            [("model", "=", "property.lease"), ("res_id", "=", lease.id)]
        )
        self.assertTrue(messages, "Lease created")
        for message in messages.with_user(self.user_property):
            self.assertEqual(message.property_document_name, lease.display_name)
        action = messages[:1].with_user(self.user_property).action_open_property_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("property.lease", lease.id))
        self.assertIn(
            messages[0],
            self.env["mail.message"].search(self.tenant_a._property_communication_domain()),
        )
