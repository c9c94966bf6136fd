r"""A context key is data from the caller: JSON-RPC passes any context through. Every key the
addons read, sent by a technician and by a portal tenant, must change nothing they could not
change without it.

Audit of ``env.context`` reads (``grep -rn "context.get\|context\[" property_*``), one key
per entry: where it is read, what it does, why it is not a permission.

- ``default_is_property_tenant`` - property_tenant ``res.partner.get_import_templates``: which
  import template the tenant list offers; a UI choice.
- ``property_billing_batch`` - property_billing ``account.move.message_subscribe``: batch
  billing subscribes nobody; it only skips a subscription the caller's own call would make.
- ``active_model`` / ``active_id(s)`` - property_billing deposit settlement and late-fee waiver
  ``default_get``: the record the wizard opens on; the wizards are for accountants and
  managers (ACL) and the record is read with the caller's rights.
- ``report_date`` - property_dashboard rent and occupancy reports: the date of the figures;
  the reports are for property users and managers (ACL) and show what they may read.
- ``tracking_disable``, ``mail_create_nolog``, ``mail_notrack``, ``mail_create_nosubscribe`` -
  core ``mail`` (set by the billing batch): no chatter tracking; no write is granted by them.
- ``property_transition``, ``property_dispatch`` - property_maintenance: formerly authorised
  ticket writes; their cases are added by the maintenance engineer in ``maintenance_cases``.

Each case below is called over ``/web/dataset/call_kw`` as the technician and as tenant A,
with and without the key; the database state it could touch is compared before and after."""

from datetime import date

from security_common import SecurityHttpCase

from odoo.tests.common import JsonRpcException


class TestContextKeys(SecurityHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.lease_a | cls.lease_b).sudo().write({"state": "active"})
        cls.invoice_a = None
        if cls.has_billing and cls.env["account.journal"].search_count(
            [("company_id", "=", cls.company_a.id), ("type", "=", "sale")]
        ):
            cls.invoice_a = cls.lease_a._generate_invoices(date(2026, 1, 1))[:1]
        cls.env.flush_all()

    def call(self, model, method, args, kwargs, context):
        try:
            return self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": dict(kwargs, context=context),
                },
            )
        except JsonRpcException as error:
            return error

    def state(self):
        """What the cases could change, read as superuser."""
        self.env.invalidate_all()
        leases = self.lease_a | self.lease_b
        values = {
            "leases": leases.sudo().read(["state", "rent_price", "deposit_amount", "partner_id"]),
            "tenants": self.env["res.partner"]
            .sudo()
            .search_count([("is_property_tenant", "=", True)]),
            "partners": self.env["res.partner"].sudo().search_count([]),
        }
        if self.invoice_a:
            values["invoice"] = self.invoice_a.sudo().read(
                ["state", "amount_total", "property_late_fee_waived", "message_partner_ids"]
            )
            values["moves"] = self.env["account.move"].sudo().search_count([])
        return values

    def cases(self):
        """(context key and value, model, method, args, kwargs)."""
        lease = self.lease_a.id
        cases = [
            ({"default_is_property_tenant": True}, "res.partner", "get_import_templates", [], {}),
            (
                {"active_model": "property.lease", "active_id": lease},
                "property.lease",
                "write",
                [[lease], {"rent_price": 1.0}],
                {},
            ),
            (
                {"tracking_disable": True},
                "property.lease",
                "write",
                [[lease], {"state": "ended"}],
                {},
            ),
        ]
        if self.has_billing:
            cases += [
                (
                    {"active_model": "property.lease", "active_id": lease, "active_ids": [lease]},
                    "property.deposit.settlement",
                    "default_get",
                    [["lease_id", "amount_refund"]],
                    {},
                ),
                (
                    {"active_model": "property.lease", "active_id": lease},
                    "property.deposit.settlement",
                    "create",
                    [{"lease_id": lease}],
                    {},
                ),
            ]
            if self.invoice_a:
                move = self.invoice_a.id
                cases += [
                    (
                        {"property_billing_batch": True},
                        "account.move",
                        "message_subscribe",
                        [[move]],
                        {"partner_ids": [self.partner_b.id]},
                    ),
                    (
                        {"active_model": "account.move", "active_ids": [move]},
                        "property.late.fee.waive",
                        "create",
                        [{"reason": "context"}],
                        {},
                    ),
                    (
                        {"property_billing_batch": True, "tracking_disable": True},
                        "account.move",
                        "write",
                        [[move], {"property_late_fee_waived": True}],
                        {},
                    ),
                ]
        if self.has_dashboard:
            cases += [
                (
                    {"report_date": "2020-01-01"},
                    model,
                    "search_read",
                    [[]],
                    {"fields": ["id"], "limit": 1},
                )
                for model in ("property.rent.report", "property.occupancy.report")
            ]
        return cases + self.maintenance_cases()

    def maintenance_cases(self):
        """Cases of the keys property_maintenance reads (filled by the maintenance engineer):
        same shape as ``cases``."""
        return []

    def test_context_keys_change_nothing(self):
        logins = {"technician": ("sec_technician", "sec_technician_pw")}
        logins["tenant"] = ("sec_tenant_a", "sec_tenant_a_pw")
        for who, (login, password) in logins.items():
            self.authenticate(login, password)
            for key_context, model, method, args, kwargs in self.cases():
                with self.subTest(who=who, model=model, method=method, context=key_context):
                    # without the key first: what the caller may do anyway
                    self.call(model, method, args, kwargs, {})
                    before = self.state()
                    with_key = self.call(model, method, args, kwargs, key_context)
                    self.assertEqual(self.state(), before, f"{who} {model}.{method} {key_context}")
                    if not isinstance(with_key, JsonRpcException) and method not in (
                        "default_get",
                        "get_import_templates",
                        "search_read",
                        "message_subscribe",
                    ):
                        self.fail(f"{who} {model}.{method} accepted with {key_context}")
