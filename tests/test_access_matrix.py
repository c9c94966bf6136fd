"""Access matrix: which role may read/write/create/unlink each model of the four addons.

The table below is the specification. A model our addons define that is not in the table fails
``test_every_model_is_classified``: whoever adds a model decides here who may touch it."""

import base64

from security_common import PNG_1PX, ROLES, SecurityCase
from suite_common import ADDONS

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

OPS = ("read", "write", "create", "unlink")
# one string per role, in ROLES order (public, portal, technician, user, manager, accountant);
# letters r/w/c/u grant read/write/create/unlink, "-" grants nothing
N = "-"
R = "r"
RWC = "rwc"
ALL = "rwcu"
READ_STAFF = (N, N, R, R, ALL, N)  # portfolio: staff read, managers configure
LEASE_LIKE = (N, N, R, RWC, ALL, N)  # leasing officers edit, only managers delete

MATRIX = {
    # property_tenant
    "property.building": READ_STAFF,
    "property.floor": READ_STAFF,
    "property.unit": READ_STAFF,
    "property.unit.type": READ_STAFF,
    "property.unit.tag": READ_STAFF,
    "property.lease.type": READ_STAFF,
    "property.tenant.category": READ_STAFF,
    "property.lease": (N, R, R, RWC, ALL, N),
    "property.lease.line": (N, R, R, RWC, ALL, N),
    "property.lease.schedule.line": (N, R, R, RWC, ALL, N),
    "property.lease.escalation": LEASE_LIKE,
    "property.lease.rent.free": LEASE_LIKE,
    "property.tenant.emergency.contact": (N, N, R, ALL, ALL, N),
    # ID scans: Property Managers only
    "property.tenant.document": (N, N, N, N, ALL, N),
    "property.lease.key": (N, N, R, ALL, ALL, N),
    "property.lease.terminate.wizard": (N, N, N, N, ALL, N),
    "property.notice.wizard": (N, N, N, ALL, ALL, N),
    # notices: staff send them, the portal reads those addressed to the tenant (record rules)
    "property.notice": (N, R, N, RWC, ALL, N),
    "property.notice.receipt": (N, R, N, "rc", ALL, N),
    # contract templates: leasing officers print them, managers write them
    "property.contract.template": (N, N, N, R, ALL, N),
    # property_billing
    "property.charge": (N, N, "rc", RWC, ALL, ALL),  # technicians charge back repairs
    "property.lease.charge": (N, N, R, ALL, ALL, ALL),
    "property.lease.turnover": (N, N, N, RWC, ALL, RWC),
    "property.dunning.level": (N, N, N, R, ALL, R),
    "property.dunning.log": (N, N, N, RWC, ALL, RWC),
    "property.deposit.settlement": (N, N, N, N, ALL, ALL),
    "property.deposit.settlement.line": (N, N, N, N, ALL, ALL),
    "property.late.fee.waive": (N, N, N, N, ALL, ALL),
    "property.meter": (N, N, R, RWC, ALL, R),
    "property.meter.reading": (N, N, "rc", RWC, ALL, "rw"),  # technicians read meters on site
    # master minus sub-meters: staff compute and validate it, finance reads it
    "property.common.consumption": (N, N, N, RWC, ALL, R),
    "property.common.consumption.wizard": (N, N, N, ALL, ALL, N),
    "property.meter.reading.round": (N, N, N, ALL, ALL, N),  # the phone reading round
    "property.utility.tariff": (N, N, N, R, ALL, R),
    "property.utility.tariff.tier": (N, N, N, R, ALL, R),
    # billing runs: invoicing users (and Property Managers) prepare, approve and run them
    "property.billing.run": (N, N, N, N, ALL, ALL),
    "property.billing.run.line": (N, N, N, N, ALL, ALL),
    # shared cost pools: managers configure them, leasing staff and finance read them; an
    # allocation preview is its author's (record rule)
    "property.cost.pool": (N, N, N, R, ALL, R),
    "property.cost.pool.share": (N, N, N, R, ALL, R),
    "property.cost.pool.preview": (N, N, N, N, ALL, ALL),
    "property.cost.pool.preview.line": (N, N, N, N, ALL, ALL),
    "property.cost.pool.preview.cost": (N, N, N, N, ALL, ALL),
    # shared cost reconciliations: finance runs them, leasing officers read them, a tenant
    # reads the issued statements of their own leases (record rule)
    "property.cost.reconciliation": (N, N, N, R, ALL, ALL),
    "property.cost.reconciliation.line": (N, R, N, R, ALL, ALL),
    "property.cost.reconciliation.cost": (N, N, N, R, ALL, ALL),
    # property_maintenance
    "property.ticket.category": (N, R, R, R, ALL, N),  # the portal form lists categories
    # Property User implies Technician (one access ladder on the user form): what field staff
    # may do on a ticket they can reach, a leasing officer may do too
    "property.ticket.material": (N, N, ALL, ALL, ALL, N),
    "property.ticket.sla": (N, N, R, R, ALL, N),
    "property.ticket.cancel.wizard": (N, N, RWC, RWC, RWC, N),
    # property_dashboard
    "property.occupancy.report": (N, N, N, R, R, N),
    "property.rent.report": (N, N, N, N, R, R),  # finance reads Rent Analysis and Arrears Aging
    "property.ticket.report": (N, N, N, N, R, N),
    # shared costs against what tenants bore: managers and the accountants who reconcile
    "property.cost.report": (N, N, N, N, R, R),
    "property.report.export": (N, N, N, N, ALL, N),
}

# core models the suite grants rights on (checked by test_core_access_matrix): Property Managers
# adapt the suite's automation rules (record rules and base.automation's write keep them to the
# suite's rules and to safe fields) and read their actions and the field list the form needs
CORE_MATRIX = {
    "base.automation": (N, N, N, N, "rw", N),
    "ir.actions.server": (N, N, N, N, R, N),
    "ir.model": (N, N, N, N, R, N),
    "ir.model.fields": (N, N, N, N, R, N),
}


def grants(spec):
    return {op for letter, op in zip("rwcu", OPS, strict=True) if letter in spec}


class TestAccessMatrix(SecurityCase):
    def _our_models(self):
        """Models whose first definition is in one of our addons (inherited core models such
        as res.partner are checked field by field below)."""
        names = []
        for model in self.env["ir.model"].search([]):
            Model = self.env.get(model.model)
            if Model is None or Model._abstract:
                continue
            if Model._original_module in ADDONS:
                names.append(model.model)
        return sorted(names)

    def _mismatches(self, model, spec):
        mismatches = []
        for role, role_spec in zip(ROLES, spec, strict=True):
            Model = self.env[model].with_user(self.users[role])
            expected = grants(role_spec)
            for op in OPS:
                allowed = Model.has_access(op)
                if allowed != (op in expected):
                    mismatches.append(f"{model} {role} {op}: allowed={allowed}")
        return mismatches

    def test_every_model_is_classified(self):
        models = self._our_models()
        self.assertIn("property.lease", models)
        missing = [m for m in models if m not in MATRIX]
        self.assertEqual(missing, [], "models of our addons missing from the access MATRIX")

    def test_access_matrix(self):
        mismatches = []
        for model in self._our_models():
            spec = MATRIX.get(model)
            if spec is None:
                continue  # reported by test_every_model_is_classified
            mismatches += self._mismatches(model, spec)
        self.assertEqual(mismatches, [], "access differs from the MATRIX")

    def test_core_access_matrix(self):
        mismatches = []
        for model, spec in CORE_MATRIX.items():
            mismatches += self._mismatches(model, spec)
        self.assertEqual(mismatches, [], "access to core models differs from the CORE_MATRIX")

    def test_check_access_raises_for_denied(self):
        """has_access and check_access agree: a denied operation raises AccessError."""
        with self.assertRaises(AccessError):
            self.env["property.lease"].with_user(self.users["portal"]).check_access("write")
        with self.assertRaises(AccessError):
            self.env["property.tenant.document"].with_user(self.users["user"]).check_access("read")
        with self.assertRaises(AccessError):
            self.env["property.lease"].with_user(self.users["public"]).check_access("read")
        self.env["property.lease"].with_user(self.users["user"]).check_access("create")


class TestPortalRecordRules(SecurityCase):
    """Record rules: a portal tenant sees only the leases of their own commercial entity."""

    def test_portal_sees_only_own_leases(self):
        Lease = self.env["property.lease"].with_user(self.portal_a)
        self.assertEqual(Lease.search([]), self.lease_a)
        self.assertEqual(
            self.env["property.lease.line"].with_user(self.portal_a).search([]),
            self.lease_a.line_ids,
        )
        schedule = self.env["property.lease.schedule.line"].with_user(self.portal_a).search([])
        self.assertEqual(schedule.lease_id, self.lease_a)

    def test_portal_cannot_read_other_lease(self):
        with self.assertRaises(AccessError):
            self.lease_b.with_user(self.portal_a).read(["name", "rent_price"])
        with self.assertRaises(AccessError):
            self.lease_b.with_user(self.portal_a).check_access("read")
        self.assertFalse(self.lease_b.with_user(self.portal_a).has_access("read"))
        self.assertTrue(self.lease_a.with_user(self.portal_a).has_access("read"))

    def test_portal_cannot_write_own_lease(self):
        with self.assertRaises(AccessError):
            self.lease_a.with_user(self.portal_a).write({"rent_price": 1})
        self.assertEqual(self.lease_a.rent_price, 5000)

    def test_contact_of_tenant_company_sees_company_leases(self):
        """child_of commercial partner: an employee contact of a company tenant sees the
        company's leases, and only those."""
        company = self.env["res.partner"].create(
            {"name": "SEC Corp", "is_company": True, "is_property_tenant": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "SEC Corp clerk", "parent_id": company.id, "email": "clerk@example.com"}
        )
        lease = self._make_lease(company, self.unit_a3, 4000)
        clerk = new_test_user(
            self.env, login="sec_clerk", groups="base.group_portal", partner_id=contact.id
        )
        self.assertEqual(self.env["property.lease"].with_user(clerk).search([]), lease)


class TestSensitiveFields(SecurityCase):
    """ID numbers, ID document types, legal representatives and ID scans are personal data."""

    PARTNER_FIELDS = (
        "property_id_number",
        "property_id_document_type",
        "property_legal_representative",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_a.write(
            {"property_id_document_type": "passport", "property_id_number": "SECPASS123"}
        )
        cls.document = cls.env["property.tenant.document"].create(
            {
                "partner_id": cls.partner_a.id,
                "name": "SEC ID card",
                "scan_front": base64.b64encode(PNG_1PX),
                "scan_front_name": "front.png",
            }
        )

    def test_partner_id_fields_hidden_in_fields_get(self):
        for role in ("public", "portal", "technician", "accountant"):
            fields = self.env["res.partner"].with_user(self.users[role]).fields_get()
            for name in self.PARTNER_FIELDS:
                self.assertNotIn(name, fields, f"{role} sees field {name} in fields_get")
        fields = self.env["res.partner"].with_user(self.users["user"]).fields_get()
        self.assertIn("property_id_number", fields)
        # the scans' one2many is for managers only
        self.assertNotIn("property_document_ids", fields)
        fields = self.env["res.partner"].with_user(self.users["manager"]).fields_get()
        self.assertIn("property_document_ids", fields)

    def test_partner_id_fields_refused_in_read(self):
        for role in ("portal", "technician", "accountant"):
            partner = self.partner_a.with_user(self.users[role])
            for name in self.PARTNER_FIELDS:
                with self.assertRaises(AccessError, msg=f"{role} reads {name}"):
                    partner.read([name])
        # the tenant's own portal user is no exception
        with self.assertRaises(AccessError):
            self.partner_a.with_user(self.portal_a).read(["property_id_number"])
        # the other fields stay readable: hiding is per field, not per record
        values = self.partner_a.with_user(self.users["technician"]).read(["name", "email"])[0]
        self.assertEqual(values["name"], "SEC Tenant Alpha")
        self.assertNotIn("SECPASS123", repr(values))
        self.assertEqual(
            self.partner_a.with_user(self.users["user"]).read(["property_id_number"])[0][
                "property_id_number"
            ],
            "SECPASS123",
        )

    def test_partner_search_on_id_number_refused(self):
        """Searching by a hidden field would leak it one guess at a time."""
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.users["technician"]).search(
                [("property_id_number", "=", "SECPASS123")]
            )

    def test_id_scan_document_refused_below_manager(self):
        for role in ("portal", "technician", "user", "accountant"):
            with self.assertRaises(AccessError, msg=f"{role} reads an ID scan"):
                self.document.with_user(self.users[role]).read(["scan_front"])
        self.assertTrue(
            self.document.with_user(self.users["manager"]).read(["scan_front"])[0]["scan_front"]
        )

    def test_id_scan_attachment_refused_below_manager(self):
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "property.tenant.document"),
                    ("res_id", "=", self.document.id),
                    ("res_field", "=", "scan_front"),
                ]
            )
        )
        self.assertTrue(attachment, "the scan is stored as an attachment")
        for role in ("portal", "technician", "user", "accountant"):
            with self.assertRaises(AccessError, msg=f"{role} reads the scan's attachment"):
                attachment.with_user(self.users[role]).read(["datas"])
            try:
                found = (
                    self.env["ir.attachment"]
                    .with_user(self.users[role])
                    .search([("res_model", "=", "property.tenant.document")])
                )
            except AccessError:
                found = self.env["ir.attachment"]
            self.assertFalse(found, f"{role} finds ID-scan attachments")
        self.assertTrue(attachment.with_user(self.users["manager"]).read(["datas"])[0]["datas"])

    def test_emergency_contacts_hidden_from_portal(self):
        contact = self.env["property.tenant.emergency.contact"].create(
            {"partner_id": self.partner_a.id, "name": "SEC Mum", "phone": "+86 138 0013 8000"}
        )
        with self.assertRaises(AccessError):
            contact.with_user(self.portal_a).read(["phone"])
        fields = self.env["res.partner"].with_user(self.portal_a).fields_get()
        self.assertNotIn("property_emergency_contact_ids", fields)


class TestTechnicianTickets(SecurityCase):
    """Technicians see the tickets of their teams (or assigned to them), not the others."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.has_maintenance:
            return
        technician = cls.users["technician"]
        Team = cls.env["maintenance.team"]
        cls.team_own = Team.create(
            {"name": "SEC own team", "member_ids": [Command.link(technician.id)]}
        )
        cls.team_other = Team.create({"name": "SEC other team"})
        Ticket = cls.env["maintenance.request"]
        cls.ticket_own = Ticket.create(
            {"name": "SEC own team ticket", "maintenance_team_id": cls.team_own.id}
        )
        cls.ticket_other = Ticket.create(
            {"name": "SEC other team ticket", "maintenance_team_id": cls.team_other.id}
        )

    def setUp(self):
        super().setUp()
        if not self.has_maintenance:
            self.skipTest("property_maintenance not installed")

    def test_technician_sees_own_team_only(self):
        Ticket = self.env["maintenance.request"].with_user(self.users["technician"])
        found = Ticket.search([("id", "in", (self.ticket_own | self.ticket_other).ids)])
        self.assertEqual(found, self.ticket_own)
        with self.assertRaises(AccessError):
            self.ticket_other.with_user(self.users["technician"]).read(["name"])
        with self.assertRaises(AccessError):
            self.ticket_other.with_user(self.users["technician"]).write({"name": "hijack"})

    def test_portal_and_accountant_see_no_foreign_ticket(self):
        for user in (self.portal_a, self.users["accountant"]):
            Ticket = self.env["maintenance.request"].with_user(user)
            try:
                found = Ticket.search([("id", "in", (self.ticket_own | self.ticket_other).ids)])
            except AccessError:
                found = Ticket.browse()
            self.assertFalse(found, user.login)

    def test_manager_sees_all(self):
        Ticket = self.env["maintenance.request"].with_user(self.users["manager"])
        found = Ticket.search([("id", "in", (self.ticket_own | self.ticket_other).ids)])
        self.assertEqual(found, self.ticket_own | self.ticket_other)
