from . import property_notice_wizard
