# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from stdnum.cn import ric, uscc

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, tagged

from odoo.addons.property_tenant.models.res_partner import CN_MOBILE_RE

OUR_ADDONS = ["property_tenant", "property_billing", "property_l10n_cn"]


class CnDemoCommon:
    @classmethod
    def _setup_cn_demo(cls):
        cls.company = cls.env.ref("property_l10n_cn.res_company_cn_demo")
        cls.main_company = cls.env.ref("base.main_company")
        cls.manager = cls.env.ref("property_l10n_cn.res_users_cn_manager_demo")
        cls.ChartTemplate = cls.env["account.chart.template"].with_company(cls.company)
        cls.vat_9 = cls.ChartTemplate.ref("l10n_cn_sales_excluded_9")
        cls.vat_6 = cls.ChartTemplate.ref("l10n_cn_sales_excluded_6")
        cls.leases = cls.env["property.lease"].search([("company_id", "=", cls.company.id)])


@tagged("post_install", "-at_install")
class TestChineseDemoCompany(CnDemoCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_cn_demo()

    def test_company_in_cny_on_the_chinese_chart(self):
        self.assertEqual(self.company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(self.company.chart_template, "cn")
        self.assertEqual(self.company.country_id, self.env.ref("base.cn"))
        self.assertTrue(uscc.is_valid(self.company.vat))

    def test_own_portfolio_and_leases(self):
        buildings = self.env["property.building"].search([("company_id", "=", self.company.id)])
        self.assertEqual(sorted(buildings.mapped("code")), ["PJ3", "PJC"])
        self.assertEqual(len(buildings.unit_ids), 9)
        self.assertEqual(
            sorted(self.leases.mapped("state")),
            ["active", "active", "active", "active", "deposit", "draft"],
        )
        self.assertEqual(self.leases.line_ids.unit_id.building_id, buildings)
        self.assertEqual(self.leases.currency_id, self.company.currency_id)

    def test_chinese_tenants(self):
        tenants = self.leases.partner_id
        self.assertEqual(len(tenants), 6)
        self.assertEqual(set(tenants.mapped("lang")), {"zh_CN"})
        self.assertEqual(tenants.company_id, self.company)
        people = tenants.filtered(lambda p: p.property_id_document_type == "prc_resident_id")
        self.assertEqual(len(people), 5)
        for person in people:
            self.assertTrue(ric.is_valid(person.property_id_number), person.name)
            self.assertRegex(person.mobile, CN_MOBILE_RE)
        (company,) = tenants - people
        self.assertEqual(company.property_id_document_type, "uscc")
        self.assertTrue(uscc.is_valid(company.property_id_number))
        self.assertTrue(company.property_legal_representative)

    def test_vat_9_on_rent_and_6_on_property_fees(self):
        rents = self.leases.invoice_ids.filtered(
            lambda m: m.property_invoice_kind == "rent" and m.state == "posted"
        )
        self.assertTrue(rents, "the demo bills the running leases")
        self.assertEqual(rents.currency_id, self.company.currency_id)
        rent_product = self.env.ref("property_billing.product_rent")
        fee_product = self.env.ref("property_billing.product_management_fee")
        parking = self.env.ref("property_billing.product_parking")
        lines = rents.invoice_line_ids
        rent_lines = lines.filtered(lambda ln: ln.product_id == rent_product)
        fee_lines = lines.filtered(lambda ln: ln.product_id == fee_product)
        parking_lines = lines.filtered(lambda ln: ln.product_id == parking)
        self.assertTrue(rent_lines and fee_lines and parking_lines)
        for line in rent_lines | parking_lines:
            self.assertEqual(line.tax_ids, self.vat_9, line.name)
        for line in fee_lines:
            self.assertEqual(line.tax_ids, self.vat_6, line.name)
        vat_payable = self.ChartTemplate.ref("l10n_cn_common_account_2221")
        cny = self.company.currency_id
        for move in rents:
            expected = sum(
                cny.round(ln.price_subtotal * (0.06 if ln.product_id == fee_product else 0.09))
                for ln in move.invoice_line_ids
            )
            delta = 0.011 * len(move.invoice_line_ids)  # rounding per line or per tax
            self.assertAlmostEqual(move.amount_tax, expected, delta=delta)
            tax_lines = move.line_ids.filtered(lambda ln: ln.display_type == "tax")
            self.assertEqual(tax_lines.account_id, vat_payable)
        deposits = self.leases.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit")
        self.assertFalse(deposits.invoice_line_ids.tax_ids, "no VAT on a security deposit")

    def test_billed_like_the_main_demo(self):
        """Deposits and past rent of the running leases are paid (some rent left overdue), the
        lease awaiting its deposit has an unpaid deposit invoice, the draft one nothing."""
        running = self.leases.filtered(lambda lease: lease.state == "active")
        for lease in running:
            deposit = lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit")
            self.assertEqual(deposit.payment_state, "paid", lease.name)
        paid = running.invoice_ids.filtered(lambda m: m.payment_state in ("paid", "in_payment"))
        self.assertGreater(len(paid), len(running))
        waiting = self.leases.filtered(lambda lease: lease.state == "deposit")
        self.assertEqual(waiting.invoice_ids.mapped("property_invoice_kind"), ["deposit"])
        self.assertEqual(waiting.invoice_ids.payment_state, "not_paid")
        self.assertFalse(self.leases.filtered(lambda lease: lease.state == "draft").invoice_ids)

    def test_chinese_manager_works_in_the_chinese_company_only(self):
        self.assertEqual(self.manager.lang, "zh_CN")
        self.assertEqual(self.manager.company_id, self.company)
        self.assertEqual(self.manager.company_ids, self.company)
        as_manager = self.env["property.lease"].with_user(self.manager)
        self.assertEqual(as_manager.search([]), self.leases)
        buildings = self.env["property.building"].with_user(self.manager).search([])
        self.assertEqual(buildings.company_id, self.company)

    def test_main_company_keeps_working(self):
        """The main demo company's leases, invoices and taxes are its own: no CNY, no
        Chinese VAT, and its users do not see the Chinese company."""
        main_leases = self.env["property.lease"].search([("company_id", "=", self.main_company.id)])
        self.assertTrue(main_leases)
        moves = main_leases.invoice_ids.filtered(lambda m: m.state == "posted")
        self.assertTrue(moves)
        self.assertEqual(moves.company_id, self.main_company)
        self.assertNotIn(self.company, moves.invoice_line_ids.tax_ids.company_id)
        self.assertNotIn(self.env.ref("base.CNY"), moves.currency_id)
        housekeeper = self.env.ref("base.user_demo")
        self.assertNotIn(self.company, housekeeper.company_ids)
        seen = self.env["property.lease"].with_user(housekeeper).search([])
        self.assertFalse(seen & self.leases)
        self.assertTrue(seen)
        # the main company bills its next period with its own taxes, none of China's
        lease = main_leases.filtered(lambda ls: ls.state == "active" and ls.next_invoice_date)[:1]
        before = lease.invoice_ids
        lease.with_company(self.main_company)._generate_invoices_locked(lease.next_invoice_date)
        new = lease.invoice_ids - before
        self.assertTrue(new)
        self.assertNotIn(self.company, new.invoice_line_ids.tax_ids.company_id)

    def test_turnover_rent_carries_the_rent_vat(self):
        """The turnover top-up of a shop lease is rent: 9 %, like the rent it tops up."""
        turnover = self.env.ref("property_billing.product_turnover_rent")
        rent = self.env.ref("property_billing.product_rent")
        own = turnover.taxes_id.filtered(lambda t: t.company_id == self.company)
        self.assertEqual(own, self.vat_9)
        self.assertEqual(own, rent.taxes_id.filtered(lambda t: t.company_id == self.company))
        lease = self.leases.filtered(lambda ls: ls.state == "active")[:1]
        move = (
            self.env["account.move"]
            .with_company(self.company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": lease.partner_id.id,
                    "invoice_line_ids": [
                        Command.create({"product_id": turnover.id, "price_unit": 1000.0})
                    ],
                }
            )
        )
        self.assertEqual(move.invoice_line_ids.tax_ids, self.vat_9)
        self.assertAlmostEqual(move.amount_tax, 90.0)

    def test_apply_vat_is_idempotent(self):
        rent = self.env.ref("property_billing.product_rent")
        before = rent.taxes_id
        self.company._property_cn_apply_vat()
        self.assertEqual(rent.taxes_id, before)
        self.assertEqual(rent.taxes_id.filtered(lambda t: t.company_id == self.company), self.vat_9)


@tagged("post_install", "-at_install")
class TestChineseManagerTour(CnDemoCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_cn_demo()
        # our addons' Chinese terms (the test database does not load every addon's zh_CN)
        cls.env["ir.module.module"]._load_module_terms(OUR_ADDONS, ["zh_CN"], overwrite=True)
        cls.env.registry.clear_cache()
        cls.addClassCleanup(cls.env.registry.clear_cache)

    def test_manager_sees_his_company_in_chinese(self):
        self.start_tour("/odoo", "property_l10n_cn_manager", login="cn.manager")
