# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0: the lease's `days_in_advance` (days before a period its rent is due) is
`payment_days_before_period`, so that it is not mistaken for the company's invoice issue
days; values, tracking and the SQL constraint are kept."""

from odoo.addons.property_tenant.tools.migration import (
    rename_constraint,
    rename_fields,
    rename_fields_in_domains,
)


def migrate(cr, version):
    if not version:
        return
    renames = [("days_in_advance", "payment_days_before_period")]
    rename_fields(cr, "property.lease", renames)
    rename_fields_in_domains(cr, "property.lease", renames)
    rename_constraint(
        cr, "property_lease", "days_in_advance_positive", "payment_days_before_period_positive"
    )
