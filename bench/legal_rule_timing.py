# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One pass of base_automation's time-based check with the legal arrears rule inactive and
active, alternated, 3 rounds each; the rules' last run is reset to now so nothing fires: the
cost of checking, not of firing. Rolled back.

    ./dev odoo shell -d <copy of the demo database> --no-http < bench/legal_rule_timing.py
"""

import time

from odoo import fields
from odoo.tools.safe_eval import safe_eval

env = env(context=dict(env.context))  # noqa: F821 - odoo shell
rule = env.ref("property_billing.base_automation_arrears_legal")
Automation = env["base.automation"]
timings = {}
for _round in range(3):
    for active in (False, True):
        rule.active = active
        Automation.search([("trigger", "=", "on_time")]).write({"last_run": fields.Datetime.now()})
        env.flush_all()
        start = time.perf_counter()
        with env.cr.savepoint(flush=False) as savepoint:
            Automation._check()
            env.flush_all()
            savepoint.rollback()
        timings.setdefault("active" if active else "inactive", []).append(
            round(time.perf_counter() - start, 2)
        )
candidates = env["account.move"].search_count(safe_eval(rule.filter_domain))
print(f"candidates {candidates} seconds per pass {timings}")
env.cr.rollback()
