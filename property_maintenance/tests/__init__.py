# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import (
    test_dispatch,
    test_workflow,
    test_state_machine,
    test_ticket_access,
    test_sla,
    test_security,
    test_rating,
    test_equipment,
    test_portal,
    test_portal_multi_company,
    test_portfolio_links,
    test_technician_phone,
    test_backend_intake,
    test_rating_one_click,
)
from . import test_rules
from . import test_custom_fields_tour
