# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
from collections import defaultdict
from unittest.mock import patch

from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.translate import code_translations

from ..report import property_report_xlsx
from .common import PropertyDashboardCommon

FIRST_ROW = 5  # openpyxl rows are 1-based: title, subtitle, blank, header, data


@tagged("post_install", "-at_install")
class TestXlsxExport(PropertyDashboardCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_dash_manager.email = "dash.manager@example.com"

    def _open(self, data):
        workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
        return workbook

    def _data_rows(self, sheet):
        rows = [
            row
            for row in sheet.iter_rows(min_row=FIRST_ROW, values_only=True)
            if row[0] is not None
        ]
        return rows[:-1], rows[-1]

    def test_rent_roll(self):
        buildings = self.building | self.building_2
        data = self.env["property.report.xlsx"]._rent_roll_xlsx(self.company, buildings, self.today)
        workbook = self._open(data)
        sheet = workbook.worksheets[0]
        self.assertEqual(sheet.freeze_panes, "A5")
        self.assertEqual(sheet.cell(4, 7).value, "Tenant")
        rows, total = self._data_rows(sheet)
        units = self.env["property.unit"].search([("building_id", "in", buildings.ids)])
        self.assertEqual(len(rows), len(units))
        self.assertEqual(total[0], "Total")
        by_unit = {(row[0], row[2]): row for row in rows}
        row_201 = by_unit[("Test Tower", "201")]
        self.assertEqual(row_201[6], self.tenant_a.name)
        self.assertEqual(row_201[7], self.lease_2xx.name)
        self.assertAlmostEqual(row_201[10], 5000.0)
        self.assertEqual(by_unit[("Harbour Plaza", "G02")][6], None, "vacant unit: no tenant")
        # totals, each against the records
        leases = self.lease_101 | self.lease_102 | self.lease_2xx | self.lease_g03
        self.assertAlmostEqual(total[4], sum(units.mapped("area")), 2)
        self.assertAlmostEqual(total[4], sum(r[4] for r in rows), 2)
        self.assertAlmostEqual(total[10], 3000.0 + 2500.0 + 5000.0 + 8000.0 + 4000.0, 2)
        self.assertAlmostEqual(total[11], sum(leases.mapped("deposit_amount")), 2)
        deposit_lines = self.env["account.move.line"].search(
            [
                ("move_id.property_lease_id", "in", leases.ids),
                ("parent_state", "=", "posted"),
                ("account_id", "=", self.company.property_deposit_account_id.id),
            ]
        )
        self.assertAlmostEqual(total[12], -sum(deposit_lines.mapped("balance")), 2)
        self.assertAlmostEqual(total[13], sum(leases.mapped("amount_due")), 2)
        summary = workbook.worksheets[1]
        s_rows, s_total = self._data_rows(summary)
        self.assertEqual({r[0] for r in s_rows}, {"Test Tower", "Harbour Plaza"})
        self.assertEqual(s_total[1], len(units))
        self.assertAlmostEqual(s_total[3], total[10], 2)

    def test_rent_roll_in_small_batches(self):
        """Read in batches of 3 units (a lease's units straddling two batches): same rows and
        totals as in one batch; the lease-level amounts are counted once."""
        Xlsx = self.env["property.report.xlsx"]
        buildings = self.building | self.building_2
        whole = self._data_rows(
            self._open(Xlsx._rent_roll_xlsx(self.company, buildings, self.today)).worksheets[0]
        )
        with patch.object(property_report_xlsx, "BATCH_SIZE", 3):
            batched = self._data_rows(
                self._open(Xlsx._rent_roll_xlsx(self.company, buildings, self.today)).worksheets[0]
            )
        self.assertEqual(batched, whole)
        rows, _total = batched
        deposits = [r[11] for r in rows if r[7] == self.lease_2xx.name]
        self.assertEqual(deposits, [self.lease_2xx.deposit_amount, None])

    def test_aging(self):
        data = self.env["property.report.xlsx"]._aging_xlsx(self.company, None, self.today)
        sheet = self._open(data).worksheets[0]
        rows, total = self._data_rows(sheet)
        moves = self.env["account.move"].search(
            [
                "|",
                ("property_lease_id", "!=", False),
                ("reversed_entry_id.property_lease_id", "!=", False),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("company_id", "=", self.company.id),
                ("invoice_date", "<=", self.today),
                ("amount_residual", "!=", 0),
            ]
        )
        expected = defaultdict(float)
        for move in moves:
            expected[move.commercial_partner_id.display_name] += move.amount_residual_signed
        self.assertEqual(
            {r[0]: round(r[6], 2) for r in rows}, {k: round(v, 2) for k, v in expected.items()}
        )
        for row in rows:
            self.assertAlmostEqual(sum(row[1:6]), row[6], 2)
        self.assertAlmostEqual(total[6], sum(moves.mapped("amount_residual_signed")), 2)
        self.assertAlmostEqual(total[5], sum(r[5] for r in rows), 2)
        tenant_a_row = next(r for r in rows if r[0] == self.tenant_a.display_name)
        self.assertGreaterEqual(tenant_a_row[3], 150.0)  # 31-60: 200 less 50 paid

    def test_ticket_statistics(self):
        data = self.env["property.report.xlsx"]._ticket_xlsx(
            self.company, None, self.today.replace(year=self.today.year - 1), self.today
        )
        workbook = self._open(data)
        self.assertEqual(len(workbook.worksheets), 2)
        rows, total = self._data_rows(workbook.worksheets[0])
        by_category = {r[0]: r for r in rows}
        self.assertEqual(by_category["Plumbing (dashboard)"][1:3], (4, 2))
        self.assertEqual(by_category["Noise (dashboard)"][1:3], (2, 1))
        tickets = self.env["maintenance.request"].search(
            [
                ("property_ticket_type", "!=", False),
                ("company_id", "=", self.company.id),
            ]
        )
        self.assertEqual(total[1], len(tickets))
        self.assertEqual(total[1], sum(r[1] for r in rows))
        _rows_tech, total_tech = self._data_rows(workbook.worksheets[1])
        self.assertEqual(total_tech[1], len(tickets))

    def test_wizard_download(self):
        """A property manager exports through the wizard; a leasing officer may not."""
        wizard_form = Form(self.env["property.report.export"].with_user(self.user_dash_manager))
        wizard_form.report_type = "aging"
        wizard_form.building_ids.add(self.building)
        wizard = wizard_form.save()
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = (
            self.env["ir.attachment"].with_user(self.user_dash_manager).browse(attachment_id)
        )
        self.assertTrue(attachment.name.endswith(".xlsx"))
        sheet = self._open(base64.b64decode(attachment.datas)).worksheets[0]
        self.assertEqual(sheet.cell(1, 1).value, "Arrears Aging")
        with self.assertRaises(AccessError):
            self.env["property.report.export"].with_user(self.user_property).create(
                {"report_type": "rent_roll"}
            )

    def test_chinese_headers(self):
        """With Simplified Chinese loaded, the exports and dashboards speak Chinese."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "property_dashboard")]
        )._update_translations(["zh_CN"])
        Xlsx = self.env["property.report.xlsx"].with_context(lang="zh_CN")
        sheet = self._open(Xlsx._aging_xlsx(self.company, None, self.today)).worksheets[0]
        self.assertEqual(sheet.cell(1, 1).value, "欠费账龄")
        self.assertEqual(sheet.cell(4, 3).value, "1-30 天")
        sheet = self._open(Xlsx._rent_roll_xlsx(self.company, self.building, self.today))
        self.assertEqual(sheet.worksheets[0].title, "租金台账")
        # dashboard titles are translated by the web client from the module's web terms
        web_terms = code_translations.get_web_translations("property_dashboard", "zh_CN")
        messages = {m["id"]: m["string"] for m in web_terms["messages"]}
        self.assertEqual(messages["Collection Rate"], "收缴率")
        self.assertEqual(messages["Units by Status"], "按状态统计房间")

    def test_cron_emails_managers(self):
        """The weekly job (run as the cron user, not in superuser mode) mails each company's
        managers their own company's workbooks, queued and not sent inside the job."""
        manager_c2 = new_test_user(
            self.env,
            login="dash_manager_c2",
            groups="property_tenant.group_property_manager",
            email="c2.manager@example.com",
            company_id=self.company_2.id,
            company_ids=[Command.set(self.company_2.ids)],
        )
        cron_user = self.env.ref("base.user_root")
        self.env["property.report.export"].with_user(cron_user)._cron_email_reports()
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", self.user_dash_manager.partner_id.ids)]
        )
        self.assertEqual(len(mails), 1)
        self.assertEqual(len(mails.attachment_ids), 3)
        self.assertTrue(all(a.name.endswith(".xlsx") for a in mails.attachment_ids))
        self.assertEqual(mails.state, "outgoing", "queued, not sent inside the job")
        mail_c2 = self.env["mail.mail"].search([("recipient_ids", "in", manager_c2.partner_id.ids)])
        self.assertEqual(len(mail_c2), 1)
        self.assertNotIn(manager_c2.partner_id, mails.recipient_ids)
        aging = mail_c2.attachment_ids.filtered(lambda a: a.name.startswith("Arrears"))
        _rows, total = self._data_rows(self._open(aging.raw).worksheets[0])
        expected = sum(
            self.env["account.move"]
            .search(
                [
                    ("company_id", "=", self.company_2.id),
                    ("property_lease_id", "!=", False),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("invoice_date", "<=", self.today),
                ]
            )
            .mapped("amount_residual_signed")
        )
        self.assertAlmostEqual(total[6], expected, 2)
        self.assertGreaterEqual(total[6], 777.0)
