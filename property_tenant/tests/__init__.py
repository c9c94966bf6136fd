from . import test_rent_schedule
from . import test_lease_overlap
from . import test_lease_lifecycle
from . import test_unit_state
from . import test_tenant_profile
from . import test_lease_end
from . import test_onboarding
from . import test_portal
