# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PropertyMaintenanceCommon

OPTION_RE = r'<select[^>]*name="{name}".*?</select>'
VALUE_RE = re.compile(r'<option[^>]*value="(\d+)"')


@tagged("post_install", "-at_install")
class TestPortalSecondCompany(PropertyMaintenanceCommon, HttpCase):
    """A tenant renting in a second company: a portal user whose default company is the
    first one (as when invited from it) and who rents nothing there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "Second Estates"})
        if "account.chart.template" in cls.env:
            # with property_billing installed, signing a lease issues its deposit invoice
            cls.env["account.chart.template"].try_loading(
                "generic_coa", cls.company_2, install_demo=False
            )
        env_2 = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company_2.ids))
        cls.user_portal_c = new_test_user(
            cls.env,
            login="tenant_c",
            name="Tenant C",
            groups="base.group_portal",
            company_id=cls.company.id,
            company_ids=[Command.set((cls.company | cls.company_2).ids)],
        )
        cls.tenant_c = cls.user_portal_c.partner_id
        cls.tenant_c.is_property_tenant = True
        building_2 = env_2["property.building"].create(
            {"name": "Harbour Tower", "code": "HT", "company_id": cls.company_2.id}
        )
        cls.unit_2 = env_2["property.unit"].create(
            {"code": "H01", "building_id": building_2.id, "area": 40.0, "list_rent": 2500.0}
        )
        today = fields.Date.today()
        cls.lease_c = cls._make_active(
            env_2["property.lease"].create(
                {
                    "partner_id": cls.tenant_c.id,
                    "company_id": cls.company_2.id,
                    "date_start": today - timedelta(days=30),
                    "date_end": today + timedelta(days=330),
                    "rent_price": 2500.0,
                    "deposit_amount": 5000.0,
                    "line_ids": [Command.create({"unit_id": cls.unit_2.id})],
                }
            )
        )
        team_2 = env_2["maintenance.team"].create(
            {"name": "Harbour Service", "company_id": cls.company_2.id}
        )
        cls.cat_2 = env_2["property.ticket.category"].create(
            {"name": "Harbour Plumbing", "team_id": team_2.id, "company_id": cls.company_2.id}
        )
        cls.cat_shared = cls.env["property.ticket.category"].create(
            {"name": "Shared Pest Control", "company_id": False}
        )
        # cat_water (common) belongs to the first company, where tenant C rents nothing

    def _form(self):
        page = self.url_open("/my/tickets/new")
        self.assertEqual(page.status_code, 200)
        options = {}
        for name in ("unit_id", "category_id"):
            select = re.search(OPTION_RE.format(name=name), page.text, re.DOTALL)
            options[name] = {int(v) for v in VALUE_RE.findall(select.group(0))} if select else set()
        token = re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text).group(1)
        return options, token

    def test_form_offers_the_categories_of_the_tenants_companies(self):
        self.authenticate("tenant_c", "tenant_c")
        options, _token = self._form()
        self.assertEqual(options["unit_id"], {self.unit_2.id})
        self.assertEqual(options["category_id"], {self.cat_2.id, self.cat_shared.id})
        self.assertNotIn(self.cat_water.id, options["category_id"], "a company he rents nothing in")

    def test_submit_creates_the_ticket_in_the_units_company(self):
        self.authenticate("tenant_c", "tenant_c")
        _options, token = self._form()
        response = self.url_open(
            "/my/tickets/new",
            data={
                "csrf_token": token,
                "unit_id": self.unit_2.id,
                "category_id": self.cat_2.id,
                "name": "Harbour leak",
                "priority": "2",
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["maintenance.request"].search([("name", "=", "Harbour leak")])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.company_id, self.company_2)
        self.assertEqual(ticket.property_partner_id, self.tenant_c)
        self.assertEqual(ticket.property_category_id, self.cat_2)
        self.assertIn(f"/my/tickets/{ticket.id}", response.url)

    def test_submit_refuses_a_category_of_another_company(self):
        self.authenticate("tenant_c", "tenant_c")
        _options, token = self._form()
        count = self.env["maintenance.request"].search_count([])
        response = self.url_open(
            "/my/tickets/new",
            data={
                "csrf_token": token,
                "unit_id": self.unit_2.id,
                "category_id": self.cat_water.id,
                "name": "Wrong company",
            },
        )
        self.assertIn("o_property_ticket_error", response.text)
        self.assertEqual(self.env["maintenance.request"].search_count([]), count)

    def test_first_company_tenant_does_not_see_the_second_company(self):
        self.authenticate("tenant_a", "tenant_a")
        options, _token = self._form()
        self.assertEqual(options["unit_id"], {self.unit_101.id})
        self.assertIn(self.cat_water.id, options["category_id"])
        self.assertIn(self.cat_shared.id, options["category_id"])
        self.assertNotIn(self.cat_2.id, options["category_id"])
