"""Shared base for the cross-addon suites in tests/ (run by pytest-odoo, outside any addon).

Odoo tags test classes only when they live in `odoo.addons.*`; these live in the repository's
tests/ folder, so the base class carries the tags Odoo's TestCase expects."""

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
