# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0: install the bridge property_maintenance_billing (charge-back) in the same
update when property_billing is installed, so a database keeps its charge-back."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Module = env["ir.module.module"]
    billing = Module.search([("name", "=", "property_billing")])
    if billing.state not in ("installed", "to upgrade"):
        return
    bridge = Module.search([("name", "=", "property_maintenance_billing")])
    if not bridge:
        Module.update_list()
        bridge = Module.search([("name", "=", "property_maintenance_billing")])
    if bridge.state == "uninstalled":
        bridge.button_install()
