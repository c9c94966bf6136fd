from . import report_lease_contract
