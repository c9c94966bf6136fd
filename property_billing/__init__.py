from . import controllers
from . import models
from . import report
from . import wizards


def _post_init_hook(env):
    """Give every company with a chart of accounts its tenant deposit liability account."""
    for company in env["res.company"].search([]):
        if company.chart_template:
            company._property_get_deposit_account()
