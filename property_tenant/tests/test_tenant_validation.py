# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from stdnum.cn import ric

from odoo.exceptions import ValidationError
from odoo.tests import Form
from odoo.tools.safe_eval import safe_eval

from .common import PropertyTestCommon


def resident_id(first17):
    """A resident ID with a correct check digit."""
    return first17 + ric.calc_check_digit(first17 + "0")


class TestTenantValidation(PropertyTestCommon):
    """New tenants: the company's country by default, resident IDs checked part by part."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.country_id = cls.env.ref("base.cn")
        cls.Partner = cls.env["res.partner"].with_user(cls.user_property)

    def _new_tenant_form(self):
        action = self.env.ref("property_tenant.res_partner_action_tenant")
        return Form(self.Partner.with_context(**safe_eval(action.context)))

    def test_new_tenant_defaults_company_country(self):
        form = self._new_tenant_form()
        self.assertEqual(form.country_id, self.env.ref("base.cn"))
        form.name = "王五"
        form.mobile = "1381234567"  # 10 digits: a digit is missing
        with self.assertRaises(ValidationError) as error:
            form.save()
        self.assertIn("11 digits", str(error.exception))
        form.mobile = "138 1234 5678"
        tenant = form.save()
        self.assertEqual(tenant.country_id.code, "CN")

    def test_unknown_region_is_a_warning(self):
        """Region 990105 is not in today's list; the rest of the number is right."""
        number = resident_id("99010519491231002")
        with self.assertRaises(Exception):  # noqa: B017 - stdnum refuses it outright
            ric.validate(number)
        tenant = self.Partner.create(
            {
                "name": "赵六",
                "is_property_tenant": True,
                "property_id_document_type": "prc_resident_id",
                "property_id_number": number,
            }
        )
        self.assertEqual(tenant.property_id_number, number)
        warning = tenant._onchange_id_number_region()["warning"]
        self.assertIn("990105", warning["message"])
        self.assertFalse(
            self.Partner.new(
                {
                    "property_id_document_type": "prc_resident_id",
                    "property_id_number": resident_id("11010519491231002"),
                }
            )._onchange_id_number_region()
        )

    def test_message_names_the_wrong_part(self):
        good = resident_id("11010519491231002")
        wrong_digit = good[:-1] + ("1" if good[-1] != "1" else "2")
        cases = {
            wrong_digit: f"should be {good[-1]}",
            resident_id("11010520991231002"): "birth date 20991231",  # not born yet
            resident_id("11010519490230002"): "birth date 19490230",  # 30 February
            "11010519491231A02X": "invalid characters",
            good[:-2]: "18 characters",
        }
        tenant = self.Partner.create({"name": "孙七", "is_property_tenant": True})
        for number, part in cases.items():
            with self.subTest(number=number), self.assertRaises(ValidationError) as error:
                tenant.write(
                    {"property_id_document_type": "prc_resident_id", "property_id_number": number}
                )
            self.assertIn(part, str(error.exception))
