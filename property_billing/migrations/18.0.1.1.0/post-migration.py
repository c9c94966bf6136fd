# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.1.0: the portal invoice rules match the partner's commercial entity instead of
`child_of` (faster, same or fewer partners). They are `noupdate` records: a rule still holding
the domain shipped by 18.0.1.0.0 is brought to the new one; a rule an administrator changed is
left alone."""

from odoo import SUPERUSER_ID, api

RULES = {
    "property_billing.account_move_rule_portal_tenant": (
        (
            "[('state', 'not in', ('cancel', 'draft')), ('move_type', 'in', ('out_invoice', "
            "'out_refund')), ('property_lease_id', '!=', False), ('partner_id', 'child_of', "
            "[user.commercial_partner_id.id])]"
        ),
        (
            "[('state', 'not in', ('cancel', 'draft')), ('move_type', 'in', ('out_invoice', "
            "'out_refund')), ('property_lease_id', '!=', False), "
            "('partner_id.commercial_partner_id', '=', user.commercial_partner_id.id)]"
        ),
    ),
    "property_billing.account_move_line_rule_portal_tenant": (
        (
            "[('parent_state', 'not in', ('cancel', 'draft')), ('move_id.move_type', 'in', "
            "('out_invoice', 'out_refund')), ('move_id.property_lease_id', '!=', False), "
            "('move_id.partner_id', 'child_of', [user.commercial_partner_id.id])]"
        ),
        (
            "[('parent_state', 'not in', ('cancel', 'draft')), ('move_id.move_type', 'in', "
            "('out_invoice', 'out_refund')), ('move_id.property_lease_id', '!=', False), "
            "('move_id.partner_id.commercial_partner_id', '=', user.commercial_partner_id.id)]"
        ),
    ),
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, (old, new) in RULES.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule and rule.domain_force == old:
            rule.domain_force = new
