# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0: the charge-back moved to the bridge addon property_maintenance_billing. Its
fields' metadata is handed over to the bridge before this update, so the update does not
drop their columns (the bridge, installed by the post-migration, takes them over with
their data)."""

MOVED_FIELDS = (
    "property_chargeable",
    "property_charge_amount",
    "property_charge_ref",
    "property_charge_move_id",
    "property_is_charged",
    "property_charge_label",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET module = 'property_maintenance_billing'
         WHERE module = 'property_maintenance'
           AND model = 'ir.model.fields'
           AND name = ANY(%s)
        """,
        [[f"field_maintenance_request__{name}" for name in MOVED_FIELDS]],
    )
