from . import test_occupancy_report
