from . import property_lease_terminate_wizard
