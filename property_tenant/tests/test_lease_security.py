# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

import psycopg2
from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import SQL, mute_logger

from .common import PropertyTestCommon
from .test_portal import SIGNATURE

ID_NUMBER = "11010519491231002X"
REPORT = "property_tenant.report_lease_contract"


class TestContractReportIdentity(PropertyTestCommon):
    """The lease contract prints the tenant's ID number only for viewers who may read it,
    in every environment the report is rendered in (the portal renders it as superuser)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant_a.write(
            {"property_id_number": ID_NUMBER, "property_id_document_type": "prc_resident_id"}
        )
        cls.lease = cls._create_lease()

    def _html(self, user, sudo=False):
        Report = self.env["ir.actions.report"].with_user(user)
        if sudo:
            Report = Report.sudo()
        return Report._render_qweb_html(REPORT, self.lease.ids)[0].decode()

    def test_property_user_sees_the_id_number(self):
        self.assertIn(ID_NUMBER, self._html(self.user_property))
        self.assertIn(ID_NUMBER, self._html(self.user_manager, sudo=True))

    def test_tenant_and_token_holder_never_see_it(self):
        # the tenant's own contract through the portal (rendered as superuser)
        body = self._html(self.user_portal_a, sudo=True)
        self.assertIn(self.lease.name, body)
        self.assertNotIn(ID_NUMBER, body)
        # an anonymous visitor with the lease's token: the portal renders as superuser
        body = self._html(self.env.ref("base.public_user"), sudo=True)
        self.assertIn(self.lease.name, body)
        self.assertNotIn(ID_NUMBER, body)

    def test_technician_cannot_print_the_contract(self):
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self._html(self.user_technician)
        # nor through the portal route, which renders as superuser after its own check
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self._html(self.user_technician, sudo=True)

    def test_no_template_sudo(self):
        """No QWeb template of the property addons reads a field through sudo()."""
        views = self.env["ir.ui.view"].search(
            [("type", "=", "qweb"), ("key", "=like", "property_%")]
        )
        self.assertTrue(views)
        offenders = [view.key for view in views if ".sudo()" in (view.arch_db or "")]
        self.assertEqual(offenders, [])


class TestTechnicianLeaseAccess(PropertyTestCommon):
    """Technicians read a lease's unit and tenant contact, nothing financial."""

    MONEY = (
        "rent_price",
        "monthly_rent",
        "total_rent",
        "deposit_amount",
        "schedule_line_ids",
        "escalation_ids",
        "signature",
        "signed_contract",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tenant_a.phone = "+86 138 0013 8000"
        cls.lease = cls._make_active(cls._create_lease())

    def test_technician_reads_unit_and_tenant_contact(self):
        lease = self.lease.with_user(self.user_technician)
        values = lease.read(["name", "partner_id", "unit_ids", "state"])[0]
        self.assertEqual(values["unit_ids"], self.unit_101.ids)
        partner = self.tenant_a.with_user(self.user_technician).read(["name", "phone"])[0]
        self.assertEqual(partner["phone"], "+86 138 0013 8000")

    def test_technician_reads_no_money(self):
        Lease = self.env["property.lease"].with_user(self.user_technician)
        self.assertFalse(set(self.MONEY) & set(Lease.fields_get()))
        for fname in self.MONEY:
            with self.assertRaises(AccessError, msg=fname), mute_logger("odoo.models"):
                self.lease.with_user(self.user_technician).read([fname])
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Lease.search([("rent_price", ">", 0)])
        Line = self.env["property.lease.schedule.line"].with_user(self.user_technician)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            Line.search_read([("lease_id", "=", self.lease.id)], ["amount"])
        # the lease form opens for them, without the money
        arch = Lease.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertNotIn('name="rent_price"', arch)
        self.assertIn('name="partner_id"', arch)

    def test_leasing_officer_and_tenant_still_read_money(self):
        self.assertEqual(self.lease.with_user(self.user_property).rent_price, 3000.0)
        values = self.lease.with_user(self.user_portal_a).read(["rent_price", "deposit_amount"])
        self.assertEqual(values[0]["deposit_amount"], 6000.0)


class TestLeaseLineDatesTrigger(PropertyTestCommon):
    """The overlap constraint guards the lease's own dates, whoever writes them."""

    def _line(self, lease):
        self.env.cr.execute(
            SQL(
                "SELECT date_start, date_end, lease_state FROM property_lease_line "
                "WHERE lease_id = %s",
                lease.id,
            )
        )
        return self.env.cr.fetchone()

    def test_sql_update_of_lease_dates_reaches_lines(self):
        lease = self._make_active(self._create_lease())
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE property_lease SET date_end = %s WHERE id = %s", "2026-06-30", lease.id)
        )
        self.assertEqual(self._line(lease), (date(2025, 1, 1), date(2026, 6, 30), "active"))
        # a line given other dates than its lease's is refused (at commit; forced here)
        with (
            self.assertRaises(psycopg2.errors.IntegrityConstraintViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute("SET CONSTRAINTS property_lease_line_check_lease IMMEDIATE")
            self.env.cr.execute(
                SQL(
                    "UPDATE property_lease_line SET date_start = %s WHERE lease_id = %s",
                    "2000-01-01",
                    lease.id,
                )
            )
        self.assertEqual(self._line(lease), (date(2025, 1, 1), date(2026, 6, 30), "active"))

    def test_sql_update_cannot_create_an_overlap(self):
        first = self._make_active(self._create_lease())
        self._make_active(
            self._create_lease(date_start=date(2026, 1, 1), date_end=date(2026, 12, 31))
        )
        self.env.flush_all()
        with (
            self.assertRaises(psycopg2.errors.ExclusionViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                SQL(
                    "UPDATE property_lease SET date_end = %s WHERE id = %s",
                    "2026-03-31",
                    first.id,
                )
            )


class TestLeaseTokens(PropertyTestCommon):
    """Share links die with their purpose; signing links expire."""

    def test_token_voided_when_lease_closes(self):
        for state in ("ended", "terminated", "cancel"):
            lease = self._create_lease(units=self.unit_202)
            lease._portal_ensure_token()
            lease.state = state
            self.assertFalse(lease.access_token, state)
            lease.unlink() if state == "cancel" else lease.write({"state": "cancel"})

    def test_token_voided_when_tenant_archived(self):
        lease = self._make_active(self._create_lease())
        token = lease._portal_ensure_token()
        self.assertTrue(token)
        self.user_portal_a.action_archive()
        self.tenant_a.action_archive()
        self.assertFalse(lease.access_token)

    def test_signature_deadline(self):
        self.company.property_signature_link_days = 10
        lease = self._create_lease()
        lease.action_submit()
        lease.action_approve()
        today = fields.Date.context_today(lease)
        self.assertEqual(lease.signature_deadline, today + timedelta(days=10))
        self.assertFalse(lease._signature_link_expired())
        with freeze_time(today + timedelta(days=11)):
            self.assertTrue(lease._signature_link_expired())
        self.company.property_signature_link_days = 0
        other = self._create_lease(units=self.unit_202)
        other.action_submit()
        other.action_approve()
        self.assertFalse(other.signature_deadline)


@tagged("post_install", "-at_install")
class TestExpiredSigningLink(HttpCase, PropertyTestCommon):
    def test_expired_link_refuses_to_sign(self):
        lease = self._create_lease()
        lease.action_submit()
        lease.action_approve()
        lease.signature_deadline = fields.Date.context_today(lease) - timedelta(days=1)
        self.authenticate("tenant_a", "tenant_a")
        page = self.url_open(lease.get_portal_url())
        self.assertIn("o_lease_sign_expired", page.text)
        self.assertNotIn("o_lease_sign_button", page.text)
        result = self.make_jsonrpc_request(
            f"/my/leases/{lease.id}/sign", {"name": "Tenant A", "signature": SIGNATURE}
        )
        self.assertIn("expired", result.get("error", ""))
        lease.invalidate_recordset()
        self.assertEqual(lease.state, "signature")
        self.assertFalse(lease.signature)
