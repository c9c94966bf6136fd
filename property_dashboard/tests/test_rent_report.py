# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PropertyDashboardCommon


@tagged("post_install", "-at_install")
class TestRentReport(PropertyDashboardCommon):
    def _moves(self, report_date, company=None):
        domain = [
            "|",
            ("property_lease_id", "!=", False),
            ("reversed_entry_id.property_lease_id", "!=", False),
            ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("invoice_date", "<=", report_date),
        ]
        if company:
            domain.append(("company_id", "=", company.id))
        return self.env["account.move"].search(domain)

    def _lease(self, move):
        return move.property_lease_id or move.reversed_entry_id.property_lease_id

    def _expected_outstanding(self, move, report_date):
        """Residual at a date from the payments widget of the invoice (what the accountant
        sees): the total minus what was matched on or before that date."""
        sign = -1 if move.move_type == "out_refund" else 1
        matched = sum(
            p["amount"]
            for p in (move.invoice_payments_widget or {}).get("content", [])
            if p["date"] <= report_date
        )
        return sign * (move.amount_total - matched)

    @staticmethod
    def _bucket(days):
        if days <= 0:
            return "amount_current"
        if days <= 30:
            return "amount_1_30"
        if days <= 60:
            return "amount_31_60"
        if days <= 90:
            return "amount_61_90"
        return "amount_90_plus"

    def _check_rows(self, report_date):
        Report = self.env["property.rent.report"].with_context(report_date=report_date)
        rows = {row.move_id: row for row in Report.search([])}
        moves = self._moves(report_date)
        self.assertEqual(set(rows), set(moves))
        for move in moves:
            row = rows[move]
            sign = -1 if move.move_type == "out_refund" else 1
            outstanding = self._expected_outstanding(move, report_date)
            due = move.invoice_date_due or move.invoice_date
            late = (report_date - due).days
            msg = f"{move.name} at {report_date}"
            self.assertAlmostEqual(row.billed, sign * move.amount_total, 2, msg)
            self.assertAlmostEqual(row.outstanding, outstanding, 2, msg)
            self.assertAlmostEqual(row.collected, sign * move.amount_total - outstanding, 2, msg)
            self.assertAlmostEqual(row.overdue, outstanding if late > 0 else 0.0, 2, msg)
            self.assertAlmostEqual(row[self._bucket(late)], outstanding, 2, msg)
            self.assertEqual(row.partner_id, move.commercial_partner_id)
            self.assertEqual(row.building_id, self._lease(move).building_id)
            self.assertEqual(row.unit_type_id, self._lease(move).line_ids[:1].unit_id.unit_type_id)
        return rows

    def test_rows_today(self):
        rows = self._check_rows(self.today)
        self.assertNotIn(self.inv_cancelled, rows, "cancelled invoices are left out")
        self.assertIn(self.refund, rows)
        self.assertAlmostEqual(rows[self.inv_45].collected, 50.0)
        self.assertAlmostEqual(rows[self.inv_45].amount_31_60, 150.0)
        self.assertAlmostEqual(rows[self.inv_75].outstanding, 180.0)
        self.assertAlmostEqual(rows[self.inv_75].amount_61_90, 180.0)
        self.assertAlmostEqual(rows[self.refund].billed, -120.0)
        self.assertAlmostEqual(rows[self.refund].outstanding, 0.0)
        self.assertAlmostEqual(rows[self.inv_120].amount_90_plus, 400.0)
        self.assertAlmostEqual(rows[self.inv_future].amount_current, 500.0)
        self.assertEqual(rows[self.inv_10].aging_bucket, "1_30")

    def test_rows_in_the_past(self):
        """30 days ago: the payment (12 days ago) and the credit note (2 days ago) had not
        happened yet, the invoice dated 15 days ago did not exist."""
        past = self.today - timedelta(days=30)
        rows = self._check_rows(past)
        self.assertNotIn(self.inv_10, rows)
        self.assertNotIn(self.refund, rows)
        self.assertAlmostEqual(rows[self.inv_45].outstanding, 200.0)
        self.assertAlmostEqual(rows[self.inv_75].outstanding, 300.0)
        self.assertEqual(rows[self.inv_75].aging_bucket, "31_60")

    def test_kpis_by_period_building_and_tenant(self):
        Report = self.env["property.rent.report"]
        moves = self._moves(self.today)
        for groupby in (
            "invoice_date:month",
            "invoice_date:quarter",
            "invoice_date:year",
            "building_id",
            "unit_type_id",
            "partner_id",
        ):
            expected = defaultdict(lambda: [0.0, 0.0])
            for move in moves:
                key = self._lease(move).line_ids[:1].unit_id.unit_type_id
                if groupby == "building_id":
                    key = self._lease(move).building_id
                elif groupby == "partner_id":
                    key = move.commercial_partner_id
                elif groupby.startswith("invoice_date"):
                    granularity = groupby.split(":")[1]
                    key = (move.invoice_date.year, move.invoice_date.month)
                    if granularity == "quarter":
                        key = (key[0], (key[1] - 1) // 3)
                    elif granularity == "year":
                        key = key[0]
                sign = -1 if move.move_type == "out_refund" else 1
                expected[key][0] += sign * move.amount_total
                expected[key][1] += move.amount_residual_signed
            groups = Report._read_group([], [groupby], ["billed:sum", "outstanding:sum"])
            self.assertEqual(len(groups), len(expected), groupby)
            for key, billed, outstanding in groups:
                if groupby.startswith("invoice_date"):
                    granularity = groupby.split(":")[1]
                    key = (key.year, key.month)
                    if granularity == "quarter":
                        key = (key[0], (key[1] - 1) // 3)
                    elif granularity == "year":
                        key = key[0]
                self.assertAlmostEqual(billed, expected[key][0], 2, f"{groupby} {key}")
                self.assertAlmostEqual(outstanding, expected[key][1], 2, f"{groupby} {key}")

    def test_collection_rate_and_aging_per_tenant(self):
        Report = self.env["property.rent.report"]
        moves = self._moves(self.today)
        billed = sum(m.amount_total_signed for m in moves)
        residual = sum(m.amount_residual_signed for m in moves)
        kpis = Report._get_kpis()
        self.assertAlmostEqual(kpis["billed"], billed, 2)
        self.assertAlmostEqual(kpis["outstanding"], residual, 2)
        self.assertAlmostEqual(kpis["collected"], billed - residual, 2)
        self.assertAlmostEqual(kpis["collection_rate"], 100.0 * (billed - residual) / billed, 2)

        buckets = ["amount_current", "amount_1_30", "amount_31_60", "amount_61_90"]
        buckets.append("amount_90_plus")
        expected = defaultdict(lambda: dict.fromkeys(buckets, 0.0))
        for move in moves:
            late = (self.today - (move.invoice_date_due or move.invoice_date)).days
            expected[move.commercial_partner_id][self._bucket(late)] += move.amount_residual_signed
        groups = Report._read_group([], ["partner_id"], [f"{b}:sum" for b in buckets])
        for partner, *amounts in groups:
            for bucket, amount in zip(buckets, amounts, strict=True):
                self.assertAlmostEqual(amount, expected[partner][bucket], 2, partner.name)

    def test_multi_company_and_access(self):
        Report = (
            self.env["property.rent.report"]
            .with_user(self.user_dash_manager)
            .with_context(report_date=self.today)
        )
        rows = Report.search([])
        self.assertIn(self.inv_45, rows.move_id)
        self.assertNotIn(self.inv_c2, rows.move_id)
        kpis = Report._get_kpis()
        expected = sum(self._moves(self.today, self.company).mapped("amount_total_signed"))
        self.assertAlmostEqual(kpis["billed"], expected, 2)
        with self.assertRaises(AccessError):
            self.env["property.rent.report"].with_user(self.user_property).search([])

    def test_drilldown(self):
        action = self.env["property.rent.report"]._get_drilldown_action(
            [("aging_bucket", "=", "90_plus"), ("lease_id", "=", self.lease_2xx.id)]
        )
        self.assertEqual(self.env["account.move"].search(action["domain"]), self.inv_120)
