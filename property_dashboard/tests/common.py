# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.property_tenant.tests.common import PropertyTestCommon


class PropertyDashboardCommon(PropertyTestCommon):
    """A small generated portfolio on top of the tenant fixtures.

    Dates are relative to today because the report views measure at CURRENT_DATE."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["property.unit"])
        day = timedelta(days=1)
        cls.type_office, cls.type_shop = cls.env["property.unit.type"].create(
            [{"name": "Office"}, {"name": "Shop"}]
        )
        cls.building_2 = cls.env["property.building"].create(
            {"name": "Harbour Plaza", "code": "HP"}
        )
        cls.floor_hp = cls.env["property.floor"].create(
            {"name": "G", "level": 0, "building_id": cls.building_2.id}
        )
        units = cls.env["property.unit"].create(
            [
                {
                    "code": f"G{i:02d}",
                    "building_id": cls.building_2.id,
                    "floor_id": cls.floor_hp.id,
                    "area": 20.0 * i,
                    "unit_type_id": (cls.type_office if i % 2 else cls.type_shop).id,
                    "list_rent": 1000.0 * i,
                }
                for i in range(1, 7)
            ]
        )
        cls.hp_units = units
        units[4].rentable = False
        units[5].under_maintenance = True

        # Test Tower: 101 vacates in <= 30 days, 102 is renewed, 201+202 share one lease (per m²)
        cls.lease_101 = cls._make_active(
            cls._create_lease(
                cls.unit_101, date_start=cls.today - 200 * day, date_end=cls.today + 20 * day
            )
        )
        cls.lease_102 = cls._make_active(
            cls._create_lease(
                cls.unit_102,
                partner=cls.tenant_b,
                date_start=cls.today - 300 * day,
                date_end=cls.today + 50 * day,
                rent_price=2500.0,
            )
        )
        cls.lease_102_next = cls._create_lease(
            cls.unit_102,
            partner=cls.tenant_b,
            date_start=cls.today + 51 * day,
            date_end=cls.today + 400 * day,
            rent_price=2600.0,
        )
        cls.lease_102_next.action_submit()
        cls.lease_102_next.action_approve()
        cls.lease_2xx = cls._make_active(
            cls._create_lease(
                cls.unit_201 | cls.unit_202,
                rent_basis="m2",
                rent_price=100.0,
                date_start=cls.today - 30 * day,
                date_end=cls.today + 80 * day,
            )
        )
        # Harbour Plaza: G01 was let until 40 days ago, G02 never, G03 leased for 200 more days
        cls.lease_g01_old = cls._make_active(
            cls._create_lease(
                units[0], date_start=cls.today - 400 * day, date_end=cls.today - 40 * day
            )
        )
        cls.lease_g01_old.state = "ended"
        cls.lease_g03 = cls._make_active(
            cls._create_lease(
                units[2],
                partner=cls.tenant_b,
                date_start=cls.today - 10 * day,
                date_end=cls.today + 200 * day,
                rent_price=4000.0,
            )
        )
        cls.lease_g04_future = cls._create_lease(
            units[3], date_start=cls.today + 10 * day, date_end=cls.today + 100 * day
        )
        cls.lease_g04_future.action_submit()
        cls.lease_g04_future.action_approve()
        cls.env["property.unit"]._cron_update_state()
        (cls.env["property.unit"].search([])).invalidate_recordset()

        # A second company whose figures must not leak
        cls.company_2 = cls.env["res.company"].create({"name": "Other Estates Ltd"})
        cls.building_c2 = cls.env["property.building"].create(
            {"name": "Far Tower", "code": "FT", "company_id": cls.company_2.id}
        )
        cls.unit_c2 = cls.env["property.unit"].create(
            {"code": "1", "building_id": cls.building_c2.id, "area": 999.0}
        )
        cls.lease_c2 = cls._make_active(
            cls._create_lease(
                cls.unit_c2,
                company_id=cls.company_2.id,
                date_start=cls.today - 5 * day,
                date_end=cls.today + 5 * day,
            )
        )
        cls.user_dash_manager = new_test_user(
            cls.env,
            login="dash_manager",
            name="Dashboard Manager",
            groups="property_tenant.group_property_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.env.flush_all()
