"""Bad input: a clear error that names the field, value or row, and the database unchanged."""

import base64
import io
from datetime import date

import openpyxl
import psycopg2
from security_common import SecurityCase

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.property_tenant.tests.common import IMPORT_OPTIONS, XLSX

COUNTED = (
    "res.partner",
    "property.building",
    "property.unit",
    "property.lease",
    "property.lease.line",
    "property.lease.schedule.line",
    "property.charge",
    "account.move",
)


class TestBadInput(SecurityCase):
    def counts(self):
        return {
            model: self.env[model].sudo().with_context(active_test=False).search_count([])
            for model in COUNTED
            if model in self.env
        }

    def assert_rejected(self, func, *words):
        """``func`` fails with a user-facing error containing every word, and leaves no row."""
        before = self.counts()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(Exception) as caught,
            self.env.cr.savepoint(),
        ):
            func()
            self.env.flush_all()
        error = caught.exception
        self.assertIsInstance(error, (ValidationError, UserError, psycopg2.IntegrityError))
        message = str(error)
        for word in words:
            self.assertIn(
                str(word).lower(), message.lower(), f"the error does not name {word!r}: {message}"
            )
        self.env.invalidate_all()
        self.assertEqual(self.counts(), before, "a rejected input left rows behind")
        return message

    def lease_vals(self, **vals):
        return {
            "partner_id": self.partner_a.id,
            "date_start": date(2027, 1, 1),
            "date_end": date(2027, 12, 31),
            "rent_price": 1000,
            "line_ids": [Command.create({"unit_id": self.unit_a3.id})],
            **vals,
        }

    # ------------------------------------------------------------ identities
    def test_invalid_prc_id_number(self):
        Partner = self.env["res.partner"]
        self.assert_rejected(
            lambda: Partner.create(
                {
                    "name": "SEC bad id",
                    "property_id_document_type": "prc_resident_id",
                    "property_id_number": "110101199003070000",
                }
            ),
            "110101199003070000",
        )
        self.assert_rejected(
            lambda: self.partner_a.write(
                {"property_id_document_type": "prc_resident_id", "property_id_number": "12345"}
            ),
            "12345",
        )
        self.assertFalse(self.partner_a.property_id_number)

    def test_invalid_uscc(self):
        self.assert_rejected(
            lambda: self.env["res.partner"].create(
                {
                    "name": "SEC bad corp",
                    "is_company": True,
                    "property_id_document_type": "uscc",
                    "property_id_number": "91310115MA1K4XY120",
                }
            ),
            "91310115MA1K4XY120",
        )

    def test_duplicate_id_number(self):
        self.partner_a.write(
            {
                "property_id_document_type": "prc_resident_id",
                "property_id_number": "310104198503151231",
            }
        )
        self.assert_rejected(
            lambda: self.partner_b.write(
                {
                    "property_id_document_type": "prc_resident_id",
                    "property_id_number": "310104198503151231",
                }
            ),
            "310104198503151231",
            self.partner_a.name,
        )

    def test_invalid_phone_and_email(self):
        china = self.env.ref("base.cn")
        self.assert_rejected(
            lambda: self.env["res.partner"].create(
                {
                    "name": "SEC bad phone",
                    "is_property_tenant": True,
                    "country_id": china.id,
                    "mobile": "12345",
                }
            ),
            "12345",
        )
        self.assert_rejected(
            lambda: self.partner_a.write({"email": "not an email"}),
            "not an email",
        )
        self.assert_rejected(
            lambda: self.env["property.tenant.emergency.contact"].create(
                {"partner_id": self.partner_a.id, "name": "SEC Mum", "phone": "+86 123"}
            ),
            "+86 123",
        )

    # ------------------------------------------------------------------ leases
    def test_lease_end_before_start(self):
        Lease = self.env["property.lease"]
        self.assert_rejected(
            lambda: Lease.create(self.lease_vals(date_end=date(2026, 6, 1))), "2026-06-01"
        )
        self.assert_rejected(
            lambda: self.lease_a.write({"date_end": date(2025, 1, 1)}), self.lease_a.name
        )

    def test_negative_and_absurd_amounts(self):
        Lease = self.env["property.lease"]
        self.assert_rejected(lambda: Lease.create(self.lease_vals(rent_price=-1)), "rent")
        self.assert_rejected(lambda: Lease.create(self.lease_vals(deposit_amount=-5)), "deposit")
        self.assert_rejected(lambda: Lease.create(self.lease_vals(due_day=40)), "day")
        self.assert_rejected(
            lambda: Lease.create(self.lease_vals(payment_days_before_period=-3)), "advance"
        )
        self.assert_rejected(lambda: self.unit_a1.write({"area": -10}), "rea")
        for absurd in (1e13, float("inf"), float("nan")):
            self.assert_rejected(
                lambda absurd=absurd: Lease.create(self.lease_vals(rent_price=absurd)), "rent"
            )
        self.assert_rejected(lambda: Lease.create(self.lease_vals(deposit_amount=5e14)), "deposit")
        self.assert_rejected(
            lambda: Lease.create(self.lease_vals(payment_days_before_period=5000)),
            "advance",
            "5000",
        )

    def test_identity_scan_uploads(self):
        """ID scans: photos and PDFs only, 20 MB at most; nothing stored otherwise."""
        Document = self.env["property.tenant.document"]
        base = {"partner_id": self.partner_a.id, "name": "ID card"}
        png = base64.b64encode(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
            b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x01\x01\x01"
            b"\x00\x18\xdd\x8d\xb4\x00\x00\x00\x00IEND\xaeB`\x82"
        )
        html = base64.b64encode(b"<html><script>alert(1)</script></html>")
        svg = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>')
        huge = base64.b64encode(b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024 + 1))
        self.assert_rejected(lambda: Document.create(dict(base, scan_front=html)), "front")
        self.assert_rejected(lambda: Document.create(dict(base, scan_back=svg)), "back", "svg")
        self.assert_rejected(lambda: Document.create(dict(base, scan_front=huge)), "20 mb")
        document = Document.create(dict(base, scan_front=png))
        self.assertTrue(document.scan_front)
        self.assert_rejected(lambda: document.write({"scan_back": html}), "back")

    def test_overlapping_leases(self):
        self.lease_a.write({"state": "active"})
        other = self.env["property.lease"].create(
            self.lease_vals(
                line_ids=[Command.create({"unit_id": self.unit_a1.id})],
                date_start=date(2026, 6, 1),
                date_end=date(2027, 5, 31),
            )
        )
        self.assert_rejected(
            lambda: other.write({"state": "signature"}), self.unit_a1.code, self.lease_a.name
        )
        self.assertEqual(other.state, "draft")

    def test_unknown_ids(self):
        Lease = self.env["property.lease"]
        self.assert_rejected(lambda: Lease.create(self.lease_vals(partner_id=987654321)))
        self.assert_rejected(
            lambda: Lease.create(self.lease_vals(line_ids=[Command.create({"unit_id": 987654321})]))
        )

    def test_meter_reading_backwards(self):
        if "property.meter.reading" not in self.env:
            self.skipTest("no meters in this build")
        Meter = self.env["property.meter"]
        tariff = self.env["property.utility.tariff"].create(
            {"name": "SEC water", "meter_type": "water", "price": 5}
        )
        meter = Meter.create(
            {"name": "SEC meter", "unit_id": self.unit_a1.id, "tariff_id": tariff.id}
        )
        Reading = self.env["property.meter.reading"]
        Reading.create({"meter_id": meter.id, "date": date(2026, 1, 31), "value": 100})
        self.assert_rejected(
            lambda: Reading.create({"meter_id": meter.id, "date": date(2026, 2, 28), "value": 90}),
            "90",
        )

    # ------------------------------------------------------------------ imports
    def xlsx(self, rows):
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def import_rows(self, model, rows, context=None):
        wizard = (
            self.env["base_import.import"]
            .with_user(self.users["manager"])
            .with_context(**(context or {}))
            .create({"res_model": model, "file": self.xlsx(rows), "file_type": XLSX})
        )
        preview = wizard.parse_preview({"has_headers": True})
        self.assertFalse(preview.get("error"), preview.get("error"))
        fields = ["/".join(preview["matches"][i]) for i in range(len(preview["headers"]))]
        return wizard.execute_import(fields, preview["headers"], dict(IMPORT_OPTIONS))

    def assert_import_rejected(self, model, rows, row_number, *words, context=None):
        before = self.counts()
        result = self.import_rows(model, rows, context)
        errors = [m["message"] for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors, f"{model}: bad rows imported")
        text = "\n".join(errors)
        self.assertIn(f"Row {row_number}", text)
        for word in words:
            self.assertIn(word, text)
        self.assertFalse(result.get("ids"))
        self.env.invalidate_all()
        self.assertEqual(self.counts(), before, "a failed import left rows behind")

    def test_import_units_with_bad_row(self):
        header = [
            "Building",
            "Floor",
            "Code",
            "Name",
            "Area (m²)",
            "Unit Type",
            "list_rent",
            "Rentable",
        ]
        self.assert_import_rejected(
            "property.unit",
            [
                header,
                ["SECA", None, "SECA-201", None, 40, None, 3000, True],
                ["NOSUCH", None, "X-1", None, 40, None, 3000, True],
            ],
            3,
            "NOSUCH",
        )

    def test_import_tenants_with_bad_id(self):
        header = [
            "Name",
            "Is a Company",
            "Is a Tenant",
            "Country",
            "Mobile",
            "Email",
            "WeChat ID",
            "ID Document Type",
            "ID Number",
            "Legal Representative",
        ]
        self.assert_import_rejected(
            "res.partner",
            [
                header,
                [
                    "SEC ok",
                    False,
                    True,
                    "China",
                    "13812345678",
                    "ok@example.cn",
                    None,
                    "PRC Resident ID",
                    "310104198503151231",
                    None,
                ],
                [
                    "SEC bad",
                    False,
                    True,
                    "China",
                    "13812345679",
                    "bad@example.cn",
                    None,
                    "PRC Resident ID",
                    "310104198503151230",
                    None,
                ],
            ],
            3,
            "310104198503151230",
            context={"default_is_property_tenant": True},
        )

    def test_import_leases_with_bad_dates(self):
        header = [
            "Tenant",
            "Start Date",
            "End Date",
            "Rent Basis",
            "Rent Price",
            "Deposit",
            "Payment Cycle",
            "Units/Unit",
        ]
        self.assert_import_rejected(
            "property.lease",
            [
                header,
                [
                    self.partner_a.name,
                    "2027-01-01",
                    "2027-12-31",
                    "Per unit per month",
                    1000,
                    0,
                    "Monthly",
                    "SECA-SECA-103",
                ],
                [
                    self.partner_b.name,
                    "2027-12-31",
                    "2027-01-01",
                    "Per unit per month",
                    1000,
                    0,
                    "Monthly",
                    "SECA-SECA-103",
                ],
            ],
            3,
        )
