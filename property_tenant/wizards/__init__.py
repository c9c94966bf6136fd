from . import property_lease_terminate_wizard
from . import property_notice_wizard
