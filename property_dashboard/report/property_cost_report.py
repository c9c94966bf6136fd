# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

RECONCILIATION_STATES = [("computed", "Computed"), ("done", "Done")]


class PropertyCostReport(models.Model):
    """Shared costs per building, pool, period and lease: one row per lease line of a computed
    or issued reconciliation, and one row per reconciliation for its vacancy (the vacant
    units' share, which stays with the landlord: no tenant, no lease). Draft reconciliations
    have no figures and are left out. Amounts are in company currency.

    - ``amount_cost``: the row's part of the pool's costs, the lease's actual share or the
      vacancy; summed over a reconciliation it gives its costs (to the rounding of each share).
    - ``amount_advance``: the advances billed to the lease in the period.
    - ``amount_recovered``: what the tenants bear of the costs. Once the reconciliation is
      issued (done), the advances plus the true-up invoice (or minus the credit note), which
      is the lease's actual share; before that, the advances billed so far. The vacancy row
      recovers nothing.
    - ``amount_vacancy``: the vacancy (vacancy rows only).
    - ``amount_balance``: what the true-up settles (share minus advances; positive: owed by the
      tenant).
    - ``recovery_rate``: recovered / costs in %, of the whole group (``_get_kpis``); the
      dashboard computes it from the sums."""

    _name = "property.cost.report"
    _description = "Shared Costs Report"
    _auto = False
    _rec_name = "reconciliation_id"
    _order = "date_to desc, reconciliation_id desc, id"

    reconciliation_id = fields.Many2one("property.cost.reconciliation", readonly=True)
    line_id = fields.Many2one(
        "property.cost.reconciliation.line", string="Reconciliation Lease", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    building_id = fields.Many2one("property.building", readonly=True)
    pool_id = fields.Many2one("property.cost.pool", string="Cost Pool", readonly=True)
    state = fields.Selection(RECONCILIATION_STATES, string="Status", readonly=True)
    date_from = fields.Date(string="From", readonly=True)
    date_to = fields.Date(string="To", readonly=True)
    lease_id = fields.Many2one("property.lease", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Tenant", readonly=True)
    unit_names = fields.Char(string="Units", readonly=True)
    is_vacancy = fields.Boolean(string="Vacancy", readonly=True)
    amount_cost = fields.Monetary(string="Costs", readonly=True, aggregator="sum")
    amount_advance = fields.Monetary(string="Advances Billed", readonly=True, aggregator="sum")
    amount_recovered = fields.Monetary(string="Recovered", readonly=True, aggregator="sum")
    amount_vacancy = fields.Monetary(string="Vacancy Cost", readonly=True, aggregator="sum")
    amount_balance = fields.Monetary(string="Balance", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        return SQL(
            """
WITH units AS (
    SELECT rel.property_cost_reconciliation_line_id AS line_id,
           string_agg(concat_ws('-', b.code, u.code), ', ' ORDER BY b.code, u.code) AS unit_names
      FROM property_cost_reconciliation_line_property_unit_rel rel
      JOIN property_unit u ON u.id = rel.property_unit_id
      LEFT JOIN property_building b ON b.id = u.building_id
     GROUP BY rel.property_cost_reconciliation_line_id
)
SELECT l.id * 2 AS id,
       r.id AS reconciliation_id,
       l.id AS line_id,
       r.company_id,
       c.currency_id,
       p.building_id,
       r.pool_id,
       r.state,
       r.date_from,
       r.date_to,
       l.lease_id,
       l.partner_id,
       units.unit_names,
       FALSE AS is_vacancy,
       COALESCE(l.amount_share, 0.0) AS amount_cost,
       COALESCE(l.amount_advance, 0.0) AS amount_advance,
       CASE WHEN r.state = 'done' THEN COALESCE(l.amount_share, 0.0)
            ELSE COALESCE(l.amount_advance, 0.0) END AS amount_recovered,
       0.0 AS amount_vacancy,
       COALESCE(l.amount_balance, 0.0) AS amount_balance
  FROM property_cost_reconciliation_line l
  JOIN property_cost_reconciliation r ON r.id = l.reconciliation_id
  JOIN property_cost_pool p ON p.id = r.pool_id
  JOIN res_company c ON c.id = r.company_id
  LEFT JOIN units ON units.line_id = l.id
 WHERE r.state IN %(states)s
UNION ALL
SELECT r.id * 2 + 1 AS id,
       r.id AS reconciliation_id,
       NULL AS line_id,
       r.company_id,
       c.currency_id,
       p.building_id,
       r.pool_id,
       r.state,
       r.date_from,
       r.date_to,
       NULL AS lease_id,
       NULL AS partner_id,
       NULL AS unit_names,
       TRUE AS is_vacancy,
       r.amount_vacancy AS amount_cost,
       0.0 AS amount_advance,
       0.0 AS amount_recovered,
       r.amount_vacancy,
       0.0 AS amount_balance
  FROM property_cost_reconciliation r
  JOIN property_cost_pool p ON p.id = r.pool_id
  JOIN res_company c ON c.id = r.company_id
 WHERE r.state IN %(states)s
   AND COALESCE(r.amount_vacancy, 0.0) != 0.0
            """,
            states=tuple(self._get_report_states()),
        )

    @api.model
    def _get_report_states(self):
        """Reconciliation states that have figures to report."""
        return [state for state, _label in RECONCILIATION_STATES]

    @api.model
    def _get_kpis(self, domain=None):
        """Headline figures of the shared costs dashboard over ``domain``: costs, recovered,
        vacancy and the recovery rate (recovered / costs, in %)."""
        cost, recovered, vacancy = self._read_group(
            domain or [], [], ["amount_cost:sum", "amount_recovered:sum", "amount_vacancy:sum"]
        )[0]
        return {
            "cost": cost,
            "recovered": recovered,
            "vacancy": vacancy,
            "recovery_rate": 100.0 * recovered / cost if cost else 0.0,
        }
