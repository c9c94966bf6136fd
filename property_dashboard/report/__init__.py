from . import property_occupancy_report
