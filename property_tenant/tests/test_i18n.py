# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import ValidationError

from .common import PropertyTestCommon


class TestTranslations(PropertyTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["property_tenant"], ["zh_CN"])
        cls.user_property.lang = "zh_CN"

    def test_errors_and_labels_in_chinese(self):
        lease = self._create_lease()
        self._make_active(lease)
        other = self._create_lease(partner=self.tenant_b, date_start=date(2025, 6, 1))
        other.action_submit()
        other = other.with_user(self.user_manager).with_context(lang="zh_CN")
        with self.assertRaises(ValidationError) as error:
            other.action_approve()
        self.assertIn("已被合同", str(error.exception))
        self.assertIn(lease.name, str(error.exception))
        partner = self.env["res.partner"].with_user(self.user_property).with_context(lang="zh_CN")
        with self.assertRaises(ValidationError) as error:
            partner.create(
                {
                    "name": "王五",
                    "is_property_tenant": True,
                    "country_id": self.env.ref("base.cn").id,
                    "mobile": "123",
                }
            )
        self.assertIn("不是有效的中国大陆手机号码", str(error.exception))
        states = dict(
            self.env["property.lease"]
            .with_context(lang="zh_CN")
            ._fields["state"]
            ._description_selection(self.env(context={"lang": "zh_CN"}))
        )
        self.assertEqual(states["signature"], "待签署")
