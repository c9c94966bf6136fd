# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.property_maintenance.tests.common import PropertyMaintenanceCommon


@tagged("post_install", "-at_install")
class TestChargeBack(PropertyMaintenanceCommon):
    def _finish(self, ticket, chargeable=True):
        ticket.write(
            {
                "property_work_done": "<p>Replaced the glass the tenant broke.</p>",
                "property_material_ids": [
                    Command.create({"name": "Glass pane", "quantity": 1, "unit_cost": 120.0})
                ],
                "property_labor_cost": 30.0,
                "property_chargeable": chargeable,
            }
        )
        technician = ticket.user_id
        ticket.with_user(technician).action_property_start()
        ticket.with_user(technician).action_property_done()

    def test_chargeable_ticket_bills_the_tenant(self):
        ticket = self._create_ticket(name="Broken window")
        self._finish(ticket)
        self.assertTrue(ticket.property_is_charged)
        self.assertEqual(ticket.property_charge_amount, 150.0)
        charge = ticket.property_charge_ref
        self.assertEqual(charge._name, "property.charge")
        self.assertEqual(charge.lease_id, self.lease_a)
        self.assertEqual(charge.amount, 150.0)
        self.assertFalse(charge.move_id, "billed with the next rent invoice")
        # not twice
        ticket.with_user(self.user_manager).action_property_charge_tenant()
        self.assertEqual(
            self.env["account.move"].search_count([("invoice_origin", "=", ticket.name)]),
            0,
        )

    def test_ticket_without_lease_gets_a_separate_invoice(self):
        ticket = self._create_ticket(
            unit=self.unit_202, name="Damaged door", property_partner_id=self.tenant_b.id
        )
        self.assertFalse(ticket.property_lease_id)
        self._finish(ticket)
        move = ticket.property_charge_move_id
        self.assertEqual(move.partner_id, self.tenant_b)
        self.assertEqual(move.amount_untaxed, 150.0)
        self.assertEqual(move.state, "posted")

    def test_not_chargeable_is_not_billed_until_manager_decides(self):
        ticket = self._create_ticket(name="Worn tap")
        self._finish(ticket, chargeable=False)
        self.assertFalse(ticket.property_is_charged)
        with self.assertRaises(AccessError):
            ticket.with_user(ticket.user_id).action_property_charge_tenant()
        ticket.with_user(self.user_manager).action_property_charge_tenant()
        self.assertTrue(ticket.property_is_charged)

    def test_nothing_to_charge_refused(self):
        ticket = self._create_ticket(name="Advice")
        ticket.write({"property_work_done": "<p>Explained the thermostat.</p>"})
        ticket.with_user(ticket.user_id).action_property_start()
        ticket.with_user(ticket.user_id).action_property_done()
        with self.assertRaises(UserError):
            ticket.with_user(self.user_manager).action_property_charge_tenant()

    def test_charged_ticket_opens_for_technician_and_manager(self):
        ticket = self._create_ticket(name="Broken mirror")
        self._finish(ticket)
        self.assertTrue(ticket.property_is_charged)
        for user in (ticket.user_id, self.user_manager):
            form = Form(
                ticket.with_user(user),
                view="property_maintenance.maintenance_request_view_form_property",
            )
            self.assertTrue(form.property_charge_label, user.login)
