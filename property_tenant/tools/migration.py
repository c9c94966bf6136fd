# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Helpers of the property addons' migration scripts."""

from odoo.tools import SQL
from odoo.tools.sql import column_exists, make_index_name, rename_column, table_exists


def rename_fields(cr, model, renames):
    """Rename fields of `model` before the registry loads them, keeping their data: the
    column and its index (stored fields), the field's ``ir.model.fields`` row (tracking
    values, defaults, audit log lines and access rights point to it), the xml ids of the field
    and of its selection values, and the field name remembered by the import mappings and
    saved export lists.

    :param renames: [(old name, new name)]"""
    table = model.replace(".", "_")
    for old, new in renames:
        if column_exists(cr, table, old) and not column_exists(cr, table, new):
            rename_column(cr, table, old, new)
            cr.execute(
                SQL(
                    "ALTER INDEX IF EXISTS %s RENAME TO %s",
                    SQL.identifier(make_index_name(table, old)),
                    SQL.identifier(make_index_name(table, new)),
                )
            )
        cr.execute(
            SQL(
                "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s",
                new,
                model,
                old,
            )
        )
        cr.execute(
            SQL(
                """UPDATE ir_model_data SET name = %s
                    WHERE model = 'ir.model.fields' AND name = %s""",
                f"field_{table}__{new}",
                f"field_{table}__{old}",
            )
        )
        cr.execute(
            SQL(
                """UPDATE ir_model_data SET name = %s || substr(name, %s)
                    WHERE model = 'ir.model.fields.selection' AND name LIKE %s""",
                f"selection__{table}__{new}__",
                len(f"selection__{table}__{old}__") + 1,
                f"selection__{table}__{old}__%",
            )
        )
        if table_exists(cr, "base_import_mapping"):
            cr.execute(
                SQL(
                    """UPDATE base_import_mapping SET field_name = %s
                        WHERE res_model = %s AND field_name = %s""",
                    new,
                    model,
                    old,
                )
            )
        cr.execute(
            SQL(
                """UPDATE ir_exports_line l SET name = %s
                     FROM ir_exports e
                    WHERE e.id = l.export_id AND e.resource = %s AND l.name = %s""",
                new,
                model,
                old,
            )
        )


def rename_constraint(cr, table, old, new):
    """Rename an SQL constraint declared in `_sql_constraints` (names without the table
    prefix), so that the update does not add the new one next to the old one."""
    old_name, new_name = f"{table}_{old}", f"{table}_{new}"
    cr.execute(
        SQL(
            "SELECT 1 FROM pg_constraint WHERE conname = %s AND conrelid = %s::regclass",
            old_name,
            table,
        )
    )
    if cr.fetchone():
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME CONSTRAINT %s TO %s",
                SQL.identifier(table),
                SQL.identifier(old_name),
                SQL.identifier(new_name),
            )
        )
    cr.execute(SQL("UPDATE ir_model_constraint SET name = %s WHERE name = %s", new_name, old_name))


def rename_fields_in_domains(cr, model, renames):
    """Follow renamed fields of `model` in the domains administrators and users keep in the
    database: automation rules (noupdate data included; when base_automation is installed)
    and saved filters.

    :param renames: [(old name, new name)]"""
    for old, new in renames:
        pattern = f"""(['"]){old}([.'"])"""
        replacement = f"\\1{new}\\2"
        # base_automation is not a dependency of the property addons
        columns = ("filter_domain", "filter_pre_domain")
        for column in columns if table_exists(cr, "base_automation") else ():
            cr.execute(
                SQL(
                    """UPDATE base_automation a SET %s = regexp_replace(%s, %s, %s, 'g')
                         FROM ir_model m
                        WHERE m.id = a.model_id AND m.model = %s AND %s ~ %s""",
                    SQL.identifier(column),
                    SQL.identifier(column),
                    pattern,
                    replacement,
                    model,
                    SQL.identifier(column),
                    pattern,
                )
            )
        cr.execute(
            SQL(
                """UPDATE ir_filters SET domain = regexp_replace(domain, %s, %s, 'g')
                    WHERE model_id = %s AND domain ~ %s""",
                pattern,
                replacement,
                model,
                pattern,
            )
        )
