# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_OPTIONS = {  # base_import options of the xlsx import tests
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
    "encoding": "",
    "separator": "",
    "quoting": '"',
    "date_format": "%Y-%m-%d",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "advanced": True,
    "has_headers": True,
    "keep_matches": False,
    "limit": 2000,
    "skip": 0,
    "tracking_disable": True,
}


class PropertyTestCommon(TransactionCase):
    """Shared fixtures: one building with two floors and four units, staff users of each
    role and two portal tenants (A and B). Other property addons build on this class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One timezone for every user of the tests, the server's (UTC): "today" is then the same
        # date for the accountant who posts an invoice, for whoever computes what is overdue and
        # for the tests' own date.today(), also in the hour when the administrator's timezone
        # (Europe/Brussels in a new database) has already turned the date and UTC has not.
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, tz="UTC"))
        cls.company = cls.env.company
        cls.user_property = new_test_user(
            cls.env,
            login="prop_user",
            name="Leasing Officer",
            groups="property_tenant.group_property_user",
        )
        cls.user_manager = new_test_user(
            cls.env,
            login="prop_manager",
            name="Property Manager",
            groups="property_tenant.group_property_manager",
        )
        cls.user_technician = new_test_user(
            cls.env,
            login="prop_technician",
            name="Technician",
            groups="property_tenant.group_property_technician",
        )
        cls.user_portal_a = new_test_user(
            cls.env, login="tenant_a", name="Tenant A", groups="base.group_portal"
        )
        cls.user_portal_b = new_test_user(
            cls.env, login="tenant_b", name="Tenant B", groups="base.group_portal"
        )
        cls.tenant_a = cls.user_portal_a.partner_id
        cls.tenant_b = cls.user_portal_b.partner_id
        (cls.tenant_a | cls.tenant_b).write(
            {"is_property_tenant": True, "email": "tenant@example.com"}
        )
        cls.tenant_a.email = "tenant.a@example.com"
        cls.tenant_b.email = "tenant.b@example.com"

        cls.unit_type = cls.env["property.unit.type"].create({"name": "Studio"})
        cls.building = cls.env["property.building"].create(
            {"name": "Test Tower", "code": "TT", "manager_id": cls.user_manager.id}
        )
        cls.floor_1, cls.floor_2 = cls.env["property.floor"].create(
            [
                {"name": "1F", "level": 1, "building_id": cls.building.id},
                {"name": "2F", "level": 2, "building_id": cls.building.id},
            ]
        )
        cls.unit_101, cls.unit_102, cls.unit_201, cls.unit_202 = cls.env["property.unit"].create(
            [
                {
                    "code": code,
                    "building_id": cls.building.id,
                    "floor_id": floor.id,
                    "area": area,
                    "unit_type_id": cls.unit_type.id,
                    "list_rent": 3000.0,
                }
                for code, floor, area in (
                    ("101", cls.floor_1, 50.0),
                    ("102", cls.floor_1, 30.0),
                    ("201", cls.floor_2, 50.0),
                    ("202", cls.floor_2, 80.0),
                )
            ]
        )

    @classmethod
    def _create_lease(cls, units=None, partner=None, **vals):
        units = units if units is not None else cls.unit_101
        values = {
            "partner_id": (partner or cls.tenant_a).id,
            "date_start": date(2025, 1, 1),
            "date_end": date(2025, 12, 31),
            "rent_price": 3000.0,
            "deposit_amount": 6000.0,
            "line_ids": [Command.create({"unit_id": unit.id}) for unit in units],
        }
        values.update(vals)
        return cls.env["property.lease"].create(values)

    @classmethod
    def _make_active(cls, lease):
        """Walk a draft lease through the onboarding steps up to 'active' (as superuser)."""
        lease.action_submit()
        lease.action_approve()
        lease.action_mark_signed()
        lease.action_activate()
        return lease
