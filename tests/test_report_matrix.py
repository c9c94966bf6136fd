"""Report × role × route matrix: every QWeb report of the four addons, printed by every role
through every route that prints it.

Routes: ``/report/html/<report>/<id>``, ``/report/pdf/<report>/<id>`` and, for documents with a
portal page, ``<portal page>?report_type=html|pdf`` (with the record's token for the anonymous
visitor who has it). An "ok" cell answers 200; a "no" cell answers a redirect to the login page,
403 or 404, and its body carries none of the document's sensitive values (the tenant's ID
number, the rent, the contract number). An "ok" cell for a role that may not read ID data
carries no ID number either. A report of the four addons missing from ``MATRIX`` fails
``test_every_report_is_in_the_matrix``."""

from security_common import SecurityHttpCase
from suite_common import ADDONS

ID_NUMBER = "11010519491231002X"
RENT = "5,000.00"
DENIED = (302, 303, 403, 404)
ROLES = (
    "tenant_a",
    "tenant_b",
    "anonymous",
    "anonymous_token",
    "technician",
    "user",
    "accountant",
    "manager",
)
# roles whose groups read ID data (Property User and above)
READS_IDENTITY = {"user", "manager"}

# report -> {"report": {role: ok?}, "portal": {role: ok?} or None}
Y, N = True, False
MATRIX = {
    "property_tenant.report_lease_contract": {
        "report": dict(zip(ROLES, (N, N, N, N, N, Y, N, Y), strict=True)),
        "portal": dict(zip(ROLES, (Y, N, N, Y, N, Y, N, Y), strict=True)),
    },
    # accountants (and managers, who have Invoicing) print statements; tenants get their own
    # at /my/property/statement
    "property_billing.report_property_statement": {
        "report": dict(zip(ROLES, (N, N, N, N, N, N, Y, Y), strict=True)),
        "portal": None,
    },
    # the shared cost statement: whoever reads the reconciliation prints it (Property Users,
    # Managers, and accountants who run reconciliations without Property User); tenants open
    # theirs at /my/property/cost-statement/<id>, never through /report
    "property_billing.report_cost_statement": {
        "report": dict(zip(ROLES, (N, N, N, N, N, Y, Y, Y), strict=True)),
        "portal": None,
    },
    "property_maintenance.report_work_order": {
        "report": dict(zip(ROLES, (N, N, N, N, N, Y, N, Y), strict=True)),
        "portal": None,
    },
}


class TestReportMatrix(SecurityHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_a.sudo().write(
            {"property_id_number": ID_NUMBER, "property_id_document_type": "prc_resident_id"}
        )
        (cls.lease_a | cls.lease_b).sudo().write({"state": "active"})
        cls.lease_token = cls.lease_a._portal_ensure_token()
        cls.cost_line_a = None
        if cls.has_billing:
            pool = (
                cls.env["property.cost.pool"]
                .sudo()
                .create({"name": "SEC matrix pool", "building_id": cls.unit_a1.building_id.id})
            )
            reconciliation = (
                cls.env["property.cost.reconciliation"]
                .sudo()
                .create({"pool_id": pool.id, "date_from": "2026-01-01", "date_to": "2026-06-30"})
            )
            cls.cost_line_a = (
                cls.env["property.cost.reconciliation.line"]
                .sudo()
                .create(
                    {
                        "reconciliation_id": reconciliation.id,
                        "lease_id": cls.lease_a.id,
                        "partner_id": cls.partner_a.id,
                    }
                )
            )
        cls.ticket_a = None
        if cls.has_maintenance:
            cls.ticket_a = (
                cls.env["maintenance.request"]
                .sudo()
                .create(
                    {
                        "name": "SEC matrix leaking tap",
                        "property_partner_id": cls.partner_a.id,
                        "property_unit_id": cls.unit_a1.id,
                    }
                )
            )
        cls.env.flush_all()

    def documents(self):
        """report -> (record, secrets that a refused role must not get, portal page)."""
        docs = {
            "property_tenant.report_lease_contract": (
                self.lease_a,
                (ID_NUMBER, RENT, self.lease_a.name),
                f"/my/leases/{self.lease_a.id}",
            ),
        }
        if self.has_billing:
            docs["property_billing.report_property_statement"] = (
                self.partner_a,
                (ID_NUMBER, self.partner_a.name),
                None,
            )
        if self.cost_line_a:
            docs["property_billing.report_cost_statement"] = (
                self.cost_line_a,
                (ID_NUMBER, self.partner_a.name),
                None,
            )
        if self.ticket_a:
            docs["property_maintenance.report_work_order"] = (
                self.ticket_a,
                (ID_NUMBER, self.ticket_a.name),
                None,
            )
        return docs

    def login(self, role):
        if role in ("anonymous", "anonymous_token"):
            self.authenticate(None, None)
        elif role in ("tenant_a", "tenant_b"):
            login = f"sec_{role}"
            self.authenticate(login, login + "_pw")
        else:
            login = f"sec_{role}"
            self.authenticate(login, login + "_pw")

    def test_every_report_is_in_the_matrix(self):
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.actions.report"), ("module", "in", ADDONS)]
        )
        names = set(
            self.env["ir.actions.report"].browse(data.mapped("res_id")).mapped("report_name")
        )
        self.assertIn("property_tenant.report_lease_contract", names)
        self.assertEqual(sorted(names - set(MATRIX)), [], "reports missing from the MATRIX")
        self.assertEqual(sorted(names), sorted(set(self.documents())))

    def urls(self, report, record, portal, role):
        urls = [
            ("report", f"/report/{converter}/{report}/{record.id}") for converter in ("html", "pdf")
        ]
        if portal:
            token = f"&access_token={self.lease_token}" if role == "anonymous_token" else ""
            urls += [
                ("portal", f"{portal}?report_type={converter}{token}")
                for converter in ("html", "pdf")
            ]
        return urls

    def test_report_role_route_matrix(self):
        problems = []
        for role in ROLES:
            self.login(role)
            for report, (record, secrets, portal) in self.documents().items():
                for kind, url in self.urls(report, record, portal, role):
                    expected_ok = MATRIX[report][kind][role]
                    response = self.url_open(url, allow_redirects=False, timeout=120)
                    status = response.status_code
                    body = response.content.decode(errors="replace")
                    cell = f"{role} {url}: {status}"
                    if expected_ok:
                        if status != 200:
                            problems.append(f"{cell}, expected 200")
                        elif role not in READS_IDENTITY and ID_NUMBER in body:
                            problems.append(f"{cell} shows the ID number")
                        elif (
                            ("/html" in url or "report_type=html" in url)
                            and record._name != "res.partner"
                            and record.display_name.split(" ")[0] not in body
                        ):
                            problems.append(f"{cell} does not show the document")
                    else:
                        if status not in DENIED:
                            problems.append(f"{cell}, expected one of {DENIED}")
                        # a logged-in tenant's own name is in every page's header
                        own = self.partner_a.name if role == "tenant_a" else None
                        leaked = [s for s in secrets if s and s != own and s in body]
                        if leaked:
                            problems.append(f"{cell} leaks {leaked}")
        self.maxDiff = None
        self.assertEqual(problems, [])

    def test_identity_printed_for_property_staff_only(self):
        self.login("user")
        body = self.url_open(
            f"/report/html/property_tenant.report_lease_contract/{self.lease_a.id}", timeout=120
        ).text
        self.assertIn(ID_NUMBER, body)
        self.login("tenant_a")
        body = self.url_open(f"/my/leases/{self.lease_a.id}?report_type=html", timeout=120).text
        self.assertIn(self.lease_a.name, body)
        self.assertIn(RENT, body)
        self.assertNotIn(ID_NUMBER, body)
