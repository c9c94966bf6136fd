# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.4.0: the seed's legal rule is an automation rule. The rule "arrears over 30 days
and over 5,000" (new, created by this upgrade) fires the collection level "Legal
escalation"; that level (a `noupdate` record, not reloaded) is marked "Fired by an
Automation Rule" here, so the daily collection job no longer fires it too (one to-do, not
two). The invoices it already fired on keep their log row and are not escalated again."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("property_billing.base_automation_arrears_legal", raise_if_not_found=False)
    legal = env.ref("property_billing.dunning_level_legal", raise_if_not_found=False)
    if rule and rule.active and legal:
        legal.fired_by_rule = True
