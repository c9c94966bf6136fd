# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

import openpyxl

from odoo.tools import file_open

from .common import IMPORT_OPTIONS as OPTIONS
from .common import XLSX, PropertyTestCommon


class TestImport(PropertyTestCommon):
    def _import(self, model, content, context=None):
        wizard = (
            self.env["base_import.import"]
            .with_user(self.user_manager)
            .with_context(**(context or {}))
            .create({"res_model": model, "file": content, "file_type": XLSX})
        )
        preview = wizard.parse_preview({"has_headers": True})
        self.assertFalse(preview.get("error"), preview.get("error"))
        self.assertEqual(
            len(preview["matches"]), len(preview["headers"]), "every template column is mapped"
        )
        fields = ["/".join(preview["matches"][i]) for i in range(len(preview["headers"]))]
        return wizard.execute_import(fields, preview["headers"], dict(OPTIONS))

    def _xlsx(self, rows):
        book = openpyxl.Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def test_templates_are_offered_and_import(self):
        for model, context in (
            ("property.building", {}),
            ("property.unit", {}),
            ("res.partner", {"default_is_property_tenant": True}),
            ("property.lease", {}),
        ):
            with self.subTest(model=model):
                templates = self.env[model].with_context(**context).get_import_templates()
                self.assertEqual(len(templates), 1)
                path = templates[0]["template"].lstrip("/")
                with file_open(path, "rb") as template:
                    result = self._import(model, template.read(), context)
                errors = [m for m in result["messages"] if m["type"] == "error"]
                self.assertFalse(errors, errors)
                self.assertTrue(result["ids"])
        building = self.env["property.building"].search([("code", "=", "HQ")])
        self.assertEqual(len(building.unit_ids), 2)
        self.assertEqual(building.unit_ids.floor_id.name, "1F")
        lease = self.env["property.lease"].search([("building_id", "=", building.id)])
        self.assertEqual(lease.partner_id.name, "张伟")
        self.assertEqual(lease.unit_ids.code, "101")
        self.assertEqual(lease.monthly_rent, 3800)
        company = self.env["res.partner"].search([("name", "=", "上海示例贸易有限公司")])
        self.assertEqual(company.property_legal_representative, "王明")

    def test_bad_row_imports_nothing(self):
        headers = ["Name", "Is a Tenant", "Country", "Mobile", "ID Document Type", "ID Number"]
        content = self._xlsx(
            [
                headers,
                ["钱一", True, "China", "13800000001", "PRC Resident ID", "11010519491231002X"],
                ["钱二", True, "China", "1380000", "PRC Resident ID", ""],
                ["钱三", True, "China", "13800000003", "PRC Resident ID", "110105194912310021"],
            ]
        )
        result = self._import("res.partner", content, {"default_is_property_tenant": True})
        self.assertFalse(result["ids"])
        errors = [m["message"] for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(any(m.startswith("Row 3:") and "mobile" in m for m in errors), errors)
        self.assertTrue(any(m.startswith("Row 4:") and "check digit" in m for m in errors), errors)
        self.assertFalse(
            self.env["res.partner"].search([("name", "in", ("钱一", "钱二", "钱三"))]),
            "nothing imported",
        )

    def test_bad_lease_row(self):
        content = self._xlsx(
            [
                ["Tenant", "Start Date", "End Date", "Rent Price", "Units/Unit"],
                ["Tenant A", "2026-01-01", "2026-12-31", 1000, "TT-101"],
                ["Tenant B", "2026-01-01", "2025-12-31", 1000, "TT-102"],
            ]
        )
        count = self.env["property.lease"].search_count([])
        result = self._import("property.lease", content)
        self.assertFalse(result["ids"])
        errors = [m["message"] for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(any(m.startswith("Row 3:") for m in errors), errors)
        self.assertEqual(self.env["property.lease"].search_count([]), count)

    def test_template_headers_are_labels(self):
        """A person reads the templates' column titles: field labels (the import maps
        them back), never technical names such as list_rent."""
        for model, context in (
            ("property.building", {}),
            ("property.unit", {}),
            ("res.partner", {"default_is_property_tenant": True}),
            ("property.lease", {}),
        ):
            path = self.env[model].with_context(**context).get_import_templates()[0]["template"]
            with file_open(path.lstrip("/"), "rb") as template:
                wizard = self.env["base_import.import"].create(
                    {"res_model": model, "file": template.read(), "file_type": XLSX}
                )
            preview = wizard.parse_preview({"has_headers": True})
            for index, header in enumerate(preview["headers"]):
                with self.subTest(model=model, header=header):
                    self.assertNotEqual(header, "/".join(preview["matches"][index]))
                    self.assertNotIn("_", header)

    def test_error_row_is_shown_once(self):
        """The import screen gets the spreadsheet row and the bare message of a record's
        error (it writes "Error at row N: ..." itself): one row number, the right one."""
        content = self._xlsx(
            [
                ["Name", "Is a Tenant", "Country", "Mobile", "ID Document Type", "ID Number"],
                ["孙一", True, "China", "13800000001", "PRC Resident ID", "11010519491231002X"],
                ["孙二", True, "China", "13800000002", "PRC Resident ID", "11010519491231002X"],
                ["孙三", True, "China", "13800000003", "PRC Resident ID", "110105194912310021"],
            ]
        )
        result = self._import("res.partner", content, {"default_is_property_tenant": True})
        errors = [m for m in result["messages"] if m["type"] == "error"]
        digit = [m for m in errors if "check digit" in m["message"]]
        self.assertEqual(len(digit), 1, errors)
        self.assertEqual(digit[0]["_property_row"], "4")
        self.assertTrue(digit[0]["message"].startswith("Row 4:"))
        self.assertNotIn("Row", digit[0]["_property_text"])
        self.assertIn("check digit", digit[0]["_property_text"])
