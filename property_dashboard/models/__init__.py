from . import property_report_xlsx
