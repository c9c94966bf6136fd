from . import property_billing_run
