"""Multi-company isolation: a user of company B gets nothing of company A, and back."""

from security_common import SecurityCase

from odoo.exceptions import AccessError, UserError, ValidationError

# models checked when installed: (model, company field)
COMPANY_MODELS = (
    ("property.building", "company_id"),
    ("property.floor", "company_id"),
    ("property.unit", "company_id"),
    ("property.lease", "company_id"),
    ("property.lease.line", "company_id"),
    ("property.lease.schedule.line", "company_id"),
    ("property.tenant.document", "company_id"),
    ("property.lease.key", "company_id"),
    ("property.charge", "company_id"),
    ("property.lease.charge", "company_id"),
    ("property.dunning.log", "company_id"),
    ("property.meter", "company_id"),
    ("property.meter.reading", "company_id"),
    ("property.common.consumption", "company_id"),
    ("property.cost.pool", "company_id"),
    ("property.cost.pool.share", "company_id"),
    ("property.cost.reconciliation", "company_id"),
    ("property.cost.reconciliation.line", "company_id"),
    ("property.cost.reconciliation.cost", "company_id"),
    ("account.move", "company_id"),
    ("account.move.line", "company_id"),
    ("maintenance.request", "company_id"),
    ("property.occupancy.report", "company_id"),
    ("property.rent.report", "company_id"),
    ("property.ticket.report", "company_id"),
)


class TestMultiCompany(SecurityCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["property.tenant.document"].create(
            {"partner_id": cls.partner_a.id, "name": "SEC A card", "company_id": cls.company_a.id}
        )
        if cls.has_maintenance:
            cls.env["maintenance.request"].create(
                {"name": "SEC leak in A", "company_id": cls.company_a.id}
            )
        if cls.has_account and cls.env["account.journal"].search_count(
            [("company_id", "=", cls.company_a.id), ("type", "=", "sale")]
        ):
            cls.invoice_a = cls.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.partner_a.id,
                    "company_id": cls.company_a.id,
                    "invoice_line_ids": [
                        (0, 0, {"name": "SEC rent", "quantity": 1, "price_unit": 100})
                    ],
                }
            )
        cls.env.flush_all()

    def _installed(self):
        for model, field in COMPANY_MODELS:
            if model in self.env and field in self.env[model]._fields:
                yield model, field

    def test_company_b_sees_nothing_of_a(self):
        checked = []
        leaks = []
        for model, field in self._installed():
            domain = [(field, "=", self.company_a.id)]
            Model = self.env[model].with_user(self.manager_b)
            if not Model.has_access("read"):
                continue  # no ACL at all: nothing to see either
            if self.env[model].sudo().search_count(domain):
                checked.append(model)
            if Model.search_count(domain) or Model.search_count([]) > Model.search_count(
                [(field, "=", self.company_b.id)]
            ):
                leaks.append(model)
        self.assertEqual(leaks, [], "company B's manager sees records of company A")
        for model in ("property.building", "property.unit", "property.lease"):
            self.assertIn(model, checked, f"no company A {model} to hide: the test proves nothing")

    def test_company_a_sees_nothing_of_b(self):
        manager = self.users["manager"]
        self.assertFalse(
            self.env["property.lease"].with_user(manager).search([("id", "=", self.lease_c.id)])
        )
        with self.assertRaises(AccessError):
            self.lease_c.with_user(manager).read(["name"])
        with self.assertRaises(AccessError):
            self.building_b.with_user(manager).read(["name"])

    def test_cannot_switch_to_unallowed_company(self):
        with self.assertRaises(AccessError):
            self.env["property.lease"].with_user(self.manager_b).with_context(
                allowed_company_ids=[self.company_a.id]
            ).search([])

    def test_cannot_read_other_company_by_id(self):
        for record in (self.lease_a, self.unit_a1, self.building_a, self.lease_a.line_ids):
            with self.assertRaises(AccessError, msg=f"company B reads {record}"):
                record.with_user(self.manager_b).read(["display_name"])

    def test_cannot_let_other_company_unit(self):
        """A company B lease on a company A unit is refused (check_company)."""
        Lease = self.env["property.lease"].with_user(self.manager_b)
        count = self.env["property.lease"].sudo().search_count([])
        with self.assertRaises(Exception) as caught:
            Lease.create(
                {
                    "partner_id": self.partner_c.id,
                    "company_id": self.company_b.id,
                    "date_start": "2026-01-01",
                    "date_end": "2026-06-30",
                    "rent_price": 1,
                    "line_ids": [(0, 0, {"unit_id": self.unit_a3.id})],
                }
            )
            self.env.flush_all()
        self.assertIsInstance(caught.exception, (AccessError, UserError, ValidationError))
        self.assertEqual(self.env["property.lease"].sudo().search_count([]), count)

    def test_lease_of_a_for_company_b_partner_refused(self):
        """Even with sudo, check_company refuses a company A lease for a company B tenant."""
        with self.assertRaises(UserError):
            self._make_lease(self.partner_c, self.unit_a3, 1000)

    def test_reports_scoped_to_company(self):
        for model in (
            "property.occupancy.report",
            "property.rent.report",
            "property.ticket.report",
        ):
            if model not in self.env:
                continue
            rows = self.env[model].with_user(self.users["manager"]).search([])
            self.assertNotIn(self.company_b, rows.mapped("company_id"), model)
