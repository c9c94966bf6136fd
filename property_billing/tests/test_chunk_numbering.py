# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from .common import BillingTestCommon

# invoice dates of one chunk, unsorted: two years, three months, equal dates
CHUNK_DATES = [
    date(2026, 1, 5),
    date(2025, 12, 20),
    date(2026, 2, 10),
    date(2025, 12, 31),
    date(2026, 2, 1),
    date(2026, 1, 5),
    date(2026, 2, 28),
    date(2026, 1, 31),
]


@tagged("post_install", "-at_install")
class TestChunkNumbering(BillingTestCommon):
    """The billing run numbers a chunk in one go (`property_chunk_numbering`): the names
    must be those Odoo's own `action_post` gives the same moves. Two twin journals with the
    same history: the chunk is posted in one with chunk numbering, in the other as Odoo
    does; the names must be equal but for the journal code."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partners = cls.env["res.partner"].create(
            [{"name": f"Numbering tenant {i}"} for i in range(3)]
        )

    def _journal(self, code):
        return self.env["account.journal"].create(
            {"name": f"Rent {code}", "code": code, "type": "sale", "company_id": self.company.id}
        )

    def _moves(self, journal, dates, names=None):
        return (
            self.env["account.move"]
            .with_context(tracking_disable=True)
            .create(
                [
                    {
                        "move_type": "out_invoice",
                        "journal_id": journal.id,
                        "partner_id": self.partners[i % 3].id,
                        "invoice_date": day,
                        "date": day,
                        **({"name": names[i]} if names and names[i] else {}),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": self.product_rent.id,
                                    "quantity": 1,
                                    "price_unit": 100.0 + i,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                    for i, day in enumerate(dates)
                ]
            )
        )

    def _post_both(self, history=None, history_names=None):
        """Post the chunk in two twin journals (with the same history), with chunk
        numbering and as Odoo does; return both names, journal codes made equal, and the
        query counts."""
        results = []
        for code, chunk_numbering in (("CHA", True), ("CHB", False)):
            journal = self._journal(code)
            if history:
                names = [n and n.format(code=code) for n in history_names or []]
                self._moves(journal, history, names).action_post()
            moves = self._moves(journal, CHUNK_DATES)
            self.env.flush_all()
            count0 = self.cr.sql_log_count
            moves.with_context(property_chunk_numbering=chunk_numbering).action_post()
            self.env.flush_all()
            queries = self.cr.sql_log_count - count0
            self.assertTrue(all(m.state == "posted" for m in moves))
            results.append(([m.name.replace(code, "J") for m in moves], queries))
        return results

    def test_new_sequences_and_year_reset(self):
        (ours, ours_queries), (odoo, odoo_queries) = self._post_both()
        self.assertEqual(ours, odoo)
        self.assertEqual(ours[1], "J/2025/00001")
        self.assertIn("J/2026/00001", ours)
        self.assertEqual(len(set(ours)), len(ours))
        # one sequence read per journal and month instead of two queries per move
        self.assertLess(ours_queries, odoo_queries)

    def test_gap_and_monthly_sequence(self):
        """The journal's last numbers leave a gap (00007 after nothing) and February is
        numbered monthly (a move renamed so): both are followed as Odoo follows them."""
        (ours, _q1), (odoo, _q2) = self._post_both(
            history=[date(2026, 1, 2), date(2026, 2, 1), date(2025, 12, 1)],
            history_names=["{code}/2026/00007", "{code}/2026/02/0003", None],
        )
        self.assertEqual(ours, odoo)
        self.assertEqual(ours[0], "J/2026/00008")
        self.assertEqual(ours[4], "J/2026/02/0004")
        self.assertEqual(ours[6], "J/2026/02/0006")
        self.assertEqual(len(set(ours)), len(ours))

    def test_other_format_inside_the_month(self):
        """A move named in another format dated between the chunk's dates of one month:
        Odoo changes format in the middle of the month, so does the chunk."""
        (ours, _q1), (odoo, _q2) = self._post_both(
            history=[date(2026, 1, 2), date(2026, 2, 5)],
            history_names=["{code}/2026/00004", "{code}/2026/02/0001"],
        )
        self.assertEqual(ours, odoo)

    def test_billing_run_numbers_in_sequence(self):
        """The billing run's invoices of a chunk are numbered consecutively."""
        leases = self._create_tenant_leases(4, "N")
        for lease in leases:
            self._activate_direct(lease)
        moves = leases._generate_invoices(date(2025, 1, 1))
        self.assertEqual(len(moves), 4)
        numbers = sorted(moves.mapped("sequence_number"))
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 4)))
        self.assertEqual(len(set(moves.mapped("sequence_prefix"))), 1)
