from . import test_occupancy_report
from . import test_rent_report
from . import test_ticket_report
from . import test_xlsx_export
from . import test_dashboards
from . import test_new_form_domains
from . import test_accountant_tour
from . import test_cost_report
