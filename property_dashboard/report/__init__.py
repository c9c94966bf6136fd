from . import property_occupancy_report
from . import property_rent_report
from . import property_ticket_report
from . import property_report_xlsx
from . import property_cost_report
