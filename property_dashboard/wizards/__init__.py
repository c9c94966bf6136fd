from . import property_report_export
