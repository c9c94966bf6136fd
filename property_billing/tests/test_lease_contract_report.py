# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import BillingTestCommon

REPORT = "property_tenant.report_lease_contract"


@tagged("post_install", "-at_install")
class TestLeaseContractReport(BillingTestCommon):
    """The contract prints in the tenant's language, with its escalation, rent-free periods
    and recurring fees."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["property_tenant", "property_billing"], ["zh_CN"], overwrite=True
        )
        cls.env.registry.clear_cache()
        cls.addClassCleanup(cls.env.registry.clear_cache)
        cls.lease = cls._create_lease(
            escalation_ids=[
                Command.create({"escalation_type": "percent", "value": 5, "interval_months": 12})
            ],
            rent_free_ids=[
                Command.create(
                    {
                        "date_start": date(2025, 1, 1),
                        "date_end": date(2025, 1, 15),
                        "reason": "Fit-out",
                    }
                )
            ],
            charge_ids=[
                Command.create(
                    {
                        "product_id": cls.env.ref("property_billing.product_management_fee").id,
                        "name": "Management fee 3.5/m2",
                        "basis": "m2",
                        "price": 3.5,
                    }
                )
            ],
        )

    def _render(self):
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.user_manager)
            ._render_qweb_html(REPORT, self.lease.ids)
        )
        return html.decode()

    def test_english_tenant(self):
        self.tenant_a.lang = "en_US"
        html = self._render()
        for term in (
            "Rent Escalation Clause",
            "Rent-free Period",
            "Fit-out",
            "Recurring Charges",
            "Management fee 3.5/m2",
            "Per m² per month",
            "Percentage",
        ):
            self.assertIn(term, html)
        self.assertNotIn("租金递增条款", html)

    def test_chinese_tenant(self):
        self.tenant_a.lang = "zh_CN"
        html = self._render()
        for term in (
            "租赁合同",
            "租金递增条款",
            "免租期",
            "周期性费用",
            "每平方米每月",
            "百分比",
            "Management fee 3.5/m2",
        ):
            self.assertIn(term, html)
        self.assertNotIn("Rent Escalation Clause", html)
        self.assertNotIn("Recurring Charges", html)
