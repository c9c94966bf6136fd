from . import report_property_statement
from . import report_lease_contract
from . import report_cost_statement
