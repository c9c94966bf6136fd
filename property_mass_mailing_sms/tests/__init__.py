from . import test_notice_sms
