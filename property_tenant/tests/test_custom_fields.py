# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

import openpyxl

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import IMPORT_OPTIONS, XLSX, PropertyTestCommon


class TestCustomFields(PropertyTestCommon):
    """Custom fields (fields.Properties) of leases per lease type, units per unit type,
    tenants per tenant category."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shop_type = cls.env["property.lease.type"].create(
            {
                "name": "Shop (test)",
                "lease_properties_definition": [
                    {"name": "frontage", "string": "Frontage width (m)", "type": "float"},
                    {
                        "name": "trade",
                        "string": "Trade",
                        "type": "selection",
                        "selection": [["food", "Food"], ["retail", "Retail"]],
                    },
                ],
            }
        )
        cls.home_type = cls.env["property.lease.type"].create(
            {
                "name": "Home (test)",
                "lease_properties_definition": [
                    {"name": "pets", "string": "Pet allowed", "type": "boolean"}
                ],
            }
        )
        cls.unit_type.lease_type_id = cls.home_type
        # exporting is a right of its own in Odoo (Settings > Users: "Access to export")
        export = cls.env.ref("base.group_allow_export")
        (cls.user_property | cls.user_manager).write({"groups_id": [(4, export.id)]})

    def test_lease_type_defaults_from_the_unit_type(self):
        lease = self._create_lease()
        self.assertEqual(lease.lease_type_id, self.home_type)
        shop = self._create_lease(units=self.unit_102, lease_type_id=self.shop_type.id)
        self.assertEqual(shop.lease_type_id, self.shop_type, "an explicit type is kept")

    def test_shipped_lease_types(self):
        types = self.env["property.lease.type"].search([("code", "!=", False)])
        self.assertTrue(
            {"RES", "OFF", "SHOP", "PARK"} <= set(types.mapped("code")),
            "residential, office, shop and parking are shipped",
        )

    def test_officer_fills_manager_defines(self):
        lease = self._create_lease(lease_type_id=self.shop_type.id).with_user(self.user_property)
        lease.lease_properties = {"frontage": 6.5, "trade": "food"}
        values = {
            p["name"]: p["value"] for p in lease.read(["lease_properties"])[0]["lease_properties"]
        }
        self.assertEqual(values, {"frontage": 6.5, "trade": "food"})
        # the officer may not change the definition of the type's fields
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            self.shop_type.with_user(self.user_property).lease_properties_definition = []
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            lease.lease_properties = [
                {
                    "name": "extra",
                    "string": "Extra",
                    "type": "char",
                    "value": "x",
                    "definition_changed": True,
                }
            ]
        # the manager adds one from a lease (as the form's "Add Properties" does)
        lease_m = lease.with_user(self.user_manager)
        definition = lease_m.read(["lease_properties"])[0]["lease_properties"]
        lease_m.lease_properties = definition + [
            {
                "name": "hours",
                "string": "Opening hours",
                "type": "char",
                "value": "9-21",
                "definition_changed": True,
            }
        ]
        self.assertIn("hours", [d["name"] for d in self.shop_type.lease_properties_definition])

    def test_search_group_and_export(self):
        wide = self._create_lease(lease_type_id=self.shop_type.id)
        wide.lease_properties = {"frontage": 8.0, "trade": "food"}
        narrow = self._create_lease(units=self.unit_102, lease_type_id=self.shop_type.id)
        narrow.lease_properties = {"frontage": 3.0, "trade": "retail"}
        Lease = self.env["property.lease"].with_user(self.user_property)
        self.assertEqual(Lease.search([("lease_properties.frontage", ">", 5)]), wide)
        self.assertEqual(Lease.search([("lease_properties.trade", "=", "retail")]), narrow)
        groups = dict(
            Lease._read_group(
                [("lease_type_id", "=", self.shop_type.id)], ["lease_properties.trade"], ["__count"]
            )
        )
        self.assertEqual(groups, {"food": 1, "retail": 1})
        rows = (
            (wide | narrow)
            .with_user(self.user_property)
            .export_data(["name", "lease_properties.frontage", "lease_properties.trade"])["datas"]
        )
        self.assertEqual(
            sorted(rows), sorted([[wide.name, 8.0, "Food"], [narrow.name, 3.0, "Retail"]])
        )

    def test_xlsx_import_of_custom_fields(self):
        lease = self._create_lease(lease_type_id=self.shop_type.id)
        xmlid = lease.with_user(self.user_manager).export_data(["id"])["datas"][0][0]
        book = openpyxl.Workbook()
        book.active.append(["External ID", "Frontage width (m)", "Trade"])
        book.active.append([xmlid, 5.5, "Retail"])
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = (
            self.env["base_import.import"]
            .with_user(self.user_manager)
            .create({"res_model": "property.lease", "file": buffer.getvalue(), "file_type": XLSX})
        )
        preview = wizard.parse_preview({"has_headers": True})
        self.assertFalse(preview.get("error"), preview.get("error"))
        importable = {f["name"] for f in preview["fields"]}
        self.assertIn("lease_properties.frontage", importable, "base_import offers the property")
        result = wizard.execute_import(
            ["id", "lease_properties.frontage", "lease_properties.trade"],
            preview["headers"],
            dict(IMPORT_OPTIONS),
        )
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertFalse(errors, errors)
        lease.invalidate_recordset()
        values = {
            p["name"]: p["value"] for p in lease.read(["lease_properties"])[0]["lease_properties"]
        }
        self.assertEqual(values, {"frontage": 5.5, "trade": "retail"})

    def test_units_and_tenants(self):
        self.unit_type.unit_properties_definition = [
            {"name": "view", "string": "View", "type": "char"}
        ]
        self.unit_101.with_user(self.user_manager).unit_properties = {"view": "River"}
        self.assertEqual(
            self.env["property.unit"].search([("unit_properties.view", "=", "River")]),
            self.unit_101,
        )
        category = self.env["property.tenant.category"].create(
            {
                "name": "Company (test)",
                "tenant_properties_definition": [
                    {"name": "licence", "string": "Business licence expiry", "type": "date"}
                ],
            }
        )
        tenant = self.tenant_a.with_user(self.user_property)
        tenant.property_tenant_category_id = category
        tenant.property_tenant_properties = {"licence": "2028-06-30"}
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.user_property)
            .search([("property_tenant_properties.licence", "<", "2029-01-01")]),
            self.tenant_a,
        )


@tagged("post_install", "-at_install")
class TestCustomFieldsTour(HttpCase, PropertyTestCommon):
    def test_tour_define_and_fill(self):
        lease_type = self.env["property.lease.type"].create({"name": "Shop (test)"})
        lease = self._create_lease(lease_type_id=lease_type.id)
        url = f"/odoo/action-property_tenant.property_lease_action/{lease.id}"
        self.start_tour(url, "property_lease_type_define_field", login=self.user_manager.login)
        self.assertEqual(
            [d["string"] for d in lease_type.lease_properties_definition], ["Opening hours"]
        )
        self.start_tour(url, "property_lease_fill_field", login=self.user_property.login)
        lease.invalidate_recordset()
        values = lease.read(["lease_properties"])[0]["lease_properties"]
        self.assertEqual(
            [(p["string"], p["value"]) for p in values], [("Opening hours", "9:00-21:00")]
        )

    def _property_values(self, record, fname):
        record.invalidate_recordset()
        return {p["string"]: p["value"] for p in record.read([fname])[0][fname]}

    def test_tour_unit_fields(self):
        """A manager adds a field to the units of a unit type from one unit, fills it on
        another unit of that type; a leasing officer finds the unit by it and groups by it."""
        url = "/odoo/action-property_tenant.property_unit_action"
        self.start_tour(
            f"{url}/{self.unit_101.id}",
            "property_unit_type_define_field",
            login=self.user_manager.login,
        )
        self.assertEqual(
            [d["string"] for d in self.unit_type.unit_properties_definition],
            ["Window orientation"],
        )
        self.start_tour(
            f"{url}/{self.unit_102.id}", "property_unit_fill_field", login=self.user_manager.login
        )
        self.assertEqual(
            self._property_values(self.unit_102, "unit_properties"),
            {"Window orientation": "South-east"},
        )
        self.start_tour(url, "property_unit_search_field", login=self.user_property.login)

    def test_tour_tenant_fields(self):
        """A manager adds a field to the tenants of a tenant category from one tenant; a leasing
        officer fills it on another tenant of the category, finds it and groups by it."""
        category = self.env["property.tenant.category"].create({"name": "Member (test)"})
        (self.tenant_a | self.tenant_b).write(
            {"is_property_tenant": True, "property_tenant_category_id": category.id}
        )
        url = "/odoo/action-property_tenant.res_partner_action_tenant"
        self.start_tour(
            f"{url}/{self.tenant_a.id}",
            "property_tenant_category_define_field",
            login=self.user_manager.login,
        )
        self.assertEqual(
            [d["string"] for d in category.tenant_properties_definition], ["Chamber membership"]
        )
        self.start_tour(
            f"{url}/{self.tenant_b.id}",
            "property_tenant_fill_field",
            login=self.user_property.login,
        )
        self.assertEqual(
            self._property_values(self.tenant_b, "property_tenant_properties"),
            {"Chamber membership": "AmCham 2026-118"},
        )
        self.start_tour(url, "property_tenant_search_field", login=self.user_property.login)
