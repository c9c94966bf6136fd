"""Shared fixtures of the security and reliability suites.

One role per user (public, two portal tenants, technician, property user, property manager,
accountant), two companies, and in each company a building with leased units, so that every
suite can ask "may this role see that record?" against the same small world.

Users are made with ``odoo.tests.new_test_user``; each password is the login."""

import base64
import logging
from datetime import date

from suite_common import SuiteHttpCase, SuiteTransactionCase

from odoo import Command
from odoo.service import server as odoo_server
from odoo.tests import new_test_user
from odoo.tools import config

_logger = logging.getLogger(__name__)

HTTP_PORT = 8205

# a 1x1 transparent PNG: a real image for the upload and ID-scan cases
PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
SVG_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert("svg-xss")</script></svg>'
HTML_SCRIPT = b"<html><body><script>alert('html-xss')</script></body></html>"
XSS = "<script>alert('sec-xss')</script>"

# role -> groups of the test user (comma-separated xml ids); accountant only when account is in
ROLE_GROUPS = {
    "public": "base.group_public",
    "portal": "base.group_portal",
    "technician": "property_tenant.group_property_technician",
    "user": "property_tenant.group_property_user",
    "manager": "property_tenant.group_property_manager",
    "accountant": "base.group_user,account.group_account_invoice",
}
ROLES = tuple(ROLE_GROUPS)


def module_installed(env, name):
    return bool(
        env["ir.module.module"]
        .sudo()
        .search_count([("name", "=", name), ("state", "=", "installed")])
    )


def ensure_http_server():
    """Start Odoo's threaded HTTP server once per process when pytest-odoo did not.

    HttpCase talks to ``odoo.service.server.server``; Odoo's own test runner and
    ``pytest --odoo-http`` start it, plain ``pytest tests`` does not."""
    if odoo_server.server is not None and getattr(odoo_server.server, "httpd", None):
        return
    config["http_port"] = int(config.get("http_port") or 0) or HTTP_PORT
    if config["http_port"] == 8069:
        config["http_port"] = HTTP_PORT
    odoo_server.load_server_wide_modules()
    threaded = odoo_server.ThreadedServer(odoo_server.odoo.http.root)
    try:
        threaded.http_spawn()
    except OSError:
        # port taken (another suite running): any free loopback port will do
        threaded.port = 0
        config["http_port"] = 0
        threaded.http_spawn()
    odoo_server.server = threaded
    _logger.info("security suite: test HTTP server on port %s", threaded.httpd.server_port)


class SecurityWorldMixin:
    """Two companies, two tenants with a lease each in company A, one in company B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                no_reset_password=True,
            )
        )
        cls.has_billing = module_installed(env, "property_billing")
        cls.has_maintenance = module_installed(env, "property_maintenance")
        cls.has_dashboard = module_installed(env, "property_dashboard")
        cls.has_account = module_installed(env, "account")

        cls.company_a = env.company
        cls.company_b = env["res.company"].create({"name": "SEC Company B"})
        env.user.company_ids = [Command.link(cls.company_b.id)]

        cls.users = {}
        for role, groups in ROLE_GROUPS.items():
            if role == "accountant" and not cls.has_account:
                groups = "base.group_user"
            login = f"sec_{role}"
            cls.users[role] = new_test_user(
                env,
                login=login,
                password=login + "_pw",
                groups=groups,
                company_id=cls.company_a.id,
                company_ids=[Command.set([cls.company_a.id])],
            )
        cls.manager_b = new_test_user(
            env,
            login="sec_manager_b",
            password="sec_manager_b_pw",
            groups="property_tenant.group_property_manager"
            + (",account.group_account_manager" if cls.has_account else ""),
            company_id=cls.company_b.id,
            company_ids=[Command.set([cls.company_b.id])],
        )

        Partner = env["res.partner"]
        cls.partner_a = Partner.create(
            {"name": "SEC Tenant Alpha", "email": "alpha@example.com", "is_property_tenant": True}
        )
        cls.partner_b = Partner.create(
            {"name": "SEC Tenant Bravo", "email": "bravo@example.com", "is_property_tenant": True}
        )
        cls.partner_c = Partner.create(
            {
                "name": "SEC Tenant Charlie",
                "email": "charlie@example.com",
                "is_property_tenant": True,
                "company_id": cls.company_b.id,
            }
        )
        cls.portal_a = new_test_user(
            env,
            login="sec_tenant_a",
            password="sec_tenant_a_pw",
            groups="base.group_portal",
            partner_id=cls.partner_a.id,
            name="SEC Tenant Alpha",
            email="alpha@example.com",
        )
        cls.portal_b = new_test_user(
            env,
            login="sec_tenant_b",
            password="sec_tenant_b_pw",
            groups="base.group_portal",
            partner_id=cls.partner_b.id,
            name="SEC Tenant Bravo",
            email="bravo@example.com",
        )
        cls.users["portal"] = cls.portal_a

        cls.building_a = env["property.building"].create(
            {"name": "SEC Tower A", "code": "SECA", "company_id": cls.company_a.id}
        )
        cls.building_b = env["property.building"].create(
            {"name": "SEC Tower B", "code": "SECB", "company_id": cls.company_b.id}
        )
        Unit = env["property.unit"]
        cls.unit_a1 = Unit.create(
            {"code": "SECA-101", "building_id": cls.building_a.id, "area": 50}
        )
        cls.unit_a2 = Unit.create(
            {"code": "SECA-102", "building_id": cls.building_a.id, "area": 60}
        )
        cls.unit_a3 = Unit.create(
            {"code": "SECA-103", "building_id": cls.building_a.id, "area": 70}
        )
        cls.unit_b1 = Unit.create(
            {"code": "SECB-101", "building_id": cls.building_b.id, "area": 80}
        )
        cls.lease_a = cls._make_lease(cls.partner_a, cls.unit_a1, 5000)
        cls.lease_b = cls._make_lease(cls.partner_b, cls.unit_a2, 6000)
        cls.lease_c = cls._make_lease(cls.partner_c, cls.unit_b1, 7000, company=cls.company_b)

    @classmethod
    def _make_lease(
        cls,
        partner,
        unit,
        rent,
        company=None,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        **vals,
    ):
        return (
            cls.env["property.lease"]
            .with_company(company or cls.company_a)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": (company or cls.company_a).id,
                    "date_start": start,
                    "date_end": end,
                    "rent_price": rent,
                    "deposit_amount": rent * 2,
                    "line_ids": [Command.create({"unit_id": unit.id})],
                    **vals,
                }
            )
        )


class SecurityCase(SecurityWorldMixin, SuiteTransactionCase):
    """ORM-level security tests: everything rolled back after each test."""


class SecurityHttpCase(SecurityWorldMixin, SuiteHttpCase):
    """HTTP security tests; starts the test HTTP server when nobody else did."""

    @classmethod
    def setUpClass(cls):
        ensure_http_server()
        super().setUpClass()

    def assert_no_leak(self, response, *secrets):
        body = response.content.decode(errors="replace")
        for secret in secrets:
            self.assertNotIn(secret, body, f"{response.url} leaks {secret!r}")
