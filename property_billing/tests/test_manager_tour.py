# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestManagerTour(BillingTestCommon, HttpCase):
    """A property manager onboards a new tenant through the menus, from an empty building to
    the key handover; the accountant's payments activate the lease in between."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a Chinese company: the new tenant's mobile is checked as a Chinese number
        cls.company.country_id = cls.env.ref("base.cn")

    def test_manager_onboards_a_tenant_from_the_menus(self):
        self.start_tour(
            "/odoo",
            "property_manager_onboarding_tour",
            login=self.user_manager.login,
            timeout=300,
        )
        building = self.env["property.building"].search([("name", "=", "Harbour View")])
        self.assertEqual(building.company_id, self.company)
        self.assertEqual(building.floor_ids.mapped("name"), ["HV 1F", "HV 2F"])
        unit = self.env["property.unit"].search([("code", "=", "HV-101")])
        self.assertEqual((unit.building_id, unit.floor_id.name), (building, "HV 1F"))
        tenant = self.env["res.partner"].search([("name", "=", "Li Na")])
        self.assertTrue(tenant.is_property_tenant)
        self.assertEqual(tenant.country_id, self.company.country_id)
        self.assertEqual(tenant.mobile, "+86 138 0013 8000", "formatted for the country")
        self.assertEqual(tenant.property_id_number, "11010519491231002X")
        lease = self.env["property.lease"].search([("partner_id", "=", tenant.id)])
        self.assertEqual(lease.state, "deposit")
        self.assertEqual(lease.unit_ids, unit)
        self.assertEqual(lease.escalation_ids.value, 5.0)
        self.assertEqual(lease.rent_free_ids.reason, "Fit-out")
        self.assertEqual(lease.signed_contract_name, "signed_contract.png")
        self.assertTrue(lease.signed_contract)
        deposit = lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit")
        rent = lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "rent")
        self.assertEqual(deposit.amount_total, 6000.0)
        self.assertEqual(len(rent), 1, "the first rent is invoiced on signature")
        self.assertEqual((deposit | rent).mapped("state"), ["posted", "posted"])
        # the first two weeks are free: the first rent is the rest of the month
        self.assertEqual(rent.amount_total, lease.schedule_line_ids[:1].amount)
        self.assertLess(rent.amount_total, 3000.0)

        # the accountant registers both payments: the lease becomes active by itself
        self._pay(deposit | rent)
        self.assertEqual(lease.state, "active")

        self.start_tour(
            "/odoo",
            "property_manager_handover_tour",
            login=self.user_manager.login,
            timeout=180,
        )
        self.assertEqual(lease.key_ids.mapped("name"), ["Front door"])
        self.assertEqual(lease.key_ids.quantity, 2)
        self.assertEqual(lease.key_count, 2)
        handover = self.env.ref("property_tenant.mail_activity_type_key_handover")
        self.assertFalse(lease.activity_ids.filtered(lambda a: a.activity_type_id == handover))
