# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Shared cost pools: costs of a period and their split among the units' occupant periods.

The building "Pool House" of the oracles below has four units, all in 2025 (365 days):

====  =====  ======  ===========================================================
unit  gross  net     occupancy in 2025
====  =====  ======  ===========================================================
A     100    80      let all year (tenant A)
B      50    40      let from 1 Jan, terminated on 30 Jun (181 days); vacant 1 Jul
                     to 31 Dec (184 days)
C      30    25      vacant all year
D      20    15      let all year (tenant D)
====  =====  ======  ===========================================================

Costs of 2025: a cleaning bill of 10,000.00 on the cleaning expense account, plus a
repairs bill of 1,000.02 distributed 50 % to the building's analytic account (500.01):
10,500.01 = 1,050,001 cents. Not costs: a draft cleaning bill, a cleaning bill of
December 2024, a customer invoice.

Gross-area key, weight = m² x days; the total is 200 m² x 365 = 73,000:

========  ======  ===========================  ==========  ==========
segment   weight  exact cents (x 1,050,001)    rounded     amount
========  ======  ===========================  ==========  ==========
A         36,500  525,000.50                   525,001 *   5,250.01
B tenant   9,050  130,171.357                  130,171     1,301.71
B vacant   9,200  132,328.893                  132,329 *   1,323.29
C vacant  10,950  157,500.15                   157,500     1,575.00
D          7,300  105,000.10                   105,000     1,050.00
========  ======  ===========================  ==========  ==========

Rounded down the parts sum to 1,049,999 cents; the 2 cents left go to the largest
fractions (B vacant .893, A .50). Sum 10,500.01; vacancy cost 1,323.29 + 1,575.00 = 2,898.29.

Sub-meter key (electricity), readings on 1 Jan (index 0), 30 Jun and 31 Dec:
A 0 / 1,000 / 2,000, B 0 / 600 / 700, C 0 / 0 / 50, D 0 / 200 / 500; so A 2,000 kWh,
B 600 kWh while let (the reading of 30 Jun covers 2 Jan - 30 Jun) and 100 kWh vacant,
C 50 kWh vacant, D 500 kWh; total 3,250:

========  ======  ===========================  ==========  ==========
segment   kWh     exact cents                  rounded     amount
========  ======  ===========================  ==========  ==========
A         2,000   646,154.462                  646,154     6,461.54
B tenant    600   193,846.338                  193,846     1,938.46
B vacant    100    32,307.723                   32,308 *     323.08
C vacant     50    16,153.862                   16,154 *     161.54
D           500   161,538.615                  161,539 *   1,615.39
========  ======  ===========================  ==========  ==========

Rounded down: 1,049,998 cents; the 3 left go to C (.862), B vacant (.723), D (.615).

Sub-meter key inside the tree of the pool's master meter M-PH (electricity): A's and C's
meters hang below M-PH, B's below a sub-master M-PH-2 below M-PH (a grandchild), D's below
another master of the building, M-PH-X, that is not the pool's; A also has a standalone meter
(0 / 100 / 300 kWh) in no tree. Only the meters of M-PH's tree weigh: A 2,000, B 600 + 100,
C 50, D nothing (D's 500 kWh and A's standalone 300 kWh are another pool's); total 2,750:

========  ======  ===========================  ==========  ==========
segment   kWh     exact cents (x 1,050,001)    rounded     amount
========  ======  ===========================  ==========  ==========
A         2,000   763,637.091                  763,637     7,636.37
B tenant    600   229,091.127                  229,091     2,290.91
B vacant    100    38,181.855                   38,182 *     381.82
C vacant     50    19,090.927                   19,091 *     190.91
D             0         0                            0         0.00
========  ======  ===========================  ==========  ==========

Rounded down: 1,049,999 cents; the 2 left go to C (.927) and B vacant (.855). Without master
meters of the key's type every meter of the units counts: A's standalone meter then adds its
300 kWh to A's 2,000.
"""

from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import BillingTestCommon


class CostPoolCommon(BillingTestCommon):
    """The building "Pool House" of the module docstring, its 2025 bills and a pool on
    gross area."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.house = cls.env["property.building"].create(
            {"name": "Pool House", "code": "PH", "manager_id": cls.user_manager.id}
        )
        cls.unit_a, cls.unit_b, cls.unit_c, cls.unit_d = cls.env["property.unit"].create(
            [
                {"code": code, "building_id": cls.house.id, "area": gross, "area_net": net}
                for code, gross, net in (
                    ("PH-A", 100.0, 80.0),
                    ("PH-B", 50.0, 40.0),
                    ("PH-C", 30.0, 25.0),
                    ("PH-D", 20.0, 15.0),
                )
            ]
        )
        cls.tenant_d = cls.env["res.partner"].create(
            {"name": "Tenant D", "is_property_tenant": True}
        )
        cls.lease_a = cls._activate_direct(
            cls._create_lease(units=cls.unit_a, partner=cls.tenant_a, headcount=6)
        )
        cls.lease_b = cls._create_lease(units=cls.unit_b, partner=cls.tenant_b, headcount=3)
        cls.lease_b.write({"state": "terminated", "date_terminated": date(2025, 6, 30)})
        cls.lease_d = cls._activate_direct(
            cls._create_lease(units=cls.unit_d, partner=cls.tenant_d, headcount=1)
        )

        Account = cls.env["account.account"]
        cls.cleaning_account = Account.create(
            {"code": "660901", "name": "Cleaning", "account_type": "expense"}
        )
        cls.repairs_account = Account.create(
            {"code": "660902", "name": "Repairs", "account_type": "expense"}
        )
        plan = cls.env["account.analytic.plan"].create({"name": "Buildings"})
        cls.analytic = cls.env["account.analytic.account"].create(
            {"name": "Pool House", "plan_id": plan.id}
        )
        cls.vendor = cls.env["res.partner"].create({"name": "Clean Co"})
        cls.bill_cleaning = cls._bill(date(2025, 6, 15), cls.cleaning_account, 10000.0)
        cls.bill_repairs = cls._bill(
            date(2025, 3, 1),
            cls.repairs_account,
            1000.02,
            analytic_distribution={str(cls.analytic.id): 50.0},
        )
        cls._bill(date(2025, 7, 1), cls.cleaning_account, 777.0, post=False)
        cls._bill(date(2024, 12, 31), cls.cleaning_account, 888.0)

        cls.pool = cls.env["property.cost.pool"].create(
            {
                "name": "Cleaning and repairs",
                "building_id": cls.house.id,
                "split_key": "area_gross",
                "account_ids": [Command.set(cls.cleaning_account.ids)],
                "analytic_account_ids": [Command.set(cls.analytic.ids)],
            }
        )

    @classmethod
    def _bill(cls, day, account, amount, post=True, move_type="in_invoice", **line_vals):
        bill = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": cls.vendor.id,
                "invoice_date": day,
                "date": day,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": account.name,
                            "account_id": account.id,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                            **line_vals,
                        }
                    )
                ],
            }
        )
        if post:
            bill.action_post()
        return bill


@tagged("post_install", "-at_install")
class TestCostPool(CostPoolCommon):
    def _readings(self, meter, values):
        for day, value in zip(
            (date(2025, 1, 1), date(2025, 6, 30), date(2025, 12, 31)), values, strict=True
        ):
            self.env["property.meter.reading"].create(
                {"meter_id": meter.id, "date": day, "value": value}
            )

    def _by_segment(self, rows):
        return {
            (self.env["property.unit"].browse(r["unit_id"]).code, bool(r["lease_id"])): r["amount"]
            for r in rows
        }

    def test_costs(self):
        costs = self.pool.with_user(self.user_manager)._get_costs(
            date(2025, 1, 1), date(2025, 12, 31)
        )
        self.assertEqual(
            sorted((c["source"], c["amount"]) for c in costs),
            [("bill", 500.01), ("bill", 10000.0)],
        )
        self.assertEqual(
            {c["move_line_id"] for c in costs},
            set((self.bill_cleaning | self.bill_repairs).invoice_line_ids.ids),
        )
        # a vendor refund lowers the costs
        self._bill(date(2025, 8, 1), self.cleaning_account, 100.0, move_type="in_refund")
        self.assertAlmostEqual(
            self.pool._get_total_cost(date(2025, 1, 1), date(2025, 12, 31)), 10400.01
        )

    def test_area_key(self):
        rows = self.pool.with_user(self.user_manager)._get_allocation(
            date(2025, 1, 1), date(2025, 12, 31)
        )
        self.assertEqual(
            self._by_segment(rows),
            {
                ("PH-A", True): 5250.01,
                ("PH-B", True): 1301.71,
                ("PH-B", False): 1323.29,
                ("PH-C", False): 1575.00,
                ("PH-D", True): 1050.00,
            },
        )
        self.assertAlmostEqual(sum(r["amount"] for r in rows), 10500.01)
        b_let = next(r for r in rows if r["lease_id"] == self.lease_b.id)
        self.assertEqual(
            (b_let["date_from"], b_let["date_to"], b_let["days"], b_let["weight"]),
            (date(2025, 1, 1), date(2025, 6, 30), 181, 9050.0),
        )
        self.assertEqual(b_let["partner_id"], self.tenant_b.id)
        self.assertAlmostEqual(b_let["share"], 9050 / 73000)
        b_vacant = next(r for r in rows if r["unit_id"] == self.unit_b.id and not r["lease_id"])
        self.assertEqual(
            (b_vacant["date_from"], b_vacant["days"], b_vacant["partner_id"]),
            (date(2025, 7, 1), 184, False),
        )
        self.assertAlmostEqual(sum(r["share"] for r in rows), 1.0)

    def _unit_meters(self, **vals):
        meters = self.env["property.meter"].create(
            [
                {"name": f"E-{unit.code}", "unit_id": unit.id, "meter_type": "electricity", **vals}
                for unit in (self.unit_a, self.unit_b, self.unit_c, self.unit_d)
            ]
        )
        for meter, values in zip(
            meters,
            ((0, 1000, 2000), (0, 600, 700), (0, 0, 50), (0, 200, 500)),
            strict=True,
        ):
            self._readings(meter, values)
        return meters

    def test_meter_key(self):
        self._unit_meters()
        self.pool.write({"split_key": "meter", "key_meter_type": "electricity"})
        rows = self.pool.with_user(self.user_manager)._get_allocation(
            date(2025, 1, 1), date(2025, 12, 31)
        )
        self.assertEqual(
            self._by_segment(rows),
            {
                ("PH-A", True): 6461.54,
                ("PH-B", True): 1938.46,
                ("PH-B", False): 323.08,
                ("PH-C", False): 161.54,
                ("PH-D", True): 1615.39,
            },
        )
        self.assertEqual([r["weight"] for r in rows], [2000.0, 600.0, 100.0, 50.0, 500.0])
        # the second half-year alone: B's 100 kWh of the reading of 31 Dec are vacant days
        rows = self.pool._get_allocation(date(2025, 7, 1), date(2025, 12, 31))
        self.assertEqual(
            [(r["unit_id"], r["lease_id"], r["weight"]) for r in rows],
            [
                (self.unit_a.id, self.lease_a.id, 1000.0),
                (self.unit_b.id, False, 100.0),
                (self.unit_c.id, False, 50.0),
                (self.unit_d.id, self.lease_d.id, 300.0),
            ],
        )

    def _meter_tree(self):
        """The tree of the module docstring: M-PH (the pool's) > A, C, M-PH-2 > B; M-PH-X >
        D; A's standalone meter."""
        Meter = self.env["property.meter"]
        master, other = Meter.create(
            [
                {"name": name, "building_id": self.house.id, "meter_type": "electricity"}
                for name in ("M-PH", "M-PH-X")
            ]
        )
        sub = Meter.create(
            {
                "name": "M-PH-2",
                "building_id": self.house.id,
                "meter_type": "electricity",
                "parent_id": master.id,
            }
        )
        meter_a, meter_b, meter_c, meter_d = self._unit_meters()
        (meter_a | meter_c).parent_id = master
        meter_b.parent_id = sub
        meter_d.parent_id = other
        standalone = Meter.create(
            {"name": "E-PH-A-2", "unit_id": self.unit_a.id, "meter_type": "electricity"}
        )
        self._readings(standalone, (0, 100, 300))
        return master

    def test_meter_key_in_master_tree(self):
        master = self._meter_tree()
        self.pool.write(
            {
                "split_key": "meter",
                "key_meter_type": "electricity",
                "master_meter_ids": [Command.set(master.ids)],
            }
        )
        rows = self.pool.with_user(self.user_manager)._get_allocation(
            date(2025, 1, 1), date(2025, 12, 31)
        )
        self.assertEqual([r["weight"] for r in rows], [2000.0, 600.0, 100.0, 50.0, 0.0])
        self.assertEqual(
            self._by_segment(rows),
            {
                ("PH-A", True): 7636.37,
                ("PH-B", True): 2290.91,
                ("PH-B", False): 381.82,
                ("PH-C", False): 190.91,
                ("PH-D", True): 0.0,
            },
        )
        # a master of another type makes no tree of the key: every electricity meter counts,
        # A's standalone meter included
        water = self.env["property.meter"].create(
            {"name": "W-PH", "building_id": self.house.id, "meter_type": "water"}
        )
        self.pool.master_meter_ids = water
        rows = self.pool._get_allocation(date(2025, 1, 1), date(2025, 12, 31))
        self.assertEqual([r["weight"] for r in rows], [2300.0, 600.0, 100.0, 50.0, 500.0])

    def _count_queries(self, func):
        """The queries of `func` on an empty record cache (the other caches warm): their
        number and how many read meter readings."""
        func()
        self.env.flush_all()
        self.env.invalidate_all()
        queries = []
        with contextmanager(self._patchExecute)(queries, True):
            result = func()
        readings = [query for query in queries if '"property_meter_reading"' in query]
        return len(queries), len(readings), result

    def test_meter_key_queries(self):
        """The sub-meter key reads the pool's readings once per period (two queries: those
        from the period's start, and each meter's last date before it): the number of queries
        does not grow with the readings nor the units, and the costs a caller already has are
        not read again."""
        meters = self._unit_meters()
        self.pool.write({"split_key": "meter", "key_meter_type": "electricity"})
        year = (date(2025, 1, 1), date(2025, 12, 31))
        count, reading_count, rows = self._count_queries(lambda: self.pool._get_allocation(*year))
        self.assertEqual(reading_count, 2)
        # twelve more readings a meter (each month of 2026, 10 kWh)
        Reading = self.env["property.meter.reading"]
        for meter, last in zip(meters, (2000, 700, 50, 500), strict=True):
            Reading.create(
                [
                    {
                        "meter_id": meter.id,
                        "date": date(2026, month, 15),
                        "value": last + 10 * month,
                    }
                    for month in range(1, 13)
                ]
            )
        self.assertEqual(
            self._count_queries(lambda: self.pool._get_allocation(*year))[:2],
            (count, 2),
        )
        # the second half-year (no bill in it): the readings of 1 Jan and 30 Jun come
        # before it
        self.assertEqual(
            self._count_queries(
                lambda: self.pool._get_allocation(date(2025, 7, 1), date(2025, 12, 31))
            )[1],
            2,
        )
        # a fifth unit, let from March and read
        unit_e = self.env["property.unit"].create(
            {"code": "PH-E", "building_id": self.house.id, "area": 10.0, "area_net": 8.0}
        )
        lease_e = self._activate_direct(
            self._create_lease(units=unit_e, partner=self.tenant_d, date_start=date(2025, 3, 1))
        )
        meter_e = self.env["property.meter"].create(
            {"name": "E-PH-E", "unit_id": unit_e.id, "meter_type": "electricity"}
        )
        self._readings(meter_e, (0, 0, 0))
        _count, reading_count, rows_more = self._count_queries(
            lambda: self.pool._get_allocation(*year)
        )
        self.assertEqual(reading_count, 2)
        self.assertEqual(
            [(r["unit_id"], r["weight"]) for r in rows_more[:5]],
            [(r["unit_id"], r["weight"]) for r in rows],
        )
        self.assertEqual(
            [(r["lease_id"], r["weight"]) for r in rows_more[5:]],
            [(False, 0.0), (lease_e.id, 0.0)],
        )
        costs = self.pool._get_costs(*year)
        count_costs, _readings, rows_costs = self._count_queries(
            lambda: self.pool._get_allocation(*year, costs=costs)
        )
        self.assertLess(count_costs, _count)
        self.assertEqual([r["amount"] for r in rows_costs], [r["amount"] for r in rows_more])

    def test_meter_costs(self):
        """The building's master meter reads 0 / 2,000 / 4,000 kWh; its sub-meters (the units'
        meters above) 3,250 kWh: 750 kWh common consumption x 0.80 = 600.00, a cost once
        validated. Over the second half-year only its 184 days of 365 count:
        600 x 184 / 365 = 302.465... = 302.47. Still to review, it is no cost."""
        tariff = self.env["property.utility.tariff"].create(
            {"name": "Power", "meter_type": "electricity", "uom_name": "kWh", "price": 0.8}
        )
        master = self.env["property.meter"].create(
            {
                "name": "M-PH",
                "building_id": self.house.id,
                "meter_type": "electricity",
                "tariff_id": tariff.id,
                "common_share_limit": 10.0,
            }
        )
        self._unit_meters(parent_id=master.id)
        self._readings(master, (0, 2000, 4000))
        year = (date(2025, 1, 1), date(2025, 12, 31))
        common = master._compute_common_consumption(*year)
        self.assertEqual(common.common_consumption, 750.0)
        # 750 of 4,000 kWh is 18.75 %, above the master's plausible 10 %: to review
        self.assertEqual(common.state, "to_review")
        self.pool.master_meter_ids = master
        self.assertFalse([c for c in self.pool._get_costs(*year) if c["source"] == "meter"])
        common.action_validate()
        meter_costs = [c for c in self.pool._get_costs(*year) if c["source"] == "meter"]
        self.assertEqual(
            [(c["amount"], c["common_consumption_id"]) for c in meter_costs],
            [(600.0, common.id)],
        )
        rows = self.pool.with_user(self.user_manager)._get_allocation(*year)
        self.assertAlmostEqual(sum(r["amount"] for r in rows), 11100.01)
        half = self.pool._get_costs(date(2025, 7, 1), date(2025, 12, 31))
        self.assertEqual([c["amount"] for c in half if c["source"] == "meter"], [302.47])

    def test_other_keys(self):
        """Net area, headcount, equal and fixed shares over March 2025 (31 days): only the
        repairs bill (500.01) falls in it."""
        march = (date(2025, 3, 1), date(2025, 3, 31))
        self.pool.split_key = "area_net"
        # net 80 / 40 / 25 / 15 = 160 m² of 50,001 cents: 25,000.5 / 12,500.25 / 7,812.656 /
        # 4,687.594; the 2 cents left go to C (.656) and D (.594), not to A (.5)
        self.assertEqual(
            [r["amount"] for r in self.pool._get_allocation(*march)],
            [250.0, 125.0, 78.13, 46.88],
        )
        self.pool.split_key = "headcount"
        # 6 / 3 / 0 / 1 people: 300.006 / 150.003 / 0 / 50.001
        self.assertEqual(
            [r["amount"] for r in self.pool._get_allocation(*march)],
            [300.01, 150.0, 0.0, 50.0],
        )
        self.pool.split_key = "equal"
        # four units: 125.0025 each, the one cent left to the first
        self.assertEqual(
            [r["amount"] for r in self.pool._get_allocation(*march)],
            [125.01, 125.0, 125.0, 125.0],
        )
        self.pool.write(
            {
                "split_key": "fixed",
                "share_ids": [
                    Command.create({"unit_id": self.unit_a.id, "share": 700.0}),
                    Command.create({"unit_id": self.unit_d.id, "share": 300.0}),
                ],
            }
        )
        # 700 / 0 / 0 / 300 thousandths: 350.007 / 150.003
        self.assertEqual(
            [r["amount"] for r in self.pool._get_allocation(*march)],
            [350.01, 0.0, 0.0, 150.0],
        )

    def test_floor_and_lease_type_scope(self):
        office = self.env["property.lease.type"].create({"name": "Office"})
        self.lease_a.lease_type_id = office
        self.pool.lease_type_ids = office
        rows = self.pool._get_allocation(date(2025, 1, 1), date(2025, 12, 31))
        # B's and D's tenants are outside the pool: A and the vacant days share the costs
        self.assertFalse({self.lease_b.id, self.lease_d.id} & {r["lease_id"] for r in rows})
        self.assertAlmostEqual(sum(r["amount"] for r in rows), 10500.01)

    def test_no_key_value(self):
        self.pool.split_key = "fixed"
        with self.assertRaises(UserError):
            self.pool._get_allocation(date(2025, 1, 1), date(2025, 12, 31))

    def test_preview_as_manager(self):
        """A manager previews the split from the pool's form."""
        action = self.pool.with_user(self.user_manager).action_preview_allocation()
        with Form(
            self.env["property.cost.pool.preview"]
            .with_user(self.user_manager)
            .with_context(**action["context"])
        ) as form:
            form.date_from = date(2025, 1, 1)
            form.date_to = date(2025, 12, 31)
        preview = form.record
        self.assertEqual(preview.pool_ids, self.pool)
        preview.action_compute()
        self.assertEqual(len(preview.line_ids), 5)
        self.assertAlmostEqual(preview.total_cost, 10500.01)
        self.assertAlmostEqual(preview.vacancy_amount, 2898.29)
        self.assertAlmostEqual(preview.tenant_amount, 7601.72)
        # another manager does not see it
        other = self.env["res.users"].create(
            {
                "name": "Manager 2",
                "login": "pool_manager_2",
                "groups_id": [Command.set(self.user_manager.groups_id.ids)],
            }
        )
        with self.assertRaises(AccessError):
            preview.with_user(other).line_ids.read(["amount"])

    def test_preview_recovered(self):
        """What the tenants were billed on the pool: lease A's advance invoice of 4,000.00 for
        a period of 2025 less a credit note of 100.00; an advance of 2024 and one on another
        pool are not counted."""
        other = self.pool.copy({"name": "Other pool"})
        for pool, start, amount, move_type in (
            (self.pool, date(2025, 1, 1), 4000.0, "out_invoice"),
            (self.pool, date(2025, 4, 1), 100.0, "out_refund"),
            (self.pool, date(2024, 12, 1), 500.0, "out_invoice"),
            (other, date(2025, 1, 1), 700.0, "out_invoice"),
        ):
            move = self.env["account.move"].create(
                {
                    "move_type": move_type,
                    "partner_id": self.tenant_a.id,
                    "invoice_date": start,
                    "property_lease_id": self.lease_a.id,
                    "property_period_start": start,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Advance",
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                                "property_cost_pool_id": pool.id,
                            }
                        )
                    ],
                }
            )
            move.action_post()
        preview = (
            self.env["property.cost.pool.preview"]
            .with_user(self.user_manager)
            .create(
                {
                    "pool_ids": [Command.set(self.pool.ids)],
                    "date_from": date(2025, 1, 1),
                    "date_to": date(2025, 12, 31),
                }
            )
        )
        preview.action_compute()
        self.assertEqual(
            {
                line.unit_id.code: line.recovered_amount
                for line in preview.line_ids
                if line.lease_id
            },
            {"PH-A": 3900.0, "PH-B": 0.0, "PH-D": 0.0},
        )
        self.assertAlmostEqual(preview.recovered_amount, 3900.0)

    def test_pool_configuration_rights(self):
        with self.assertRaises(AccessError):
            self.pool.with_user(self.user_property).write({"split_key": "equal"})
        self.pool.with_user(self.user_manager).write({"split_key": "equal"})
        self.assertEqual(self.pool.split_key, "equal")
