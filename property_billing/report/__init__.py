from . import report_property_statement
from . import report_lease_contract
