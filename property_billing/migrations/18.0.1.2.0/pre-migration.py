# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.2.0: the fields billing adds to core models carry the `property_` prefix
(`fapiao_*` on invoices), and the company's `property_invoice_days_before` says what it
sets: `property_invoice_issue_days_before` (the due date is the lease's
`payment_days_before_period`). Values, tracking, xml ids and the domains of automation
rules and saved filters are kept."""

from odoo.addons.property_tenant.tools.migration import rename_fields, rename_fields_in_domains

FAPIAO_FIELDS = [
    ("fapiao_state", "property_fapiao_state"),
    ("fapiao_number", "property_fapiao_number"),
    ("fapiao_date", "property_fapiao_date"),
]


def migrate(cr, version):
    if not version:
        return
    # the invoice fields also exist on the statement lines (delegated to their move)
    for model in ("account.move", "account.bank.statement.line"):
        rename_fields(cr, model, FAPIAO_FIELDS)
    # e.g. the shipped example rule "fapiao requested" (noupdate: not reloaded)
    rename_fields_in_domains(cr, "account.move", FAPIAO_FIELDS)
    rename_fields(
        cr,
        "res.company",
        [("property_invoice_days_before", "property_invoice_issue_days_before")],
    )
    rename_fields(
        cr,
        "res.config.settings",
        [("property_invoice_days_before", "property_invoice_issue_days_before")],
    )
