# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.3.0: billing is a billing run. The scheduled action "Property: generate rent
invoices" (a `noupdate` record, not reloaded) now creates the day's runs; the second,
identical scheduled action ("... (second worker)") is deleted: a run is executed by
"Property: execute billing runs" (or spread over queue_job workers), and a second copy of the
daily action would only find today's run already open."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("property_billing.ir_cron_generate_invoices", raise_if_not_found=False)
    if cron:
        cron.write(
            {
                "model_id": env.ref("property_billing.model_property_billing_run").id,
                "code": "model._cron_create_runs()",
            }
        )
    second = env.ref("property_billing.ir_cron_generate_invoices_2", raise_if_not_found=False)
    if second:
        # unlink also removes its xml id
        second.unlink()
