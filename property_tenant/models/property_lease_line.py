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

        self._init_lease_sync_triggers()

    def _init_lease_sync_triggers(self):
        """Keep the lines' copies of the lease's dates, state and tenant equal to the lease's
        own columns in the database, whoever writes them (ORM, import, SQL, migration): the
        exclusion constraint above then always guards the dates the lease really uses.

        - on property_lease: a change of those columns is copied onto its lines at once;
        - on property_lease_line: at commit, every inserted or updated line must carry its
          lease's values (deferred, because the ORM inserts a line before it writes the
          copies in the same flush)."""
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE FUNCTION property_lease_sync_lines() RETURNS trigger AS $$
                BEGIN
                    UPDATE property_lease_line
                       SET date_start = NEW.date_start, date_end = NEW.date_end,
                           lease_state = NEW.state, partner_id = NEW.partner_id
                     WHERE lease_id = NEW.id
                       AND (date_start IS DISTINCT FROM NEW.date_start
                            OR date_end IS DISTINCT FROM NEW.date_end
                            OR lease_state IS DISTINCT FROM NEW.state
                            OR partner_id IS DISTINCT FROM NEW.partner_id);
                    RETURN NULL;
                END;
                $$ LANGUAGE plpgsql;

                CREATE OR REPLACE TRIGGER property_lease_sync_lines
                    AFTER UPDATE OF date_start, date_end, state, partner_id ON property_lease
                    FOR EACH ROW EXECUTE FUNCTION property_lease_sync_lines();

                CREATE OR REPLACE FUNCTION property_lease_line_check_lease() RETURNS trigger AS $$
                BEGIN
                    IF EXISTS (
                        SELECT 1 FROM property_lease_line line
                          JOIN property_lease lease ON lease.id = line.lease_id
                         WHERE line.id = NEW.id
                           AND (line.date_start IS DISTINCT FROM lease.date_start
                                OR line.date_end IS DISTINCT FROM lease.date_end
                                OR line.lease_state IS DISTINCT FROM lease.state
                                OR line.partner_id IS DISTINCT FROM lease.partner_id)
                    ) THEN
                        RAISE EXCEPTION USING
                            ERRCODE = 'integrity_constraint_violation',
                            MESSAGE = 'property_lease_line ' || NEW.id
                                || ' does not carry the dates, state and tenant of its lease';
                    END IF;
                    RETURN NULL;
                END;
                $$ LANGUAGE plpgsql;

                DROP TRIGGER IF EXISTS property_lease_line_check_lease ON property_lease_line;
                CREATE CONSTRAINT TRIGGER property_lease_line_check_lease
                    AFTER INSERT OR UPDATE ON property_lease_line
                    DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION property_lease_line_check_lease();
                """
            )
        )

    @api.constrains("unit_id", "lease_id")
    def _check_unit_overlap(self):
        """Explain an overlap in words before the exclusion constraint rejects it at flush.

        Reads the leases' current (possibly not yet flushed) state and dates, so that it runs
        before the stored related columns the database constraint looks at are written."""
        self._flush_other_leases()
        for line in self:
            lease = line.lease_id
            if lease.state not in BLOCKING_LEASE_STATES or not (
                lease.date_start and lease.date_end
            ):
                continue
            query = self.sudo()._search(
                [
                    ("unit_id", "=", line.unit_id.id),
                    ("lease_id", "!=", lease.id),
                    ("lease_id.state", "in", BLOCKING_LEASE_STATES),
                    ("lease_id.date_start", "<=", lease.date_end),
                    ("lease_id.date_end", ">=", lease.date_start),
                ],
                limit=1,
            )
            # Not flushed on purpose: flushing this lease's pending state or dates would have
            # the database (trigger, then exclusion constraint) refuse them before this
            # message is raised. Other leases are read as stored; this one from the cache.
            self.env.cr.execute(query.select())
            other = self.browse(row[0] for row in self.env.cr.fetchall())
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

    def _flush_other_leases(self):
        """Write the pending state and dates of the other leases (not those of these lines,
        which the overlap check reads from the cache)."""
        Lease = self.env["property.lease"]
        fnames = ["state", "date_start", "date_end"]
        dirty = Lease.browse()
        for fname in fnames:
            dirty |= self.env.cache.get_dirty_records(Lease, Lease._fields[fname])
        (dirty - self.lease_id).flush_recordset(fnames)

    @api.depends("unit_id", "lease_id.name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.lease_id.name} / {line.unit_id.display_name}"
