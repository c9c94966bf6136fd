# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.property_tenant.tests.common import PropertyTestCommon


class PropertyMaintenanceCommon(PropertyTestCommon):
    """Two service teams (plumbing: three technicians, round-robin; lifts: one
    technician, least-open), categories with SLA targets, and tenant A renting unit 101
    and tenant B unit 102 on active leases."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tech_groups = "property_tenant.group_property_technician"
        cls.tech_1, cls.tech_2, cls.tech_3, cls.tech_lift = (
            new_test_user(cls.env, login=login, name=name, groups=tech_groups)
            for login, name in (
                ("pm_tech_1", "Plumber One"),
                ("pm_tech_2", "Plumber Two"),
                ("pm_tech_3", "Plumber Three"),
                ("pm_tech_lift", "Lift Engineer"),
            )
        )
        cls.team_leader = new_test_user(
            cls.env,
            login="pm_leader",
            name="Team Leader",
            groups="property_tenant.group_property_manager",
        )
        Team = cls.env["maintenance.team"]
        cls.team_plumbing = Team.create(
            {
                "name": "Plumbing",
                "member_ids": [Command.set((cls.tech_1 | cls.tech_2 | cls.tech_3).ids)],
                "property_assignment_rule": "round_robin",
                "property_leader_id": cls.team_leader.id,
            }
        )
        cls.team_lift = Team.create(
            {
                "name": "Lifts",
                "member_ids": [Command.set(cls.tech_lift.ids)],
                "property_assignment_rule": "least_open",
            }
        )
        Category = cls.env["property.ticket.category"]
        cls.cat_water = Category.create(
            {
                "name": "Test Plumbing",
                "team_id": cls.team_plumbing.id,
                "sla_warning_hours": 1.0,
                "sla_ids": [
                    Command.create(
                        {"priority": "3", "response_hours": 2.0, "resolution_hours": 8.0}
                    ),
                    Command.create(
                        {"priority": "2", "response_hours": 4.0, "resolution_hours": 24.0}
                    ),
                ],
            }
        )
        cls.cat_lift = Category.create(
            {
                "name": "Elevator",
                "team_id": cls.team_lift.id,
                "sla_ids": [
                    Command.create(
                        {"priority": "2", "response_hours": 1.0, "resolution_hours": 4.0}
                    )
                ],
            }
        )
        cls.cat_complaint = Category.create(
            {"name": "Noise", "ticket_type": "complaint", "team_id": cls.team_plumbing.id}
        )
        today = fields.Date.today()
        cls.lease_a = cls._make_active(
            cls._create_lease(
                cls.unit_101,
                cls.tenant_a,
                date_start=today - timedelta(days=30),
                date_end=today + timedelta(days=330),
            )
        )
        cls.lease_b = cls._make_active(
            cls._create_lease(
                cls.unit_102,
                cls.tenant_b,
                date_start=today - timedelta(days=30),
                date_end=today + timedelta(days=330),
            )
        )

    @classmethod
    def _create_ticket(cls, category=None, unit=None, **vals):
        values = {
            "name": "Leaking tap",
            "property_category_id": (category or cls.cat_water).id,
            "property_unit_id": (unit or cls.unit_101).id,
            "priority": "2",
        }
        values.update(vals)
        return cls.env["maintenance.request"].create(values)
