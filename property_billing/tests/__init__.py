from . import test_rent_invoicing
from . import test_billing_concurrency
from . import test_onboarding_deposit
from . import test_collections
from . import test_portal
from . import test_utilities
from . import test_credit_notes
