from . import test_billing_queue
