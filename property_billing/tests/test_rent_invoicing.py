# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import time
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.property_billing.models import property_lease as billing_lease

from .common import BillingTestCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestRentInvoicing(BillingTestCommon):
    def _assert_matches_schedule(self, lease):
        schedule = lease._get_rent_schedule()
        moves = self._rent_moves(lease)
        self.assertEqual(len(moves), len(schedule), "one rent invoice per billing period")
        for period, move in zip(schedule, moves, strict=True):
            self.assertEqual(move.state, "posted")
            self.assertEqual(move.property_period_start, period["date_start"])
            self.assertEqual(move.property_period_end, period["date_end"])
            rent_line = move.invoice_line_ids.filtered(
                lambda ln: ln.product_id == self.product_rent
            )
            self.assertEqual(
                lease.currency_id.compare_amounts(rent_line.price_subtotal, period["amount"]), 0
            )
            self.assertEqual(
                lease.currency_id.compare_amounts(move.amount_total, period["amount"]), 0
            )
        self.assertBalanced(moves)

    def test_amounts_equal_schedule_every_cycle(self):
        """Every cycle and alignment, with partial first/last periods over a leap year, rent-free
        days and an escalation: each invoice equals its schedule line."""
        units = iter(self.spare_units)
        leases = self.env["property.lease"]
        for cycle in ("monthly", "quarterly", "half_yearly", "yearly"):
            for alignment in ("lease", "calendar"):
                leases |= self._create_lease(
                    units=next(units),
                    date_start=date(2023, 11, 17),
                    date_end=date(2025, 2, 27),
                    payment_cycle=cycle,
                    billing_alignment=alignment,
                    rent_price=3100.0,
                    rent_free_ids=[
                        Command.create(
                            {"date_start": date(2024, 2, 10), "date_end": date(2024, 3, 5)}
                        )
                    ],
                    escalation_ids=[
                        Command.create(
                            {
                                "escalation_type": "percent",
                                "value": 5.0,
                                "date_start": date(2024, 2, 29),
                                "interval_months": 0,
                            }
                        )
                    ],
                )
        for lease in leases:
            self._activate_direct(lease)
        leases._generate_invoices(date(2025, 3, 1))
        for lease in leases:
            self._assert_matches_schedule(lease)
            self.assertFalse(lease.next_invoice_date, "every period billed")
            self.assertFalse(lease.billing_error)

    def test_month_end_start(self):
        lease = self._create_lease(
            units=self.spare_units[0],
            date_start=date(2024, 1, 31),
            date_end=date(2024, 6, 29),
            rent_price=2900.0,
        )
        self._activate_direct(lease)
        lease._generate_invoices(date(2024, 12, 31))
        self._assert_matches_schedule(lease)

    def test_next_invoice_date_and_run_twice(self):
        lease = self._create_lease(
            units=self.spare_units[0], date_start=date(2025, 1, 1), date_end=date(2025, 12, 31)
        )
        self.assertFalse(lease.next_invoice_date, "a draft lease is not scheduled")
        self._activate_direct(lease)
        self.assertEqual(lease.next_invoice_date, date(2024, 12, 22), "10 days before the period")
        Lease = self.env["property.lease"]
        Lease._generate_invoices(date(2024, 12, 21))
        self.assertFalse(self._rent_moves(lease))
        first = Lease._generate_invoices(date(2025, 1, 25))
        self.assertEqual(len(first.filtered(lambda m: m.property_lease_id == lease)), 2)
        self.assertEqual(lease.next_invoice_date, date(2025, 2, 19))
        again = Lease._generate_invoices(date(2025, 1, 25))
        self.assertFalse(again.filtered(lambda m: m.property_lease_id == lease))
        self.assertEqual(len(self._rent_moves(lease)), 2)
        move = self._rent_moves(lease)[:1]
        self.assertEqual(move.invoice_date, date(2024, 12, 22))
        self.assertEqual(move.invoice_date_due, date(2025, 1, 1))
        self.assertEqual(move.partner_id, self.tenant_a)
        self.assertEqual(move.property_building_id, self.building)

    def test_recurring_and_one_off_charges(self):
        lease = self._create_lease(
            units=self.spare_units[0],
            date_start=date(2025, 1, 16),
            date_end=date(2025, 12, 31),
            charge_ids=[
                Command.create(
                    {
                        "product_id": self.env.ref("property_billing.product_management_fee").id,
                        "basis": "m2",
                        "price": 5.0,
                    }
                ),
                Command.create(
                    {
                        "product_id": self.env.ref("property_billing.product_parking").id,
                        "basis": "fixed",
                        "price": 300.0,
                    }
                ),
            ],
        )
        self._activate_direct(lease)
        charge = self.env["property.charge"].create(
            {
                "lease_id": lease.id,
                "name": "Key replacement",
                "amount": 80.0,
                "date": date(2025, 1, 5),
            }
        )
        lease._generate_invoices(date(2025, 2, 10))
        first, second = self._rent_moves(lease)
        fee = self.env.ref("property_billing.product_management_fee")
        # 40 m² x 5 = 200 / month; 16-31 Jan 2025 (lease-aligned month of 31 days): full month
        self.assertAlmostEqual(
            first.invoice_line_ids.filtered(lambda ln: ln.product_id == fee).price_subtotal, 200.0
        )
        self.assertEqual(charge.move_id, first, "the pending charge rides on the next invoice")
        self.assertEqual(charge.state, "invoiced")
        self.assertFalse(second.invoice_line_ids.filtered(lambda ln: ln.name == "Key replacement"))

    def test_failure_recorded_batch_goes_on(self):
        leases = self.env["property.lease"]
        for unit in self.spare_units[:3]:
            leases |= self._activate_direct(self._create_lease(units=unit))
        bad = leases[1]
        original = billing_lease.PropertyLease._prepare_rent_invoice_vals

        def failing(lease, *args, **kwargs):
            if lease == bad:
                raise ValueError("boom")
            return original(lease, *args, **kwargs)

        with patch.object(billing_lease.PropertyLease, "_prepare_rent_invoice_vals", failing):
            leases._generate_invoices(date(2025, 1, 1))
        self.assertIn("boom", bad.billing_error)
        self.assertFalse(self._rent_moves(bad))
        self.assertEqual(len(self._rent_moves(leases - bad)), 2)
        leases._generate_invoices(date(2025, 1, 1))
        self.assertFalse(bad.billing_error)
        for lease in leases:
            self.assertEqual(len(self._rent_moves(lease)), 1)

    def test_post_failure_isolated(self):
        """A lease whose invoice cannot be posted does not block the chunk."""
        leases = self.env["property.lease"]
        for unit in self.spare_units[:3]:
            leases |= self._activate_direct(self._create_lease(units=unit))
        bad = leases[0]
        original = billing_lease.PropertyLease._prepare_rent_invoice_vals

        def wrong_journal(lease, *args, **kwargs):
            vals = original(lease, *args, **kwargs)
            if lease == bad:
                vals["journal_id"] = self.bank_journal.id
            return vals

        with (
            patch.object(billing_lease.PropertyLease, "_prepare_rent_invoice_vals", wrong_journal),
            mute_logger("odoo.addons.property_billing.models.property_lease", "odoo.sql_db"),
        ):
            leases._generate_invoices(date(2025, 1, 1))
        self.assertTrue(bad.billing_error)
        self.assertEqual(len(self._rent_moves(leases - bad)), 2)

    def test_crash_mid_run_then_rerun(self):
        """The run dies after its first chunk (committed in production); the next run bills the
        rest: exactly one invoice per lease and period, balanced, with unique numbers."""
        leases = self.env["property.lease"]
        for unit in self.spare_units[:5]:
            leases |= self._activate_direct(
                self._create_lease(
                    units=unit, date_start=date(2025, 1, 1), date_end=date(2025, 6, 30)
                )
            )
        original = billing_lease.PropertyLease._generate_invoices_chunk
        calls = []

        def crash_on_second_chunk(chunk, date_ref):
            calls.append(chunk)
            if len(calls) == 2:
                raise RuntimeError("worker killed")
            return original(chunk, date_ref)

        with (
            patch.object(billing_lease, "BILLING_CHUNK_SIZE", 2),
            patch.object(
                billing_lease.PropertyLease, "_generate_invoices_chunk", crash_on_second_chunk
            ),
            self.assertRaisesRegex(RuntimeError, "worker killed"),
        ):
            leases._generate_invoices(date(2025, 6, 30))
        self.assertEqual(len(calls), 2)
        self.assertEqual(len(self._rent_moves(leases)), 2 * 6, "first chunk billed")
        with patch.object(billing_lease, "BILLING_CHUNK_SIZE", 2):
            leases._generate_invoices(date(2025, 6, 30))
        moves = self._rent_moves(leases)
        self.assertEqual(len(moves), 5 * 6)
        periods = {(m.property_lease_id.id, m.property_period_start) for m in moves}
        self.assertEqual(len(periods), 5 * 6, "one invoice per lease-period")
        self.assertEqual(len(set(moves.mapped("name"))), 5 * 6, "posted numbers are unique")
        self.assertTrue(all(m.state == "posted" for m in moves))
        self.assertBalanced(moves)
        leases._generate_invoices(date(2025, 6, 30))
        self.assertEqual(len(self._rent_moves(leases)), 5 * 6)

    def test_unique_index_backstop(self):
        lease = self._activate_direct(self._create_lease(units=self.spare_units[0]))
        lease._generate_invoices(date(2025, 1, 1))
        move = self._rent_moves(lease)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            move.copy(
                {
                    "property_lease_id": lease.id,
                    "property_period_start": move.property_period_start,
                    "property_invoice_kind": "rent",
                }
            )
        # a cancelled invoice frees its period: the run bills it again
        move.button_draft()
        move.button_cancel()
        lease._update_next_invoice_date()
        lease._generate_invoices(date(2025, 1, 1))
        self.assertEqual(len(self._rent_moves(lease).filtered(lambda m: m.state == "posted")), 1)

    def test_lock_date_respected(self):
        lease = self._activate_direct(
            self._create_lease(units=self.spare_units[0], date_start=date(2025, 1, 1))
        )
        self.company.sudo().fiscalyear_lock_date = date(2025, 1, 31)
        with freeze_time("2025-03-05"):
            lease._generate_invoices(date(2025, 3, 5))
        moves = self._rent_moves(lease)
        self.assertEqual(len(moves), 3)
        for move in moves:
            self.assertEqual(move.state, "posted")
            self.assertGreater(move.date, date(2025, 1, 31), "accounting date in the open period")

    def test_bill_now(self):
        lease = self._activate_direct(self._create_lease(units=self.spare_units[0]))
        with self.assertRaises(AccessError):
            lease.with_user(self.user_property).action_bill_now()
        with freeze_time("2024-11-01"):
            lease.with_user(self.user_manager).action_bill_now()
        moves = self._rent_moves(lease)
        self.assertEqual(len(moves), 1)
        self.assertEqual(moves.property_period_start, date(2025, 1, 1))
        self.assertEqual(lease.next_invoice_date, date(2025, 1, 22))

    def test_billing_run_1000_leases(self):
        """Throughput of the billing core on 1,000 leases (timing logged, not asserted)."""
        count = 1000
        fee = self.env.ref("property_billing.product_management_fee")
        leases = self._create_tenant_leases(
            count,
            "B",
            unit_vals=lambda i: {"area": 30.0 + i % 50},
            lease_vals=lambda i: {
                "rent_price": 2000.0 + i,
                "state": "active",
                "charge_ids": [Command.create({"product_id": fee.id, "basis": "m2", "price": 4.0})],
            },
        )
        self.env.flush_all()
        start = time.perf_counter()
        moves = leases._generate_invoices(date(2025, 1, 1))
        self.env.flush_all()
        elapsed = time.perf_counter() - start
        _logger.info(
            "Billing run: %s leases, %s invoices in %.1f s (%.1f invoices/s)",
            count,
            len(moves),
            elapsed,
            len(moves) / elapsed,
        )
        self.assertEqual(len(moves), count)
        self.assertTrue(all(m.state == "posted" for m in moves))
