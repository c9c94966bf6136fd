from . import property_report_xlsx
from . import spreadsheet_dashboard
