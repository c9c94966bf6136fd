# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import (
    test_dispatch,
    test_workflow,
    test_sla,
    test_security,
    test_chargeback,
    test_rating,
    test_equipment,
    test_portal,
    test_portal_multi_company,
    test_portfolio_links,
)
