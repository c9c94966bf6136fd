# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.2.0: the tenant fields this addon adds to res.partner carry the `property_` prefix,
so that they cannot collide with the fields of other apps (l10n modules, OCA
partner_identification...). Renamed in place before the update: values, index, tracking,
audit log lines, the audit log bridge's rule (it points to the field rows), xml ids, import
mappings, saved exports and the domains of saved filters and automation rules are kept."""

from odoo.addons.property_tenant.tools.migration import rename_fields, rename_fields_in_domains

PARTNER_FIELDS = [
    ("id_document_type", "property_id_document_type"),
    ("id_number", "property_id_number"),
    ("wechat", "property_wechat"),
    ("legal_representative", "property_legal_representative"),
    ("emergency_contact_ids", "property_emergency_contact_ids"),
]


def migrate(cr, version):
    if not version:
        return
    # res.users has them too, as fields delegated to its partner (_inherits)
    for model in ("res.partner", "res.users"):
        rename_fields(cr, model, PARTNER_FIELDS)
    rename_fields_in_domains(cr, "res.partner", PARTNER_FIELDS)
