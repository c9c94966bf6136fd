from . import test_property_auditlog
