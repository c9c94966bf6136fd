# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.2.0: the fields this addon adds to maintenance.request all carry the property_
prefix. Renamed in place (column, index, field metadata and its xmlid) before the update, so
an installed database keeps their values and their tracking history."""

from odoo.tools import SQL

RENAMED = (
    "date_assigned",
    "date_responded",
    "date_done",
    "sla_response_deadline",
    "sla_resolution_deadline",
    "sla_response_breached",
    "sla_resolution_breached",
    "sla_response_warned",
    "sla_resolution_warned",
    "sla_response_escalated",
    "sla_resolution_escalated",
)


def migrate(cr, version):
    if not version:
        return
    for old in RENAMED:
        new = f"property_{old}"
        cr.execute(
            """
            SELECT 1 FROM information_schema.columns
             WHERE table_name = 'maintenance_request' AND column_name = %s
            """,
            [old],
        )
        if not cr.fetchone():
            continue
        cr.execute(
            SQL(
                "ALTER TABLE maintenance_request RENAME COLUMN %s TO %s",
                SQL.identifier(old),
                SQL.identifier(new),
            )
        )
        cr.execute(
            SQL(
                "ALTER INDEX IF EXISTS %s RENAME TO %s",
                SQL.identifier(f"maintenance_request__{old}_index"),
                SQL.identifier(f"maintenance_request__{new}_index"),
            )
        )
        cr.execute(
            """
            UPDATE ir_model_fields SET name = %s
             WHERE model = 'maintenance.request' AND name = %s
            """,
            [new, old],
        )
        cr.execute(
            """
            UPDATE ir_model_data SET name = %s
             WHERE module = 'property_maintenance' AND model = 'ir.model.fields' AND name = %s
            """,
            [f"field_maintenance_request__{new}", f"field_maintenance_request__{old}"],
        )
