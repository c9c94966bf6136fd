"""Service tickets over JSON-RPC: a context key is data from the caller, never a permission.

Each case is sent by a technician (of the ticket's team, not assigned) and by the tenant of the
ticket, with and without the context keys property_maintenance used to read in ``write()``
(``property_transition``, ``property_dispatch``): the ticket does not change. Then the
technician cases of the access rules: a follower's access, a ticket moved to another team,
deletion; and what a repair cost, which the tenant of the ticket does not read."""

from security_common import SecurityHttpCase, module_installed

from odoo import Command
from odoo.tests.common import JsonRpcException

CONTEXT_KEYS = ("property_transition", "property_dispatch")


class TicketRpcCase(SecurityHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.has_maintenance:
            return
        env = cls.env
        cls.technician = cls.users["technician"]
        cls.colleague = cls.env["res.users"].create(
            {
                "name": "SEC colleague",
                "login": "sec_colleague",
                "password": "sec_colleague_pw",
                "groups_id": [
                    Command.set(env.ref("property_tenant.group_property_technician").ids)
                ],
            }
        )
        cls.team = env["maintenance.team"].create(
            {
                "name": "SEC plumbing",
                "member_ids": [Command.set((cls.technician | cls.colleague).ids)],
            }
        )
        cls.team_other = env["maintenance.team"].create({"name": "SEC lifts"})
        cls.ticket = env["maintenance.request"].create(
            {
                "name": "SEC rpc ticket",
                "maintenance_team_id": cls.team.id,
                "user_id": cls.colleague.id,
                "property_unit_id": cls.unit_a1.id,
                "property_partner_id": cls.partner_a.id,
            }
        )
        cls.ticket.with_user(cls.colleague).action_property_start()
        env.flush_all()

    def setUp(self):
        super().setUp()
        if not self.has_maintenance:
            self.skipTest("property_maintenance not installed")

    def call(self, model, method, ids, *args, context=None, **kwargs):
        if context:
            kwargs["context"] = context
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": [ids, *args], "kwargs": kwargs},
        )

    def assert_refused(self, *args, **kwargs):
        with self.assertRaises(JsonRpcException, msg=f"{args[:2]} {kwargs} allowed"):
            self.call(*args, **kwargs)

    def assert_unchanged(self):
        self.env.invalidate_all()
        self.assertEqual(self.ticket.property_state, "in_progress")
        self.assertEqual(self.ticket.user_id, self.colleague)
        self.assertFalse(self.ticket.property_date_done)
        self.assertFalse(self.ticket.rating_ids)
        self.assertTrue(self.ticket.exists())

    def _attempts(self, context):
        done_stage = self.env.ref("maintenance.stage_3")
        ids = [self.ticket.id]
        self.assert_refused(
            "maintenance.request", "write", ids, {"property_state": "done"}, context=context
        )
        self.assert_refused(
            "maintenance.request", "write", ids, {"stage_id": done_stage.id}, context=context
        )
        self.assert_refused(
            "maintenance.request", "write", ids, {"user_id": self.technician.id}, context=context
        )
        self.assert_refused("maintenance.request", "action_property_done", ids, context=context)
        self.assert_refused("maintenance.request", "unlink", ids, context=context)

    def test_technician_context_keys_change_nothing(self):
        self.authenticate("sec_technician", "sec_technician_pw")
        # the probe works: the team's technician reads the ticket
        self.assertTrue(self.call("maintenance.request", "read", [self.ticket.id], ["name"]))
        for context in ({}, {key: True for key in CONTEXT_KEYS}, *({k: 1} for k in CONTEXT_KEYS)):
            self._attempts(context)
        self.assert_unchanged()

    def test_tenant_context_keys_change_nothing(self):
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        self.assertTrue(self.call("maintenance.request", "read", [self.ticket.id], ["name"]))
        for context in ({}, {key: True for key in CONTEXT_KEYS}):
            self._attempts(context)
        self.assert_unchanged()

    def test_technician_follower_of_other_team_ticket_gets_nothing(self):
        other = (
            self.env["maintenance.request"]
            .sudo()
            .create({"name": "SEC lift ticket", "maintenance_team_id": self.team_other.id})
        )
        other.message_subscribe(partner_ids=self.technician.partner_id.ids)
        self.env.flush_all()
        self.authenticate("sec_technician", "sec_technician_pw")
        self.assert_refused("maintenance.request", "read", [other.id], ["name"])
        self.assert_refused("maintenance.request", "write", [other.id], {"name": "hijack"})
        found = self.make_jsonrpc_request(
            "/web/dataset/call_kw/maintenance.request/search",
            {
                "model": "maintenance.request",
                "method": "search",
                "args": [[("id", "=", other.id)]],
                "kwargs": {},
            },
        )
        self.assertEqual(found, [])

    def test_reassigned_to_other_team_technician_loses_ticket(self):
        self.ticket.write({"user_id": self.technician.id})
        self.assertIn(self.technician.partner_id, self.ticket.message_partner_ids)
        self.ticket.write({"maintenance_team_id": self.team_other.id, "user_id": False})
        self.assertNotIn(self.technician.partner_id, self.ticket.message_partner_ids)
        self.env.flush_all()
        self.authenticate("sec_technician", "sec_technician_pw")
        self.assert_refused("maintenance.request", "read", [self.ticket.id], ["name"])
        self.assert_refused("maintenance.request", "write", [self.ticket.id], {"name": "x"})
        self.assert_refused("maintenance.request", "unlink", [self.ticket.id])
        self.assertTrue(self.ticket.exists())

    # a tenant reads their own tickets over JSON-RPC (portal ACL and rule); what a repair cost
    # (materials, labour, total, the amount to charge) is staff's: absent from fields_get,
    # refused in read and search
    COST_FIELDS = (
        "property_material_ids",
        "property_material_cost",
        "property_labor_cost",
        "property_cost_total",
    )

    def cost_fields(self):
        if module_installed(self.env, "property_maintenance_billing"):
            return (*self.COST_FIELDS, "property_charge_amount")
        return self.COST_FIELDS

    def set_labour_cost(self):
        self.ticket.property_labor_cost = 123.45
        self.env.flush_all()

    def test_tenant_reads_no_ticket_cost(self):
        self.set_labour_cost()
        self.authenticate("sec_tenant_a", "sec_tenant_a_pw")
        # the probe: the tenant reads their ticket, with the deadline their portal page shows
        (row,) = self.call(
            "maintenance.request",
            "read",
            [self.ticket.id],
            ["name", "property_sla_resolution_deadline"],
        )
        self.assertEqual(row["name"], "SEC rpc ticket")
        visible = self.call("maintenance.request", "fields_get", [], attributes=["type"])
        self.assertIn("property_sla_resolution_deadline", visible)
        for fname in self.cost_fields():
            self.assertNotIn(fname, visible)
            self.assert_refused("maintenance.request", "read", [self.ticket.id], [fname])
            if fname != "property_material_ids":
                self.assert_refused("maintenance.request", "search", [(fname, ">", 100)])
        # the materials' costs cannot be guessed through the ticket either (no access to them)
        domain = [("property_material_ids.unit_cost", ">", 0)]
        self.assert_refused("maintenance.request", "search", domain)

    def test_technician_reads_ticket_cost(self):
        self.set_labour_cost()
        self.authenticate("sec_technician", "sec_technician_pw")
        fnames = list(self.cost_fields())
        (row,) = self.call("maintenance.request", "read", [self.ticket.id], fnames)
        self.assertEqual(row["property_labor_cost"], 123.45)
        self.assertEqual(row["property_cost_total"], 123.45)
