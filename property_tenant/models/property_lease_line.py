# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .property_lease import BLOCKING_LEASE_STATES


class PropertyLeaseLine(models.Model):
    _name = "property.lease.line"
    _description = "Leased Unit"
    _order = "lease_id, id"
    _check_company_auto = True

    lease_id = fields.Many2one("property.lease", required=True, ondelete="cascade", index=True)
    unit_id = fields.Many2one(
        "property.unit", required=True, ondelete="restrict", index=True, check_company=True
    )
    company_id = fields.Many2one(related="lease_id.company_id", store=True, index=True)
    building_id = fields.Many2one(related="unit_id.building_id", store=True, index=True)
    area = fields.Float(related="unit_id.area", string="Area (m²)")
    date_start = fields.Date(related="lease_id.date_start", store=True)
    date_end = fields.Date(related="lease_id.date_end", store=True)
    lease_state = fields.Selection(related="lease_id.state", store=True, index=True)
    partner_id = fields.Many2one(related="lease_id.partner_id", store=True, index=True)

    _sql_constraints = [
        ("lease_unit_uniq", "unique(lease_id, unit_id)", "A unit can appear only once on a lease."),
    ]

    def init(self):
        """No two leases holding units (signed to active) may overlap on the same unit.
        An exclusion constraint makes this hold for every writer, ORM or SQL. GiST range_ops
        supports '=' so no extension (btree_gist) is needed."""
        constraint = "property_lease_line_no_overlap"
        if not tools.sql.constraint_definition(self.env.cr, self._table, constraint):
            states = SQL(", ").join(SQL("%s", s) for s in BLOCKING_LEASE_STATES)
            self.env.cr.execute(
                SQL(
                    """ALTER TABLE property_lease_line ADD CONSTRAINT property_lease_line_no_overlap
                       EXCLUDE USING gist (
                           int4range(unit_id, unit_id, '[]') WITH =,
                           daterange(date_start, date_end, '[]') WITH &&
                       ) WHERE (lease_state IN (%s))""",
                    states,
                )
            )

    @api.constrains("unit_id", "lease_id")
    def _check_unit_overlap(self):
        """Explain an overlap in words before the exclusion constraint rejects it at flush.

        Reads the leases' current (possibly not yet flushed) state and dates, so that it runs
        before the stored related columns the database constraint looks at are written."""
        for line in self:
            lease = line.lease_id
            if lease.state not in BLOCKING_LEASE_STATES or not (
                lease.date_start and lease.date_end
            ):
                continue
            other = self.sudo().search(
                [
                    ("unit_id", "=", line.unit_id.id),
                    ("lease_id", "!=", lease.id),
                    ("lease_id.state", "in", BLOCKING_LEASE_STATES),
                    ("lease_id.date_start", "<=", lease.date_end),
                    ("lease_id.date_end", ">=", lease.date_start),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s cannot be let by lease %(lease)s (%(start)s - %(end)s): "
                        "it is already held by lease %(other)s (%(other_start)s - "
                        "%(other_end)s) over overlapping dates.",
                        unit=line.unit_id.display_name,
                        lease=lease.name,
                        start=lease.date_start,
                        end=lease.date_end,
                        other=other.lease_id.name,
                        other_start=other.lease_id.date_start,
                        other_end=other.lease_id.date_end,
                    )
                )

    @api.depends("unit_id", "lease_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.lease_id.name} / {line.unit_id.display_name}"
