# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
from datetime import date

from odoo import Command, fields
from odoo.exceptions import ValidationError

from .common import PropertyTestCommon

REPORT = "property_tenant.report_lease_contract"
ID_NUMBER = "11010519491231002X"


class TestContractTemplate(PropertyTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["property_tenant"], ["zh_CN"])
        cls.tenant_a.write(
            {"property_id_number": ID_NUMBER, "property_id_document_type": "prc_resident_id"}
        )
        cls.lease = cls._create_lease(
            units=cls.unit_101 | cls.unit_102,
            payment_cycle="monthly",
            note="<p>Pets allowed on the balcony.</p>",
            escalation_ids=[
                Command.create(
                    {
                        "escalation_type": "percent",
                        "value": 5,
                        "interval_months": 6,
                        "date_start": date(2025, 7, 1),
                    }
                )
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
        )

    def _html(self, lease=None, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.user_property)
        return Report._render_qweb_html(REPORT, (lease or self.lease).ids)[0].decode()

    def test_every_placeholder_in_both_languages(self):
        lease = self.lease
        common = (
            lease.name,
            "Tenant A",
            self.company.name,
            "Test Tower",
            "101",
            "102",
            "1F",
            "Fit-out",
            "Pets allowed on the balcony.",
            ID_NUMBER,  # the parties, for a leasing officer
        )
        self.tenant_a.lang = "en_US"
        html = self._html()
        for term in common + (
            "The Landlord",
            "01/01/2025",
            "12/31/2025",
            "Monthly",
            "6,000.00",
            "Rent Escalation Clause",
            "Percentage",
            "Rent-free Period",
            "Total",
        ):
            self.assertIn(term, html)
        self.assertNotIn("租金递增条款", html)
        for period in lease.schedule_line_ids:
            self.assertIn(f"{period.amount:,.2f}", html)

        self.tenant_a.lang = "zh_CN"
        html = self._html()
        for term in common + (
            "租赁合同",
            "出租方",
            "二、租赁房屋",
            "月付",
            "租金递增条款",
            "百分比",
            "免租期",
            "合计",
        ):
            self.assertIn(term, html)
        self.assertNotIn("Rent Escalation Clause", html)
        self.assertNotIn("The Landlord", html)

    def test_company_template_and_identity_placeholder(self):
        template = self.env["property.contract.template"].create(
            {
                "name": "Shop lease",
                "company_id": self.company.id,
                "language": "en_US",
                "body_html": "<p>Shop <t t-out='object.line_ids.unit_id.mapped(\"code\")'/> "
                "for <t t-out='object.partner_id.name'/></p>",
            }
        )
        self.tenant_a.lang = "en_US"
        html = self._html()
        self.assertIn("Shop [&#39;101&#39;, &#39;102&#39;] for Tenant A", html)
        self.assertNotIn("The Landlord", html, "the company's own template wins")
        shop = self.env["property.lease.type"].create({"name": "Shop", "code": "SHOPX"})
        by_type = template.copy({"name": "Shop lease by type", "lease_type_id": shop.id})
        by_type.body_html = "<p>Retail terms for <t t-out='object.partner_id.name'/></p>"
        self.lease.lease_type_id = shop
        found = self.env["property.contract.template"]._find_for_lease(self.lease)
        self.assertEqual(self.lease.lease_type_id, shop)
        self.assertEqual(found, by_type, f"{found.mapped('name')} {by_type.lease_type_id}")
        self.assertIn("Retail terms for Tenant A", self._html(), "the lease type's template")
        with self.assertRaises(ValidationError):
            template.body_html = "<p><t t-out='object.partner_id.property_id_number'/></p>"

    def test_freeze_and_hash(self):
        self.tenant_a.lang = "en_US"
        lease = self.lease
        lease.action_submit()
        lease.with_user(self.user_manager).action_approve()
        self.assertEqual(lease.state, "signature")
        self.assertIn("The Landlord", lease.contract_html)
        attachment = lease.contract_attachment_id
        self.assertEqual((attachment.res_model, attachment.res_id), ("property.lease", lease.id))
        self.assertEqual(lease.contract_sha256, hashlib.sha256(attachment.raw).hexdigest())
        self.assertNotIn(ID_NUMBER, attachment.raw.decode(), "copies kept carry no ID number")

        # the template changes afterwards: the frozen contract does not
        template = self.env.ref("property_tenant.property_contract_template_default_en")
        template.body_html = "<p>New wording for <t t-out='object.partner_id.name'/></p>"
        html = self._html()
        self.assertIn("The Landlord", html)
        self.assertNotIn("New wording", html)
        self.tenant_b.lang = "en_US"
        other = self._create_lease(units=self.unit_201, partner=self.tenant_b)
        self.assertIn("New wording for Tenant B", self._html(other))

        # signed online: the signed copy shows signature, signer, date and the hash
        signature = (
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg"
            "AAAABJRU5ErkJggg=="
        )
        lease.write(
            {
                "signed_by": "Tenant A Signer",
                "signed_on": fields.Datetime.to_datetime("2025-01-02 10:00:00"),
                "signature": signature,
            }
        )
        lease.action_mark_signed()
        signed = lease.signed_contract_attachment_id
        self.assertTrue(signed)
        body = signed.raw.decode()
        shown = ("Tenant A Signer", "01/02/2025", lease.contract_sha256, "data:image/png;base64")
        for term in shown:
            self.assertIn(term, body)
        self.assertNotIn(ID_NUMBER, body)
