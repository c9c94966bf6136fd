# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.property_billing.tests.common import BillingTestCommon

ID_NUMBER = "11010519491231002X"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@tagged("post_install", "-at_install")
class TestPropertyAuditlog(BillingTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease = cls._create_lease()
        cls.Log = cls.env["auditlog.log"]

    def _logs(self, record, method=None):
        domain = [("model_model", "=", record._name), ("res_id", "=", record.id)]
        if method:
            domain.append(("method", "=", method))
        return self.Log.search(domain)

    def _changes(self, record, method="write"):
        logs = self._logs(record, method)
        return {
            (line.field_id.name, line.old_value_text or "", line.new_value_text or "")
            for line in logs.line_ids
        }

    def test_rules_are_shipped_in_fast_mode(self):
        rules = self.env["auditlog.rule"].search([("property_field_ids", "!=", False)])
        self.assertEqual(
            set(rules.mapped("model_id.model")),
            {
                "property.lease",
                "res.partner",
                "property.tenant.document",
                "property.dunning.level",
                "property.deposit.settlement",
            },
        )
        self.assertEqual(set(rules.mapped("log_type")), {"fast"})
        self.assertEqual(set(rules.mapped("state")), {"subscribed"})

    def test_rent_change_is_logged_with_user_and_values(self):
        self.lease.with_user(self.user_property).write({"rent_price": 3500.0})
        log = self._logs(self.lease, "write")
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.user_property)
        self.assertEqual(self._changes(self.lease), {("rent_price", "3000.0", "3500.0")})

    def test_write_logged_after_an_automation_rule_is_saved(self):
        """Saving an automation rule removes every model's write/create patches
        (base_automation's _unregister_hook): the audit log must patch them again."""
        self.env["base.automation"].create(
            {
                "name": "Lease changed",
                "model_id": self.env.ref("property_tenant.model_property_lease").id,
                "trigger": "on_create_or_write",
            }
        )
        self.lease.with_user(self.user_property).write({"rent_price": 3600.0})
        self.assertEqual(len(self._logs(self.lease, "write")), 1)

    def test_other_fields_are_not_logged(self):
        self.lease.with_user(self.user_property).write({"note": "<p>window faces south</p>"})
        self.assertFalse(self._logs(self.lease, "write"))

    def test_id_number_change_is_logged(self):
        self.tenant_a.with_user(self.user_property).write(
            {"property_id_number": ID_NUMBER, "property_id_document_type": "prc_resident_id"}
        )
        self.assertIn(
            ("property_id_number", "", ID_NUMBER),
            self._changes(self.tenant_a),
        )

    def test_id_number_read_is_logged_without_the_number(self):
        self.tenant_a.property_id_number = ID_NUMBER
        self.tenant_a.with_user(self.user_property).read(["name", "property_id_number"])
        logs = self._logs(self.tenant_a, "read")
        self.assertEqual(logs.user_id, self.user_property)
        self.assertEqual(logs.line_ids.field_id.mapped("name"), ["property_id_number"])
        self.assertNotIn(ID_NUMBER, str(logs.line_ids.mapped("old_value_text")))
        # reading a partner's name only leaves no log
        self.tenant_b.with_user(self.user_property).read(["name", "phone"])
        self.assertFalse(self._logs(self.tenant_b, "read"))

    def test_contract_printed_with_id_number_is_logged(self):
        self.tenant_a.property_id_number = ID_NUMBER
        self.env["ir.actions.report"].with_user(self.user_property)._render_qweb_html(
            "property_tenant.report_lease_contract", self.lease.ids
        )
        logs = self._logs(self.tenant_a, "read")
        self.assertEqual(logs.user_id, self.user_property)
        self.assertIn("property_id_number", logs.line_ids.field_id.mapped("name"))

    def test_billing_run_is_not_logged(self):
        self._activate_direct(self.lease)
        before = self.Log.search_count([])
        moves = self.lease._generate_invoices(date(2025, 1, 1))
        self.assertTrue(moves)
        self.assertEqual(self.Log.search_count([]), before)

    def test_managers_search_the_log_others_cannot(self):
        self.lease.with_user(self.user_property).write({"deposit_amount": 7000.0})
        found = self.Log.with_user(self.user_manager).search(
            [("model_model", "=", "property.lease"), ("res_id", "=", self.lease.id)]
        )
        self.assertTrue(found)
        for user in (self.user_property, self.user_technician, self.user_portal_a):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.Log.with_user(user).search([])

    def test_id_scan_upload_is_logged_without_the_scan(self):
        document = self.env["property.tenant.document"].create({"partner_id": self.tenant_a.id})
        scan = base64.b64encode(PNG)
        document.with_user(self.user_manager).write({"scan_front": scan})
        lines = self._logs(document, "write").line_ids
        self.assertEqual(lines.field_id.mapped("name"), ["scan_front"])
        self.assertEqual(lines.new_value_text, "(file)")
        stored = " ".join(filter(None, lines.mapped("new_value") + lines.mapped("old_value")))
        self.assertNotIn(scan.decode()[:20], stored)


@tagged("post_install", "-at_install")
class TestIdScanOpeningLogged(BillingTestCommon, HttpCase):
    def test_id_scan_opening_is_logged(self):
        document = self.env["property.tenant.document"].create(
            {"partner_id": self.tenant_a.id, "scan_front": base64.b64encode(PNG)}
        )
        self.authenticate("prop_manager", "prop_manager")
        response = self.url_open(f"/web/content/property.tenant.document/{document.id}/scan_front")
        self.assertEqual(response.status_code, 200)
        logs = self.env["auditlog.log"].search(
            [
                ("model_model", "=", "property.tenant.document"),
                ("res_id", "=", document.id),
                ("method", "=", "read"),
            ]
        )
        self.assertEqual(logs.user_id, self.user_manager)
        self.assertIn("scan_front", logs.line_ids.field_id.mapped("name"))
