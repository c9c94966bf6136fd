"""Shared base for the cross-addon suites in tests/ (run by pytest-odoo, outside any addon).

Odoo tags test classes only when they live in `odoo.addons.*`; these live in the repository's
tests/ folder, so the base class carries the tags Odoo's TestCase expects."""

import threading
from contextlib import contextmanager
from functools import partial

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.service.model import retrying
from odoo.tests import common

ADDONS = (
    "property_tenant",
    "property_billing",
    "property_maintenance",
    "property_maintenance_billing",
    "property_dashboard",
)


class SuiteTagsMixin:
    test_tags = frozenset({"standard", "property_suite"})
    test_module = "property_suite"
    test_class = None
    test_sequence = 0


class SuiteTransactionCase(SuiteTagsMixin, common.TransactionCase):
    """Rolled back after each test, like every TransactionCase."""


class SuiteHttpCase(SuiteTagsMixin, common.HttpCase):
    """HTTP tests against Odoo's test server (started on demand by HttpCase)."""


class CommittedTransactionsMixin:
    """Real transactions for concurrency tests, beside the test's own (rolled back) cursor.

    Each ``real_env()`` is a cursor of its own from the registry, committed when its block
    ends without error and rolled back otherwise, so other transactions (threads) see what it
    wrote; records read from it are unusable once the block has ended (their cursor is
    closed). What a test commits it removes itself (``addCleanup``)."""

    REAL_ENV_CONTEXT = {"tracking_disable": True}

    def real_cursor(self):
        cr = self.registry.cursor()
        # bound to the test's registry: looking it up by name would wait for the registry
        # lock while Odoo's test runner holds it
        cr.transaction = Transaction(self.registry)
        return cr

    @contextmanager
    def real_env(self):
        with self.real_cursor() as cr:  # commits on success; closing rolls back otherwise
            yield api.Environment(cr, SUPERUSER_ID, dict(self.REAL_ENV_CONTEXT))

    def run_request(self, func, results, key):
        """``func(env)`` as one HTTP request does it: its own cursor, retried on a
        serialization failure with a fresh snapshot (``odoo.service.model.retrying``), then
        committed. The outcome (return value or exception) lands in ``results[key]``."""
        with self.real_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, dict(self.REAL_ENV_CONTEXT))
            try:
                results[key] = retrying(partial(func, env), env)
            except Exception as error:  # noqa: BLE001 - reported to the test thread
                cr.rollback()  # nothing of a failed request is committed
                results[key] = error

    def run_two(self, func, keys="ab"):
        """``func`` in two threads at once (named ``keys``), each a request of its own;
        returns ``{key: outcome}``."""
        results = {}
        threads = [
            threading.Thread(target=self.run_request, args=(func, results, key), name=key)
            for key in keys
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return results
