from . import auditlog_rule
from . import base_automation
from . import ir_binary
from . import property_lease
from . import report_lease_contract
