# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.property_tenant.models.property_lease import (
    BLOCKING_LEASE_STATES,
    OCCUPYING_LEASE_STATES,
)
from odoo.addons.property_tenant.models.property_unit import UNIT_STATES

# Lease states after which a unit was (or still is) occupied: the end of such a lease starts
# the vacancy clock of the unit.
OCCUPIED_ONCE_STATES = (*OCCUPYING_LEASE_STATES, "ended", "terminated", "renewed")

VACATE_WITHIN = [
    ("now", "Vacant now"),
    ("30", "Within 30 days"),
    ("60", "In 31-60 days"),
    ("90", "In 61-90 days"),
    ("later", "Later"),
]


class PropertyOccupancyReport(models.Model):
    """One row per unit with its occupancy figures at today's date (or at the context's
    ``report_date``): a query built per request (``_table_query``), not a stored view, so that
    "today" is the user's today, as for the unit statuses.

    Percentages are 100/0 per unit with an average aggregator, so that any grouping (building,
    floor, unit type) shows the rate of that group; units that are not rentable carry NULL and
    do not weigh in."""

    _name = "property.occupancy.report"
    _description = "Occupancy Analysis"
    _auto = False
    _rec_name = "unit_id"
    _order = "building_id, floor_id, unit_id"

    unit_id = fields.Many2one("property.unit", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    building_id = fields.Many2one("property.building", readonly=True)
    floor_id = fields.Many2one("property.floor", readonly=True)
    unit_type_id = fields.Many2one("property.unit.type", readonly=True)
    state = fields.Selection(UNIT_STATES, string="Status", readonly=True)
    lease_id = fields.Many2one("property.lease", string="Current Lease", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Tenant", readonly=True)
    unit_count = fields.Integer(string="Units", readonly=True, aggregator="sum")
    vacant_count = fields.Integer(string="Vacant Units", readonly=True, aggregator="sum")
    leased_count = fields.Integer(string="Leased Units", readonly=True, aggregator="sum")
    rentable_count = fields.Integer(string="Rentable Units", readonly=True, aggregator="sum")
    area = fields.Float(string="Area (m²)", readonly=True, aggregator="sum")
    vacant_area = fields.Float(string="Vacant Area (m²)", readonly=True, aggregator="sum")
    leased_area = fields.Float(string="Leased Area (m²)", readonly=True, aggregator="sum")
    vacancy_rate = fields.Float(string="Vacancy Rate (%)", readonly=True, aggregator="avg")
    occupancy_rate = fields.Float(string="Occupancy Rate (%)", readonly=True, aggregator="avg")
    days_vacant = fields.Integer(
        readonly=True,
        aggregator="avg",
        help="Days since the last lease of a vacant unit ended (or since the unit was created).",
    )
    lease_end = fields.Date(readonly=True)
    vacate_date = fields.Date(
        string="Vacates On",
        readonly=True,
        help="First day without tenant when the current lease is not followed by another one.",
    )
    vacate_within = fields.Selection(VACATE_WITHIN, string="Vacant Within", readonly=True)
    vacate_30_count = fields.Integer(string="Vacant in 30 Days", readonly=True, aggregator="sum")
    vacate_60_count = fields.Integer(string="Vacant in 60 Days", readonly=True, aggregator="sum")
    vacate_90_count = fields.Integer(string="Vacant in 90 Days", readonly=True, aggregator="sum")
    monthly_rent = fields.Float(
        readonly=True,
        aggregator="sum",
        help="Current monthly rent (escalations applied) of the lease, shared between its units "
        "by area (rent per m²) or equally (rent per unit).",
    )
    list_rent = fields.Float(readonly=True, aggregator="sum")

    def _query(self):
        blocking = SQL(", ").join(SQL("%s", s) for s in BLOCKING_LEASE_STATES)
        occupied_once = SQL(", ").join(SQL("%s", s) for s in OCCUPIED_ONCE_STATES)
        return SQL(
            """
WITH base AS (
    SELECT u.id AS unit_id,
           u.company_id,
           u.building_id,
           u.floor_id,
           u.unit_type_id,
           u.state,
           COALESCE(u.area, 0.0) AS area,
           COALESCE(u.list_rent, 0.0) AS list_rent,
           u.create_date::date AS created_on,
           l.id AS lease_id,
           l.partner_id,
           LEAST(l.date_end, COALESCE(l.date_terminated, l.date_end)) AS lease_end,
           COALESCE(sched.monthly_rent, l.monthly_rent, 0.0) * CASE
               WHEN l.rent_basis IN ('m2', 'm2_day') AND COALESCE(l.total_area, 0) > 0
                   THEN COALESCE(u.area, 0.0) / l.total_area
               ELSE 1.0 / GREATEST(lines.line_count, 1)
           END AS monthly_rent,
           COALESCE(nxt.next_start > l.date_start, FALSE) AS followed,
           last_end.last_end
      FROM property_unit u
      JOIN property_building b ON b.id = u.building_id
      LEFT JOIN property_lease l ON l.id = u.current_lease_id
      -- set-based joins (one hash join each) rather than one sub-query per unit: the
      -- planner's estimate stays low enough for PostgreSQL not to JIT-compile the query,
      -- which alone cost most of a second on 10,000 units
      LEFT JOIN (
           SELECT ll.lease_id, COUNT(*) AS line_count
             FROM property_lease_line ll
            GROUP BY ll.lease_id
      ) lines ON lines.lease_id = l.id
      LEFT JOIN (
           SELECT DISTINCT ON (s.lease_id) s.lease_id, s.monthly_rent
             FROM property_lease_schedule_line s
            WHERE s.date_start <= %(today)s
              AND s.date_end >= %(today)s
            ORDER BY s.lease_id, s.date_start DESC
      ) sched ON sched.lease_id = l.id
      -- a lease is followed when another blocking lease of the unit starts after it (lines
      -- carry their lease's dates, so the lease's own line never starts after it)
      LEFT JOIN (
           SELECT nl.unit_id, MAX(nl.date_start) AS next_start
             FROM property_lease_line nl
            WHERE nl.lease_state IN (%(blocking)s)
            GROUP BY nl.unit_id
      ) nxt ON nxt.unit_id = u.id
      LEFT JOIN (
           SELECT pll.unit_id,
                  MAX(LEAST(pl.date_end, COALESCE(pl.date_terminated, pl.date_end))) AS last_end
             FROM property_lease_line pll
             JOIN property_lease pl ON pl.id = pll.lease_id
            WHERE pl.state IN (%(occupied_once)s)
              AND LEAST(pl.date_end, COALESCE(pl.date_terminated, pl.date_end)) < %(today)s
            GROUP BY pll.unit_id
      ) last_end ON last_end.unit_id = u.id
     WHERE u.active AND b.active
), dated AS (
    SELECT base.*,
           CASE WHEN lease_id IS NOT NULL AND NOT followed THEN lease_end + 1 END AS vacate_date
      FROM base
)
SELECT unit_id AS id,
       unit_id,
       company_id,
       building_id,
       floor_id,
       unit_type_id,
       state,
       lease_id,
       partner_id,
       1 AS unit_count,
       (state = 'vacant')::int AS vacant_count,
       (state = 'leased')::int AS leased_count,
       (state != 'not_rentable')::int AS rentable_count,
       area,
       CASE WHEN state = 'vacant' THEN area ELSE 0.0 END AS vacant_area,
       CASE WHEN state = 'leased' THEN area ELSE 0.0 END AS leased_area,
       CASE WHEN state = 'not_rentable' THEN NULL
            WHEN state = 'vacant' THEN 100.0 ELSE 0.0 END AS vacancy_rate,
       CASE WHEN state = 'not_rentable' THEN NULL
            WHEN state = 'leased' THEN 100.0 ELSE 0.0 END AS occupancy_rate,
       CASE WHEN state = 'vacant'
            THEN %(today)s - COALESCE(last_end + 1, created_on) END AS days_vacant,
       lease_end,
       vacate_date,
       CASE WHEN state = 'vacant' THEN 'now'
            WHEN state IN ('not_rentable', 'maintenance') OR vacate_date IS NULL THEN NULL
            WHEN vacate_date - %(today)s <= 30 THEN '30'
            WHEN vacate_date - %(today)s <= 60 THEN '60'
            WHEN vacate_date - %(today)s <= 90 THEN '90'
            ELSE 'later' END AS vacate_within,
       COALESCE(state = 'leased' AND vacate_date - %(today)s <= 30, FALSE)::int
           AS vacate_30_count,
       COALESCE(state = 'leased' AND vacate_date - %(today)s <= 60, FALSE)::int
           AS vacate_60_count,
       COALESCE(state = 'leased' AND vacate_date - %(today)s <= 90, FALSE)::int
           AS vacate_90_count,
       CASE WHEN state IN ('leased', 'reserved') THEN monthly_rent ELSE 0.0 END AS monthly_rent,
       list_rent
  FROM dated
            """,
            blocking=blocking,
            occupied_once=occupied_once,
            today=self._get_report_date(),
        )

    @property
    def _table_query(self):
        return self._query()

    @api.model
    def _get_report_date(self):
        """The date the figures are measured at: ``report_date`` in the context, else the
        user's today (the same today as the unit statuses)."""
        return fields.Date.to_date(
            self.env.context.get("report_date")
        ) or fields.Date.context_today(self)

    @api.model
    def _get_kpis(self, domain=None):
        """Headline figures of the occupancy dashboard over ``domain``."""
        fnames = [
            "unit_count",
            "rentable_count",
            "vacant_count",
            "leased_count",
            "area",
            "vacant_area",
            "vacate_30_count",
            "vacate_60_count",
            "vacate_90_count",
            "monthly_rent",
        ]
        values = self._read_group(
            domain or [], [], [f"{f}:sum" for f in fnames] + ["days_vacant:avg"]
        )[0]
        kpis = dict(zip([*fnames, "days_vacant"], values, strict=True))
        kpis["days_vacant"] = kpis["days_vacant"] or 0.0
        rentable = kpis["rentable_count"]
        kpis["vacancy_rate"] = 100.0 * kpis["vacant_count"] / rentable if rentable else 0.0
        kpis["occupancy_rate"] = 100.0 * kpis["leased_count"] / rentable if rentable else 0.0
        return kpis

    @api.model
    def _get_drilldown_action(self, domain):
        """Units behind a figure of this report (used by the dashboards and list buttons)."""
        units = self.search(domain).unit_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_tenant.property_unit_action"
        )
        action["domain"] = [("id", "in", units.ids)]
        return action
