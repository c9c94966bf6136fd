# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date
from unittest.mock import patch

from odoo.tests import Form, tagged

from odoo.addons.property_billing.models import property_lease as billing_lease

from .common import BillingTestCommon

MARK = "via _prepare_invoice_vals"


@tagged("post_install", "-at_install")
class TestInvoiceHooks(BillingTestCommon):
    """Every builder goes through the lease's invoice hooks, so that one override changes
    every invoice of a lease; the separate-invoice paths create their invoices at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lease_a = cls._activate_direct(cls._create_lease(units=cls.spare_units[0]))
        cls.lease_b = cls._activate_direct(
            cls._create_lease(units=cls.spare_units[1], partner=cls.tenant_b)
        )

    def _patch_header(self):
        Lease = billing_lease.PropertyLease
        original = Lease._prepare_invoice_vals

        def marked(lease, kind, invoice_date, **kwargs):
            vals = original(lease, kind, invoice_date, **kwargs)
            vals["ref"] = f"{MARK} {kind}"
            return vals

        return patch.object(Lease, "_prepare_invoice_vals", marked)

    def _charge(self, lease, name, amount, day=date(2024, 12, 20)):
        return self.env["property.charge"].create(
            {"lease_id": lease.id, "name": name, "amount": amount, "date": day}
        )

    def test_header_hook_used_by_every_builder(self):
        meter = self.env["property.meter"].create(
            {
                "name": "W-HOOK",
                "unit_id": self.spare_units[1].id,
                "meter_type": "water",
                "tariff_id": self.env["property.utility.tariff"]
                .create({"name": "Water", "meter_type": "water", "pricing": "flat", "price": 2})
                .id,
            }
        )
        Reading = self.env["property.meter.reading"]
        Reading.create({"meter_id": meter.id, "date": date(2025, 1, 1), "value": 10})
        reading = Reading.create({"meter_id": meter.id, "date": date(2025, 1, 5), "value": 30})
        charge = self._charge(self.lease_a, "Key replacement", 80.0)
        lock = self._charge(self.lease_b, "Lock", 50.0)
        signed = self._create_lease(units=self.spare_units[2])
        with self._patch_header():
            rent = self.lease_a._generate_invoices(date(2025, 1, 1))
            charge_moves = lock._action_invoice_separately()
            utility = reading._invoice_separately()
            signed.action_submit()
            signed.action_approve()
            signed.action_mark_signed()
            self._pay(signed.invoice_ids.filtered(lambda m: m.property_invoice_kind == "deposit"))
            wizard_form = Form(
                self.env["property.deposit.settlement"]
                .with_user(self.user_accountant)
                .with_context(active_model="property.lease", active_id=signed.id)
            )
            with wizard_form.line_ids.new() as line:
                line.name = "Cleaning"
                line.amount = 300.0
            wizard_form.save().action_confirm()
        self.assertEqual(rent.ref, f"{MARK} rent")
        self.assertEqual(charge.move_id, rent, "the pending charge rides on the rent invoice")
        self.assertEqual(charge_moves.ref, f"{MARK} charge")
        self.assertEqual(utility.ref, f"{MARK} utility")
        self.assertEqual(reading.move_id, utility)
        by_kind = {(m.property_invoice_kind, m.move_type): m.ref for m in signed.sudo().invoice_ids}
        self.assertEqual(
            by_kind,
            {
                ("deposit", "out_invoice"): f"{MARK} deposit",
                ("rent", "out_invoice"): f"{MARK} rent",
                ("settlement", "out_invoice"): f"{MARK} settlement",
                ("settlement", "out_refund"): f"{MARK} settlement",
            },
        )
        for move in rent | charge_moves | utility | signed.invoice_ids:
            self.assertEqual(move.invoice_origin, move.property_lease_id.name)
            self.assertTrue(move.access_token)

    def test_line_hooks(self):
        """The line of each source comes from its own hook."""
        self.lease_a.charge_ids = [
            (0, 0, {"name": "Parking", "price": 300.0, "basis": "fixed"}),
        ]
        charge = self._charge(self.lease_a, "Key replacement", 80.0)
        Charge = type(self.env["property.lease.charge"])
        original = Charge._prepare_invoice_line_vals

        def doubled(rec, months, period):
            vals = original(rec, months, period)
            vals["price_unit"] *= 2
            return vals

        with patch.object(Charge, "_prepare_invoice_line_vals", doubled):
            move = self.lease_a._generate_invoices(date(2025, 1, 1))
        lines = move.invoice_line_ids
        self.assertEqual(
            sorted(lines.mapped("price_unit")), [80.0, 600.0, 3000.0], "rent, 2 x parking, charge"
        )
        self.assertEqual(lines.filtered(lambda ln: ln.property_charge_id).name, charge.name)
        self.assertEqual(
            lines.filtered(lambda ln: ln.product_id == self.product_rent).name,
            f"Rent {self.spare_units[0].display_name}, "
            f"{self.lease_a._get_period_label(date(2025, 1, 1), date(2025, 1, 31))}",
        )

    def test_separate_charges_one_create(self):
        charges = self._charge(self.lease_a, "Lock", 50.0) | self._charge(self.lease_b, "Key", 30.0)
        Move = type(self.env["account.move"])
        original = Move.create
        calls = []

        def counting(moves, vals_list):
            calls.append(len(vals_list) if isinstance(vals_list, list) else 1)
            return original(moves, vals_list)

        with patch.object(Move, "create", counting):
            moves = charges._action_invoice_separately()
        self.assertEqual(calls, [2], "one create for the invoices of both leases")
        self.assertEqual(len(moves), 2)
        self.assertEqual(moves.mapped("state"), ["posted", "posted"])
        for charge in charges:
            self.assertEqual(charge.move_id.property_lease_id, charge.lease_id)
            self.assertEqual(charge.move_id.amount_untaxed, charge.amount)

    def test_leases_to_invoice_domain_hook(self):
        Lease = billing_lease.PropertyLease
        original = Lease._get_leases_to_invoice_domain
        lease_b = self.lease_b

        def without_b(lease, date_ref):
            return [*original(lease, date_ref), ("id", "!=", lease_b.id)]

        with patch.object(Lease, "_get_leases_to_invoice_domain", without_b):
            moves = (self.lease_a | self.lease_b)._generate_invoices(date(2025, 1, 1))
        self.assertEqual(moves.property_lease_id, self.lease_a)
        self.assertFalse(self._rent_moves(self.lease_b))
