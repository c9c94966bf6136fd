# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import float_round

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestChineseAccounting(BillingTestCommon):
    """Billing of a company on China's chart of accounts (l10n_cn, template 'cn') in CNY."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        l10n_cn = cls.env["ir.module.module"].search(
            [("name", "=", "l10n_cn"), ("state", "=", "installed")]
        )
        if not l10n_cn:
            raise AssertionError(
                "l10n_cn is not installed in this database: ./dev test installs it "
                "(TEST_EXTRA_MODULES), the Chinese accounting test cannot run without it."
            )
        cls.cn = cls.env["res.company"].create(
            {"name": "上海物业管理有限公司", "country_id": cls.env.ref("base.cn").id}
        )
        cls.env.user.company_ids |= cls.cn
        cls.env["account.chart.template"].try_loading("cn", cls.cn, install_demo=False)
        cls.cn.fiscalyear_lock_date = False
        ChartTemplate = cls.env["account.chart.template"].with_company(cls.cn)
        cls.receivable = ChartTemplate.ref("l10n_cn_common_account_1122")
        cls.revenue = ChartTemplate.ref("l10n_cn_account_5001")
        cls.vat_payable = ChartTemplate.ref("l10n_cn_common_account_2221")
        # leasing of real estate: 9% VAT on the rent product of this company
        cls.vat_9 = ChartTemplate.ref("l10n_cn_sales_excluded_9")
        cls.product_rent.taxes_id = [Command.link(cls.vat_9.id)]

        cls.accountant_cn = new_test_user(
            cls.env,
            login="cn_accountant",
            name="会计",
            company_id=cls.cn.id,
            company_ids=[Command.set(cls.cn.ids)],
            groups="account.group_account_invoice,property_tenant.group_property_user",
        )
        cls.building_cn = cls.env["property.building"].create(
            {"name": "静安大厦", "code": "JA", "company_id": cls.cn.id}
        )
        cls.units_cn = cls.env["property.unit"].create(
            [
                {
                    "code": f"JA{i}",
                    "building_id": cls.building_cn.id,
                    "area": 45.0,
                    "unit_type_id": cls.unit_type.id,
                }
                for i in range(2)
            ]
        )
        cls.tenant_cn = cls.env["res.partner"].create({"name": "张伟", "is_property_tenant": True})
        Lease = cls.env["property.lease"].with_company(cls.cn)
        # an awkward rent and a calendar-aligned start mid-month: prorated amounts
        cls.lease_cn = Lease.create(
            {
                "company_id": cls.cn.id,
                "partner_id": cls.tenant_cn.id,
                "date_start": date(2025, 1, 17),
                "date_end": date(2025, 12, 31),
                "rent_price": 3333.33,
                "deposit_amount": 6666.66,
                "billing_alignment": "calendar",
                "line_ids": [Command.create({"unit_id": cls.units_cn[0].id})],
            }
        )
        cls._activate_direct(cls.lease_cn)

    def test_rent_invoices_in_cny_on_the_chinese_chart(self):
        cny = self.env.ref("base.CNY")
        self.assertEqual(self.cn.currency_id, cny)
        self.assertEqual(self.cn.chart_template, "cn")
        self.assertEqual(self.lease_cn.currency_id, cny)
        moves = self.lease_cn._generate_invoices(date(2025, 2, 1))
        self.assertEqual(len(moves), 2, "January (17-31) and February")
        journal = self.cn._property_get_rent_journal()
        for move in moves:
            self.assertEqual(move.state, "posted")
            self.assertEqual(move.company_id, self.cn)
            self.assertEqual(move.journal_id, journal)
            self.assertEqual(move.currency_id, cny)
            receivable = move.line_ids.filtered(lambda ln: ln.display_type == "payment_term")
            self.assertEqual(receivable.account_id, self.receivable)
            rent_line = move.invoice_line_ids
            self.assertEqual(rent_line.account_id, self.revenue)
            self.assertEqual(rent_line.tax_ids, self.vat_9)
            tax_line = move.line_ids.filtered(lambda ln: ln.display_type == "tax")
            self.assertEqual(tax_line.account_id, self.vat_payable)
            # VAT 9% on the rent, rounded to the fen (0.01 CNY)
            self.assertAlmostEqual(
                move.amount_tax, cny.round(rent_line.price_subtotal * 0.09), places=2
            )
            for amount in (
                move.amount_untaxed,
                move.amount_tax,
                move.amount_total,
                *move.line_ids.mapped("balance"),
            ):
                self.assertEqual(amount, float_round(amount, precision_rounding=0.01))
            self.assertBalanced(move)
        january, february = moves.sorted("property_period_start")
        # 15 of 31 days of 3,333.33
        self.assertEqual(january.amount_untaxed, cny.round(3333.33 * 15 / 31))
        self.assertEqual(january.amount_untaxed, 1612.90)
        self.assertEqual(january.amount_tax, 145.16)
        self.assertEqual(january.amount_total, 1758.06)
        self.assertEqual(february.amount_untaxed, 3333.33)
        self.assertEqual(february.amount_tax, 300.0)
        self.lease_cn.invalidate_recordset()
        self.assertAlmostEqual(self.lease_cn.amount_invoiced, 5391.39, places=2)

    def test_deposit_liability_in_the_chinese_chart(self):
        account = self.cn._property_get_deposit_account()
        self.assertEqual(account.company_ids, self.cn)
        self.assertEqual(account.account_type, "liability_current")
        self.assertNotEqual(account, self.deposit_account, "one deposit account per company")
        deposit = self.lease_cn.with_company(self.cn)._create_deposit_invoices()
        self.assertEqual(deposit.currency_id, self.env.ref("base.CNY"))
        line = deposit.invoice_line_ids
        self.assertEqual(line.account_id, account)
        self.assertFalse(line.tax_ids, "no VAT on a security deposit")
        self.assertEqual(deposit.amount_total, 6666.66)
        self.lease_cn.invalidate_recordset()
        self.assertEqual(
            self.lease_cn.deposit_balance, 0.0, "invoiced on the liability, not received yet"
        )

    def test_fapiao_on_a_chinese_invoice(self):
        move = self.lease_cn._generate_invoices(date(2025, 1, 17))
        self.assertEqual(len(move), 1)
        move = move.with_user(self.accountant_cn)
        move.action_fapiao_request()
        self.assertEqual(move.property_fapiao_state, "requested")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            move.write({"property_fapiao_state": "issued"})
        with Form(move) as form:
            form.property_fapiao_state = "issued"
            form.property_fapiao_number = "24312000000012345678"
            form.property_fapiao_date = date(2025, 1, 20)
        self.assertEqual(move.property_fapiao_state, "issued")
        self.assertEqual(move.property_fapiao_number, "24312000000012345678")
        # a full credit note of the invoice belongs to the same lease and period
        reversal = (
            self.env["account.move.reversal"]
            .with_user(self.accountant_cn)
            .with_context(active_model="account.move", active_ids=move.ids)
            .create({"reason": "红字发票", "journal_id": move.journal_id.id})
        )
        credit_note = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        self.assertEqual(credit_note.property_lease_id, self.lease_cn)
        self.assertEqual(credit_note.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(
            credit_note.property_fapiao_state, "none", "the red-letter fapiao is its own"
        )

    def test_billing_run_preview_totals_are_the_posted_totals(self):
        """A billing run of the Chinese company: the preview's untaxed, tax and total, per
        kind and per lease, are those of the invoices the run then posts (9% VAT on the
        rent, 6% on the property fee, an untaxed one-off credit). The credit is larger than
        the untaxed rent but not than its total: the invoice can be posted, and the
        preview does not report it as failing."""
        ChartTemplate = self.env["account.chart.template"].with_company(self.cn)
        vat_6 = ChartTemplate.ref("l10n_cn_sales_excluded_6")
        fee = self.env.ref("property_billing.product_management_fee")
        fee.taxes_id = [Command.link(vat_6.id)]
        self.env["property.lease.charge"].create(
            {"lease_id": self.lease_cn.id, "product_id": fee.id, "price": 456.78}
        )
        tenant = self.env["res.partner"].create({"name": "李娜", "is_property_tenant": True})
        lease_2 = (
            self.env["property.lease"]
            .with_company(self.cn)
            .create(
                {
                    "company_id": self.cn.id,
                    "partner_id": tenant.id,
                    "date_start": date(2025, 1, 1),
                    "date_end": date(2025, 12, 31),
                    "rent_price": 1000.0,
                    "line_ids": [Command.create({"unit_id": self.units_cn[1].id})],
                }
            )
        )
        self._activate_direct(lease_2)
        self.env["property.charge"].create(
            {
                "lease_id": lease_2.id,
                "name": "Goodwill credit",
                "product_id": self.env.ref("property_billing.product_other_charge").id,
                "amount": -1050.0,
                "date": date(2025, 1, 10),
            }
        )
        self.env.ref("property_billing.product_other_charge").taxes_id = [Command.clear()]
        run = (
            self.env["property.billing.run"]
            .with_user(self.accountant_cn)
            .with_company(self.cn)
            .create({"company_id": self.cn.id, "date_ref": date(2025, 2, 1)})
        )
        run.action_preview()
        self.assertEqual(set(run.line_ids.mapped("preview_state")), {"bill"})
        self.assertEqual(run.preview_failure_count, 0)
        run.action_approve()
        run.action_run()
        run._execute()
        self.assertEqual(run.state, "done")
        moves = run.line_ids.move_ids
        self.assertEqual(len(moves), run.preview_invoice_count)
        cny = self.cn.currency_id

        def kind_amounts(lines):
            rent = lines.filtered(
                lambda ln: ln.product_id == self.product_rent and not ln.property_charge_id
            )
            charges = lines - rent
            return [
                (sum(group.mapped("price_subtotal")), sum(group.mapped("price_total")))
                for group in (rent, charges)
            ]

        for line in run.line_ids:
            line_moves = line.move_ids
            self.assertEqual(len(line_moves), line.preview_invoice_count)
            for preview, posted in (
                (line.preview_amount_untaxed, sum(line_moves.mapped("amount_untaxed"))),
                (line.preview_amount_tax, sum(line_moves.mapped("amount_tax"))),
                (line.preview_amount_total, sum(line_moves.mapped("amount_total"))),
            ):
                self.assertEqual(cny.compare_amounts(preview, posted), 0, (preview, posted))
            (rent, rent_total), (charges, charges_total) = kind_amounts(line_moves.invoice_line_ids)
            self.assertEqual(cny.compare_amounts(line.preview_amount_rent, rent), 0)
            self.assertEqual(cny.compare_amounts(line.preview_amount_charges, charges), 0)
            self.assertEqual(
                cny.compare_amounts(line.preview_amount_rent + line.preview_tax_rent, rent_total),
                0,
            )
            self.assertEqual(
                cny.compare_amounts(
                    line.preview_amount_charges + line.preview_tax_charges, charges_total
                ),
                0,
            )
        self.assertEqual(cny.compare_amounts(run.preview_amount_total, run.amount_total_billed), 0)
        self.assertEqual(
            cny.compare_amounts(run.preview_amount_untaxed, run.amount_untaxed_billed), 0
        )
        self.assertEqual(
            cny.compare_amounts(run.preview_amount_tax, sum(moves.mapped("amount_tax"))),
            0,
        )
        self.assertGreater(run.preview_amount_tax, 0.0)
        # January of lease 2: 1,000 + 9% - 1,050 = 40.00 (untaxed -50.00)
        january_2 = moves.filtered(
            lambda m: m.property_lease_id == lease_2 and m.property_period_start == date(2025, 1, 1)
        )
        self.assertEqual(january_2.amount_untaxed, -50.0)
        self.assertEqual(january_2.amount_total, 40.0)
        self.assertIn(self.cn.name, run.preview_summary)
        self.assertIn("静安大厦", run.preview_summary)
