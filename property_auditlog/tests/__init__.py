from . import test_property_auditlog
from . import test_auditlog_tour
