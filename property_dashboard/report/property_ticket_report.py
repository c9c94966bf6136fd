# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.property_maintenance.models.maintenance_request import (
    OPEN_TICKET_STATES,
    TICKET_STATES,
)
from odoo.addons.property_maintenance.models.property_ticket_category import TICKET_TYPES

RATING_LEVELS = [
    ("5", "Satisfied"),
    ("3", "Okay"),
    ("1", "Dissatisfied"),
]


class PropertyTicketReport(models.Model):
    """One row per property ticket (repair, complaint, suggestion).

    Durations are in hours from the report time; SLA compliance is 100/0 per ticket that has a
    deadline (NULL otherwise) so that its average over any group is the compliance rate."""

    _name = "property.ticket.report"
    _description = "Service Analysis"
    _auto = False
    _rec_name = "request_id"
    _order = "date_reported desc, request_id desc"

    request_id = fields.Many2one("maintenance.request", string="Ticket", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    ticket_type = fields.Selection(TICKET_TYPES, string="Kind", readonly=True)
    category_id = fields.Many2one("property.ticket.category", readonly=True)
    building_id = fields.Many2one("property.building", readonly=True)
    unit_id = fields.Many2one("property.unit", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Tenant", readonly=True)
    user_id = fields.Many2one("res.users", string="Technician", readonly=True)
    team_id = fields.Many2one("maintenance.team", readonly=True)
    state = fields.Selection(TICKET_STATES, string="Status", readonly=True)
    priority = fields.Selection(
        [("0", "Very Low"), ("1", "Low"), ("2", "Normal"), ("3", "High")], readonly=True
    )
    date_reported = fields.Datetime(string="Reported On", readonly=True)
    date_done = fields.Datetime(string="Done On", readonly=True)
    ticket_count = fields.Integer(string="Tickets", readonly=True, aggregator="sum")
    open_count = fields.Integer(string="Open", readonly=True, aggregator="sum")
    closed_count = fields.Integer(string="Closed", readonly=True, aggregator="sum")
    response_hours = fields.Float(
        string="Response Time (h)", readonly=True, aggregator="avg", digits=(16, 2)
    )
    resolution_hours = fields.Float(
        string="Resolution Time (h)", readonly=True, aggregator="avg", digits=(16, 2)
    )
    sla_response_rate = fields.Float(string="Response SLA Met (%)", readonly=True, aggregator="avg")
    sla_resolution_rate = fields.Float(
        string="Resolution SLA Met (%)", readonly=True, aggregator="avg"
    )
    sla_breached_count = fields.Integer(string="SLA Breaches", readonly=True, aggregator="sum")
    rating = fields.Float(readonly=True, aggregator="avg")
    rating_level = fields.Selection(RATING_LEVELS, readonly=True)
    rated_count = fields.Integer(string="Rated", readonly=True, aggregator="sum")

    @property
    def _table_query(self):
        open_states = SQL(", ").join(SQL("%s", s) for s in OPEN_TICKET_STATES)
        return SQL(
            """
WITH last_rating AS (
    -- the tenant's last rating of each ticket, read from the ratings themselves (as the
    -- rating mixin does), so that ratings however created are counted
    SELECT DISTINCT ON (res_id) res_id, rating
      FROM rating_rating
     WHERE res_model = 'maintenance.request' AND consumed
     ORDER BY res_id, write_date DESC, id DESC
)
SELECT r.id,
       r.id AS request_id,
       r.company_id,
       r.property_ticket_type AS ticket_type,
       r.property_category_id AS category_id,
       r.property_building_id AS building_id,
       r.property_unit_id AS unit_id,
       r.property_partner_id AS partner_id,
       r.user_id,
       r.maintenance_team_id AS team_id,
       r.property_state AS state,
       r.priority,
       r.property_date_reported AS date_reported,
       r.property_date_done AS date_done,
       1 AS ticket_count,
       (r.property_state IN (%(open_states)s))::int AS open_count,
       (r.property_state = 'done')::int AS closed_count,
       EXTRACT(EPOCH FROM r.property_date_responded - r.property_date_reported) / 3600.0
           AS response_hours,
       CASE WHEN r.property_state = 'done'
            THEN EXTRACT(EPOCH FROM r.property_date_done - r.property_date_reported) / 3600.0
       END AS resolution_hours,
       CASE WHEN r.property_sla_response_deadline IS NULL THEN NULL
            WHEN r.property_sla_response_breached THEN 0.0 ELSE 100.0 END AS sla_response_rate,
       CASE WHEN r.property_sla_resolution_deadline IS NULL
                 OR r.property_state = 'cancelled' THEN NULL
            WHEN r.property_sla_resolution_breached THEN 0.0 ELSE 100.0 END AS sla_resolution_rate,
       (COALESCE(r.property_sla_response_breached, FALSE)
        OR COALESCE(r.property_sla_resolution_breached, FALSE))::int AS sla_breached_count,
       NULLIF(rt.rating, 0) AS rating,
       CASE WHEN rt.rating >= 4 THEN '5'
            WHEN rt.rating >= 2 THEN '3'
            WHEN rt.rating >= 1 THEN '1' END AS rating_level,
       (COALESCE(rt.rating, 0) > 0)::int AS rated_count
  FROM maintenance_request r
  LEFT JOIN last_rating rt ON rt.res_id = r.id
 WHERE r.property_ticket_type IS NOT NULL
            """,
            open_states=open_states,
        )

    @api.model
    def _get_kpis(self, domain=None):
        """Headline figures of the service dashboard over ``domain``."""
        sums = ["ticket_count", "open_count", "closed_count", "sla_breached_count", "rated_count"]
        avgs = [
            "response_hours",
            "resolution_hours",
            "sla_response_rate",
            "sla_resolution_rate",
            "rating",
        ]
        values = self._read_group(
            domain or [], [], [f"{f}:sum" for f in sums] + [f"{f}:avg" for f in avgs]
        )[0]
        return {name: value or 0 for name, value in zip(sums + avgs, values, strict=True)}

    @api.model
    def _get_drilldown_action(self, domain):
        """The tickets behind a figure."""
        tickets = self.search(domain).request_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Tickets"),
            "res_model": "maintenance.request",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", tickets.ids)],
            "context": {"create": False},
        }
