# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Minimum rent plus turnover rent (保底 + 抽成), worked out by hand.

A 40 m² shop at 3.30 per m² per day (132.00 a day), calendar months from 1 January 2025,
turnover rate 8 %:

- January (31 days): minimum rent 132 x 31 = 4,092.00; declared turnover 80,000.00, 8 % of it
  6,400.00: top-up 6,400.00 - 4,092.00 = 2,308.00, billed once, on the next rent invoice
  not yet issued (March's, issued on 19 February: January's and February's were issued
  before the declaration)
- February (28 days): minimum rent 132 x 28 = 3,696.00; declared 40,000.00, 8 % = 3,200.00,
  below the minimum: top-up 0, nothing billed
- 1 - 10 January rent-free on a second lease: January's minimum rent is 21 x 132 = 2,772.00,
  the same 80,000.00 declared tops up 3,628.00
"""

import io
from datetime import date

import openpyxl
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.property_tenant.tests.common import IMPORT_OPTIONS, XLSX

from .common import BillingTestCommon


@tagged("post_install", "-at_install")
class TestTurnover(BillingTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("property_billing.product_turnover_rent").taxes_id = [Command.clear()]
        cls.lease = cls._create_lease(
            units=cls.spare_units[0],
            rent_basis="m2_day",
            rent_price=3.3,
            billing_alignment="calendar",
            turnover_rate=8.0,
        )
        cls._activate_direct(cls.lease)

    def _declare(self, user=None, lease=None, **vals):
        values = {
            "lease_id": (lease or self.lease).id,
            "date_start": date(2025, 1, 1),
            "date_end": date(2025, 1, 31),
            "amount": 80000.0,
        }
        values.update(vals)
        return (
            self.env["property.lease.turnover"].with_user(user or self.user_property).create(values)
        )

    def _rent_moves(self):
        return self.lease.invoice_ids.filtered(lambda m: m.property_invoice_kind == "rent").sorted(
            "property_period_start"
        )

    def test_topup_above_the_minimum_billed_once_on_the_next_rent_invoice(self):
        self.lease._generate_invoices(date(2025, 1, 25))
        self.assertEqual(len(self._rent_moves()), 2, "January and February already billed")
        declaration = self._declare()
        self.assertEqual(declaration.turnover_rate, 8.0, "the lease's rate")
        self.assertEqual(declaration.minimum_rent, 4092.0)
        self.assertEqual(declaration.turnover_rent, 6400.0)
        self.assertEqual(declaration.topup_amount, 2308.0)
        declaration.action_confirm()
        self.assertEqual(declaration.state, "confirmed")
        self.assertEqual(declaration.confirmed_by_id, self.user_property)
        charge = declaration.charge_id
        self.assertEqual((charge.amount, charge.state), (2308.0, "pending"))

        self.lease._generate_invoices(date(2025, 2, 19))
        march = self._rent_moves()[2]
        self.assertEqual(march.property_period_start, date(2025, 3, 1))
        topup = march.invoice_line_ids.filtered(lambda ln: ln.property_charge_id == charge)
        self.assertEqual(topup.price_subtotal, 2308.0, "the top-up is its own line")
        self.assertEqual(topup.product_id, self.env.ref("property_billing.product_turnover_rent"))
        self.assertIn("Turnover rent", topup.name)
        rent = march.invoice_line_ids.filtered(lambda ln: ln.product_id == self.product_rent)
        self.assertEqual(rent.price_subtotal, 4092.0, "the minimum rent is billed as scheduled")
        self.assertEqual(declaration.state, "invoiced")
        self.assertEqual(declaration.move_id, march)

        # billed once: later invoices do not carry it again, confirming again adds nothing
        declaration.action_confirm()
        self.lease._generate_invoices(date(2025, 4, 21))
        lines = self._rent_moves().invoice_line_ids.filtered(
            lambda ln: ln.product_id == self.env.ref("property_billing.product_turnover_rent")
        )
        self.assertEqual(len(lines), 1)
        with self.assertRaises(UserError):
            declaration.action_reset_draft()

    def test_turnover_below_the_minimum_bills_nothing(self):
        declaration = self._declare(
            date_start=date(2025, 2, 1), date_end=date(2025, 2, 28), amount=40000.0
        )
        self.assertEqual(declaration.minimum_rent, 3696.0)
        self.assertEqual(declaration.turnover_rent, 3200.0)
        self.assertEqual(declaration.topup_amount, 0.0)
        declaration.action_confirm()
        self.assertEqual(declaration.state, "confirmed")
        self.assertFalse(declaration.charge_id)
        self.assertFalse(self.lease.pending_charge_ids)

    def test_minimum_rent_after_rent_free_days(self):
        lease = self._create_lease(
            units=self.spare_units[1],
            rent_basis="m2_day",
            rent_price=3.3,
            billing_alignment="calendar",
            turnover_rate=8.0,
            rent_free_ids=[
                Command.create({"date_start": date(2025, 1, 1), "date_end": date(2025, 1, 10)})
            ],
        )
        declaration = self._declare(lease=lease)
        self.assertEqual(declaration.minimum_rent, 2772.0)
        self.assertEqual(declaration.topup_amount, 3628.0)

    def test_one_declaration_and_one_charge_per_period(self):
        declaration = self._declare()
        declaration.action_confirm()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._declare(user=self.env.user, amount=1.0)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["property.charge"].create(
                {**declaration._prepare_charge_vals(), "name": "second top-up"}
            )
        with self.assertRaises(UserError):
            declaration.with_user(self.user_property).amount = 90000.0
        # corrected before it is invoiced: back to draft drops the pending charge
        charge = declaration.charge_id
        declaration.with_user(self.user_property).action_reset_draft()
        self.assertFalse(charge.exists())
        declaration.with_user(self.user_property).amount = 90000.0
        self.assertEqual(declaration.topup_amount, 3108.0)  # 7,200.00 - 4,092.00

    def test_rights(self):
        with self.assertRaises(AccessError):
            self._declare(user=self.user_technician)
        with self.assertRaises(AccessError):
            self._declare(user=self.user_portal_a)
        declaration = self._declare()
        declaration.with_user(self.user_accountant).action_confirm()
        with self.assertRaises(AccessError):
            declaration.with_user(self.user_property).unlink()
        with self.assertRaises(UserError):
            declaration.with_user(self.user_manager).unlink()

    def test_import_from_xlsx(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Lease", "Period Start", "Period End", "Declared Turnover"])
        sheet.append([self.lease.name, "2025-01-01", "2025-01-31", 80000])
        sheet.append([self.lease.name, "2025-02-01", "2025-02-28", 40000])
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = (
            self.env["base_import.import"]
            .with_user(self.user_property)
            .create(
                {
                    "res_model": "property.lease.turnover",
                    "file": buffer.getvalue(),
                    "file_type": XLSX,
                }
            )
        )
        preview = wizard.parse_preview({"has_headers": True})
        self.assertFalse(preview.get("error"), preview.get("error"))
        fields = ["/".join(preview["matches"][i]) for i in range(len(preview["headers"]))]
        self.assertEqual(fields, ["lease_id", "date_start", "date_end", "amount"])
        result = wizard.execute_import(fields, preview["headers"], dict(IMPORT_OPTIONS))
        self.assertFalse(result["messages"], result["messages"])
        declarations = self.lease.turnover_ids.sorted("date_start")
        self.assertEqual(declarations.mapped("topup_amount"), [2308.0, 0.0])
        self.assertEqual(set(declarations.mapped("state")), {"draft"})
