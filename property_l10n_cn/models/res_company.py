# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _get_property_cn_vat_taxes(self):
        """{property product XML id: l10n_cn sales tax template XML id}. VAT of a general
        taxpayer: leasing of real estate (rent and its turnover top-up, parking spaces) 9%,
        property management services (物业费) 6%. Deposits are a liability and carry no VAT;
        utilities re-billed at cost are left to the accountant."""
        return {
            "property_billing.product_rent": "l10n_cn_sales_excluded_9",
            "property_billing.product_parking": "l10n_cn_sales_excluded_9",
            # the turnover top-up of a shop lease (保底+抽成) is rent as well
            "property_billing.product_turnover_rent": "l10n_cn_sales_excluded_9",
            "property_billing.product_management_fee": "l10n_cn_sales_excluded_6",
        }

    def _property_cn_apply_vat(self):
        """Give the property products the VAT of these companies on China's chart of
        accounts (the products are shared: each company's taxes sit side by side on them and
        an invoice takes those of its own company)."""
        for company in self:
            ChartTemplate = self.env["account.chart.template"].with_company(company)
            for product_xmlid, tax_xmlid in self._get_property_cn_vat_taxes().items():
                product = self.env.ref(product_xmlid, raise_if_not_found=False)
                tax = ChartTemplate.ref(tax_xmlid, raise_if_not_found=False)
                if not product or not tax:
                    continue
                own = product.taxes_id.filtered(lambda t, c=company: t.company_id == c)
                product.taxes_id = [
                    *(Command.unlink(t.id) for t in own - tax),
                    Command.link(tax.id),
                ]

    def _property_cn_demo_load_chart(self):
        """Demo data: China's chart of accounts ('cn', small business) on these companies,
        without the chart's own demo entries, then the VAT of the property products. Called
        while the module installs, when the registry is still loading: the chart is loaded as
        try_loading() does once its checks are made (it warns in that state unless it also
        loads the chart's demo invoices)."""
        ChartTemplate = self.env["account.chart.template"]
        for company in self:
            if company.chart_template != "cn":
                ChartTemplate._load("cn", company, install_demo=False)
        self._property_cn_apply_vat()
