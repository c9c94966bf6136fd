# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form

from .common import PropertyTestCommon

VALID_RIC = "11010519491231002X"
VALID_USCC = "91110000600037341L"


class TestTenantProfile(PropertyTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.china = cls.env.ref("base.cn")
        cls.france = cls.env.ref("base.fr")
        cls.Partner = cls.env["res.partner"].with_user(cls.user_property)

    def _tenant(self, **vals):
        return self.Partner.create(dict({"name": "张三", "is_property_tenant": True}, **vals))

    def test_prc_resident_id(self):
        tenant = self._tenant(
            property_id_document_type="prc_resident_id", property_id_number="11010519491231002x"
        )
        self.assertEqual(tenant.property_id_number, VALID_RIC, "normalised to upper case")
        bad_numbers = {
            "110105194912310021": "check digit",
            "110105194902300020": "birth date",  # 30 February
            "1101051949123100": "number of characters",
        }
        for number, reason in bad_numbers.items():
            with self.subTest(number=number), self.assertRaises(ValidationError) as error:
                tenant.write({"property_id_number": number})
            self.assertIn(reason, str(error.exception))
            tenant.invalidate_recordset()
            self.assertEqual(tenant.property_id_number, VALID_RIC, "nothing written on failure")
        with self.assertRaises(ValidationError):
            self._tenant(
                name="李四",
                property_id_document_type="prc_resident_id",
                property_id_number="11010519491231002",
            )

    def test_uscc(self):
        company = self._tenant(
            name="上海某某科技有限公司",
            is_company=True,
            property_id_document_type="uscc",
            property_id_number=VALID_USCC,
            property_legal_representative="王五",
        )
        self.assertEqual(company.property_legal_representative, "王五")
        with self.assertRaises(ValidationError):
            company.property_id_number = "91110000600037341A"
        # a passport number is not checked against a Chinese checksum
        self._tenant(
            name="John Smith", property_id_document_type="passport", property_id_number="E12345678"
        )

    def test_id_number_unique_per_company(self):
        self._tenant(
            property_id_document_type="prc_resident_id",
            property_id_number=VALID_RIC,
            company_id=self.company.id,
        )
        with self.assertRaises(ValidationError) as error:
            self._tenant(
                name="李四",
                property_id_document_type="prc_resident_id",
                property_id_number=VALID_RIC,
            )
        self.assertIn("already registered", str(error.exception))
        self.assertFalse(
            self.env["res.partner"].search_count([("name", "=", "李四")]), "nothing created"
        )
        other_company = self.env["res.company"].create({"name": "Other Co"})
        self.env["res.partner"].create(
            {
                "name": "李四",
                "company_id": other_company.id,
                "property_id_document_type": "prc_resident_id",
                "property_id_number": VALID_RIC,
            }
        )

    def test_chinese_mobile(self):
        tenant = self._tenant(country_id=self.china.id, mobile="138 0013 8000")
        tenant.mobile = "+86 13900139000"
        for bad in ("12800138000", "1380013800", "138001380000", "23800138000"):
            with self.subTest(mobile=bad), self.assertRaises(ValidationError) as error:
                tenant.mobile = bad
            self.assertIn("Chinese mobile", str(error.exception))
        tenant.invalidate_recordset()
        self.assertEqual(tenant.mobile, "+86 13900139000")

    def test_foreign_phone_e164(self):
        tenant = self._tenant(country_id=self.france.id, mobile="+33 6 12 34 56 78")
        with self.assertRaises(ValidationError):
            tenant.mobile = "+33 6 12"
        with self.assertRaises(ValidationError):
            tenant.phone = "+999 123"
        tenant.phone = "+1 650-253-0000"
        # non-tenants are not checked
        self.env["res.partner"].create({"name": "Supplier", "mobile": "12"})

    def test_email_format(self):
        tenant = self._tenant(email="zhang.san@example.cn")
        for bad in ("zhang.san", "zhang@", "a b@example.com"):
            with self.subTest(email=bad), self.assertRaises(ValidationError):
                tenant.email = bad
        self.assertEqual(tenant.email, "zhang.san@example.cn")

    def test_contacts_and_emergency_contacts(self):
        with Form(self.Partner) as form:
            form.name = "赵六"
            form.is_property_tenant = True
            form.country_id = self.china
            form.mobile = "13800138000"
            form.property_wechat = "zhaoliu_wx"
            with form.property_emergency_contact_ids.new() as contact:
                contact.name = "赵大"
                contact.relationship = "parent"
                contact.phone = "13900139000"
        tenant = form.record
        self.assertEqual(tenant.property_emergency_contact_ids.relationship, "parent")
        child = self.Partner.create(
            {
                "name": "助理",
                "parent_id": tenant.id,
                "property_wechat": "assistant_wx",
                "mobile": "15000150000",
            }
        )
        self.assertEqual(tenant.child_ids, child)
        with self.assertRaises(ValidationError):
            child.mobile = "150001"
        with self.assertRaises(ValidationError):
            tenant.write(
                {"property_emergency_contact_ids": [Command.create({"name": "X", "phone": "1234"})]}
            )

    def test_wechat_is_a_labelled_row_after_the_email(self):
        """The WeChat ID is a row of its own (with its label) right after the tenant's email,
        not inside the label-less div mail wraps the email in."""
        arch = self.Partner.get_views([(self.env.ref("base.view_partner_form").id, "form")])
        form = etree.fromstring(arch["views"]["form"]["arch"])
        rows = form.xpath("//field[@name='property_wechat'][not(ancestor::field)]")
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0].getparent().tag, "group", "a direct row: it gets a label")
        self.assertIn(
            "email", rows[0].getprevious().xpath("./field/@name"), "right after the email"
        )

    def test_identity_scans_only_for_managers(self):
        tenant = self._tenant()
        scan = base64.b64encode(b"\x89PNG\r\n\x1a\n fake scan")
        document = (
            self.env["property.tenant.document"]
            .with_user(self.user_manager)
            .create({"partner_id": tenant.id, "name": "ID card", "scan_front": scan})
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "property.tenant.document"),
                    ("res_id", "=", document.id),
                    ("res_field", "=", "scan_front"),
                ]
            )
        )
        self.assertTrue(attachment)
        self.assertEqual(document.with_user(self.user_manager).scan_front, scan)
        for user in (self.user_property, self.user_technician, self.user_portal_a):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    document.with_user(user).read(["scan_front"])
                with self.assertRaises(AccessError):
                    attachment.with_user(user).read(["datas"])
                with self.assertRaises(AccessError):
                    self.env["property.tenant.document"].with_user(user).create(
                        {"partner_id": tenant.id, "name": "x"}
                    )
