# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import index_exists

from odoo.addons.property_billing.models.account_move import INVOICE_KINDS

AGING_BUCKETS = [
    ("current", "Not Due"),
    ("1_30", "1-30 Days"),
    ("31_60", "31-60 Days"),
    ("61_90", "61-90 Days"),
    ("90_plus", "90+ Days"),
]
RENT_REPORT_INDEX = "account_move_property_report_date_idx"


class PropertyRentReport(models.Model):
    """One row per posted customer invoice or credit note of a lease, amounts in company
    currency and signed (credit notes negative); cancelled and draft moves are left out. A
    credit note made with the standard reversal wizard belongs to the lease of the invoice it
    reverses.

    ``outstanding`` is the residual at the report date (the context's ``report_date``, else
    today): payments reconciled after that date are added back, so that the arrears aging can
    be taken at any past date."""

    _name = "property.rent.report"
    _description = "Rent Analysis"
    _auto = False
    _rec_name = "move_id"
    _order = "invoice_date desc, move_id desc"

    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    lease_id = fields.Many2one("property.lease", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Tenant", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    building_id = fields.Many2one("property.building", readonly=True)
    unit_type_id = fields.Many2one("property.unit.type", readonly=True)
    invoice_kind = fields.Selection(INVOICE_KINDS, string="Invoice Type", readonly=True)
    move_type = fields.Selection(
        [("out_invoice", "Invoice"), ("out_refund", "Credit Note")], readonly=True
    )
    invoice_date = fields.Date(readonly=True)
    invoice_date_due = fields.Date(string="Due Date", readonly=True)
    billed = fields.Monetary(readonly=True, aggregator="sum")
    collected = fields.Monetary(readonly=True, aggregator="sum")
    outstanding = fields.Monetary(readonly=True, aggregator="sum")
    overdue = fields.Monetary(readonly=True, aggregator="sum")
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    aging_bucket = fields.Selection(AGING_BUCKETS, string="Aging", readonly=True)
    amount_current = fields.Monetary(string="Not Due", readonly=True, aggregator="sum")
    amount_1_30 = fields.Monetary(string="1-30 Days", readonly=True, aggregator="sum")
    amount_31_60 = fields.Monetary(string="31-60 Days", readonly=True, aggregator="sum")
    amount_61_90 = fields.Monetary(string="61-90 Days", readonly=True, aggregator="sum")
    amount_90_plus = fields.Monetary(string="90+ Days", readonly=True, aggregator="sum")

    def init(self):
        """A partial index matching the report's selection of moves (posted customer invoices
        and credit notes of leases, or reversals) by date and company: the dashboards, which
        filter on a period, read only the rows of that period."""
        if not index_exists(self.env.cr, RENT_REPORT_INDEX):
            self.env.cr.execute(
                SQL(
                    """CREATE INDEX %s ON account_move (invoice_date, company_id)
                       WHERE state = 'posted'
                         AND move_type IN ('out_invoice', 'out_refund')
                         AND (property_lease_id IS NOT NULL OR reversed_entry_id IS NOT NULL)""",
                    SQL.identifier(RENT_REPORT_INDEX),
                )
            )

    @api.model
    def _get_report_date(self):
        return fields.Date.to_date(
            self.env.context.get("report_date")
        ) or fields.Date.context_today(self)

    @property
    def _table_query(self):
        report_date = self._get_report_date()
        if report_date >= fields.Date.context_today(self):
            residual = SQL("m.amount_residual_signed")
            later = SQL("")
        else:
            residual = SQL("m.amount_residual_signed + COALESCE(later.amount, 0.0)")
            # matchings made after the report date, per invoice: few rows, aggregated once
            later = SQL(
                """LEFT JOIN (
                    SELECT aml.move_id, SUM(matched.amount) AS amount
                      FROM (SELECT p.debit_move_id AS line_id, p.amount
                              FROM account_partial_reconcile p
                             WHERE p.max_date > %(date)s
                            UNION ALL
                            SELECT p.credit_move_id, -p.amount
                              FROM account_partial_reconcile p
                             WHERE p.max_date > %(date)s) matched
                      JOIN account_move_line aml ON aml.id = matched.line_id
                     WHERE aml.display_type = 'payment_term'
                     GROUP BY aml.move_id
                ) later ON later.move_id = m.id""",
                date=report_date,
            )
        return SQL(
            """
WITH lease_type AS (
    SELECT DISTINCT ON (ll.lease_id) ll.lease_id, u.unit_type_id
      FROM property_lease_line ll
      JOIN property_unit u ON u.id = ll.unit_id
     ORDER BY ll.lease_id, ll.id
), reversal AS (
    -- a credit note made with the reversal wizard counts for the lease (and invoice type) of
    -- the invoice it reverses: read once for the (few) reversals, then one hash join, rather
    -- than a sub-select per row that makes the planner's estimate (and a JIT compilation)
    -- explode when grouping by invoice type
    SELECT r.id, rev.property_lease_id, rev.property_invoice_kind
      FROM account_move r
      JOIN account_move rev ON rev.id = r.reversed_entry_id
     WHERE r.reversed_entry_id IS NOT NULL
       AND r.state = 'posted'
       AND r.move_type IN ('out_invoice', 'out_refund')
), lease_moves AS (
    SELECT m.id,
           COALESCE(m.property_lease_id, rv.property_lease_id) AS lease_id,
           COALESCE(m.property_invoice_kind, rv.property_invoice_kind) AS invoice_kind,
           m.commercial_partner_id,
           m.company_id,
           m.move_type,
           m.invoice_date,
           m.invoice_date_due,
           m.amount_total_signed,
           m.amount_residual_signed
      FROM account_move m
      LEFT JOIN reversal rv ON rv.id = m.id
     WHERE (m.property_lease_id IS NOT NULL OR m.reversed_entry_id IS NOT NULL)
       AND m.state = 'posted'
       AND m.move_type IN ('out_invoice', 'out_refund')
       AND m.invoice_date <= %(report_date)s
), moves AS (
    SELECT m.id,
           l.id AS lease_id,
           m.commercial_partner_id AS partner_id,
           m.company_id,
           c.currency_id,
           l.building_id,
           lt.unit_type_id,
           m.invoice_kind,
           m.move_type,
           m.invoice_date,
           COALESCE(m.invoice_date_due, m.invoice_date) AS invoice_date_due,
           m.amount_total_signed AS billed,
           %(residual)s AS outstanding,
           %(report_date)s - COALESCE(m.invoice_date_due, m.invoice_date) AS late
      FROM lease_moves m
      JOIN res_company c ON c.id = m.company_id
      JOIN property_lease l ON l.id = m.lease_id
      LEFT JOIN lease_type lt ON lt.lease_id = l.id
      %(later)s
)
SELECT id,
       id AS move_id,
       lease_id,
       partner_id,
       company_id,
       currency_id,
       building_id,
       unit_type_id,
       invoice_kind,
       move_type,
       invoice_date,
       invoice_date_due,
       billed,
       billed - outstanding AS collected,
       outstanding,
       CASE WHEN late > 0 THEN outstanding ELSE 0.0 END AS overdue,
       CASE WHEN late > 0 AND outstanding != 0 THEN late ELSE 0 END AS days_overdue,
       CASE WHEN outstanding = 0 THEN NULL
            WHEN late <= 0 THEN 'current'
            WHEN late <= 30 THEN '1_30'
            WHEN late <= 60 THEN '31_60'
            WHEN late <= 90 THEN '61_90'
            ELSE '90_plus' END AS aging_bucket,
       CASE WHEN late <= 0 THEN outstanding ELSE 0.0 END AS amount_current,
       CASE WHEN late BETWEEN 1 AND 30 THEN outstanding ELSE 0.0 END AS amount_1_30,
       CASE WHEN late BETWEEN 31 AND 60 THEN outstanding ELSE 0.0 END AS amount_31_60,
       CASE WHEN late BETWEEN 61 AND 90 THEN outstanding ELSE 0.0 END AS amount_61_90,
       CASE WHEN late > 90 THEN outstanding ELSE 0.0 END AS amount_90_plus
  FROM moves
            """,
            residual=residual,
            later=later,
            report_date=report_date,
        )

    @api.model
    def _get_kpis(self, domain=None):
        """Headline figures of the rent dashboard over ``domain``: billed, collected,
        outstanding, overdue and the collection rate (collected / billed, in %)."""
        billed, collected, outstanding, overdue = self._read_group(
            domain or [], [], ["billed:sum", "collected:sum", "outstanding:sum", "overdue:sum"]
        )[0]
        return {
            "billed": billed,
            "collected": collected,
            "outstanding": outstanding,
            "overdue": overdue,
            "collection_rate": 100.0 * collected / billed if billed else 0.0,
        }

    @api.model
    def _get_drilldown_action(self, domain):
        """The invoices behind a figure."""
        moves = self.search(domain).move_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", moves.ids)]
        action["context"] = {"create": False}
        return action
