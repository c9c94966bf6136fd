from . import report_work_order
