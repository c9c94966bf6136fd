# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PropertyDashboardCommon

ONE_DAY = timedelta(days=1)
OCCUPIED_ONCE = ("active", "expiring", "ended", "terminated", "renewed")


@tagged("post_install", "-at_install")
class TestOccupancyReport(PropertyDashboardCommon):
    def _lease_end(self, lease):
        return min(lease.date_end, lease.date_terminated or lease.date_end)

    def _expected_unit(self, unit):
        """The figures of one unit, computed from the unit and lease records."""
        today = self.today
        lease = unit.current_lease_id
        vacate_date = False
        if lease:
            followed = unit.lease_line_ids.filtered(
                lambda ln: (
                    ln.lease_id != lease
                    and ln.lease_id.state in ("signature", "deposit", "active", "expiring")
                    and ln.lease_id.date_start > lease.date_start
                )
            )
            if not followed:
                vacate_date = self._lease_end(lease) + ONE_DAY
        days_vacant = 0
        if unit.state == "vacant":
            ends = [
                self._lease_end(ln.lease_id)
                for ln in unit.lease_line_ids
                if ln.lease_id.state in OCCUPIED_ONCE and self._lease_end(ln.lease_id) < today
            ]
            since = max(ends) + ONE_DAY if ends else unit.create_date.date()
            days_vacant = (today - since).days
        rent = 0.0
        if lease and unit.state in ("leased", "reserved"):
            changes = lease._get_rent_changes()
            current = [r for d, r in changes if d <= today]
            monthly = current[-1] if current else changes[0][1]
            if lease.rent_basis == "m2" and lease.total_area:
                share = unit.area / lease.total_area
            else:
                share = 1.0 / len(lease.line_ids)
            rent = monthly * share
        horizon = vacate_date and (vacate_date - today).days
        return {
            "state": unit.state,
            "area": unit.area,
            "vacant_area": unit.area if unit.state == "vacant" else 0.0,
            "days_vacant": days_vacant,
            "vacate_date": vacate_date,
            "vacate_30_count": int(unit.state == "leased" and bool(vacate_date) and horizon <= 30),
            "vacate_90_count": int(unit.state == "leased" and bool(vacate_date) and horizon <= 90),
            "monthly_rent": rent,
        }

    def test_unit_rows_match_records(self):
        Report = self.env["property.occupancy.report"]
        units = self.env["property.unit"].search([])
        rows = {row.unit_id: row for row in Report.search([])}
        self.assertEqual(set(rows), set(units))
        for unit in units:
            row = rows[unit]
            for fname, value in self._expected_unit(unit).items():
                if isinstance(value, float):
                    self.assertAlmostEqual(
                        row[fname], value, places=2, msg=f"{unit.display_name} {fname}"
                    )
                else:
                    self.assertEqual(row[fname], value, f"{unit.display_name} {fname}")

    def test_generated_portfolio_figures(self):
        """Known answers on the generated portfolio."""
        rows = {
            row.unit_id: row
            for row in self.env["property.occupancy.report"].search(
                [("building_id", "in", (self.building | self.building_2).ids)]
            )
        }
        g01, g02, g03, g04, g05, g06 = self.hp_units
        self.assertEqual(rows[self.unit_101].vacate_within, "30")
        self.assertFalse(rows[self.unit_102].vacate_within, "renewed: does not become vacant")
        self.assertEqual(rows[self.unit_201].vacate_within, "90")
        self.assertEqual(rows[g03].vacate_within, "later")
        self.assertEqual(rows[g01].state, "vacant")
        self.assertEqual(rows[g02].state, "vacant")
        self.assertEqual(rows[g01].days_vacant, 39)
        self.assertEqual(rows[g04].state, "reserved")
        self.assertEqual(rows[g05].state, "not_rentable")
        self.assertEqual(rows[g06].state, "maintenance")
        # per m² lease shared by area: 50 m² and 80 m² at 100 / m²
        self.assertAlmostEqual(rows[self.unit_201].monthly_rent, 5000.0)
        self.assertAlmostEqual(rows[self.unit_202].monthly_rent, 8000.0)

    def test_grouped_kpis(self):
        """Vacancy rate, vacant area and average days vacant per building and unit type, read
        through the ORM aggregation of the view, against sums over the unit records."""
        Report = self.env["property.occupancy.report"]
        units = self.env["property.unit"].search([])
        for groupby in ("building_id", "floor_id", "unit_type_id"):
            groups = Report._read_group(
                [],
                [groupby],
                ["unit_count:sum", "vacant_area:sum", "vacancy_rate:avg", "days_vacant:avg"],
            )
            self.assertEqual(sum(g[1] for g in groups), len(units))
            for key, count, vacant_area, vacancy_rate, days_vacant in groups:
                members = units.filtered(lambda u, key=key, groupby=groupby: u[groupby] == key)
                rentable = members.filtered(lambda u: u.state != "not_rentable")
                vacant = members.filtered(lambda u: u.state == "vacant")
                self.assertEqual(count, len(members))
                self.assertAlmostEqual(vacant_area, sum(vacant.mapped("area")), places=2)
                expected_rate = 100.0 * len(vacant) / len(rentable) if rentable else 0.0
                self.assertAlmostEqual(vacancy_rate or 0.0, expected_rate, places=2)
                if vacant:
                    days = [self._expected_unit(u)["days_vacant"] for u in vacant]
                    self.assertAlmostEqual(days_vacant, sum(days) / len(days), places=2)

    def test_kpis(self):
        units = self.env["property.unit"].search([])
        rentable = units.filtered(lambda u: u.state != "not_rentable")
        vacant = units.filtered(lambda u: u.state == "vacant")
        kpis = self.env["property.occupancy.report"]._get_kpis()
        self.assertEqual(kpis["unit_count"], len(units))
        self.assertEqual(kpis["vacant_count"], len(vacant))
        self.assertAlmostEqual(kpis["vacancy_rate"], 100.0 * len(vacant) / len(rentable), 2)
        self.assertAlmostEqual(kpis["vacant_area"], sum(vacant.mapped("area")), 2)
        expected = [self._expected_unit(u) for u in units]
        self.assertAlmostEqual(kpis["monthly_rent"], sum(e["monthly_rent"] for e in expected), 2)
        self.assertEqual(kpis["vacate_90_count"], sum(e["vacate_90_count"] for e in expected))
        days = [
            e["days_vacant"] for e, u in zip(expected, units, strict=True) if u.state == "vacant"
        ]
        self.assertAlmostEqual(kpis["days_vacant"], sum(days) / len(days), 2)

    def test_multi_company(self):
        """A manager restricted to the first company sees none of the second one's units."""
        Report = self.env["property.occupancy.report"].with_user(self.user_dash_manager)
        rows = Report.search([])
        self.assertTrue(rows)
        self.assertNotIn(self.company_2, rows.company_id)
        self.assertNotIn(self.unit_c2, rows.unit_id)
        total_area = Report._read_group([], [], ["area:sum"])[0][0]
        expected = sum(
            self.env["property.unit"].search([("company_id", "=", self.company.id)]).mapped("area")
        )
        self.assertAlmostEqual(total_area, expected, places=2)

    def test_access(self):
        """Portal users and technicians cannot read the occupancy analysis."""
        portal = self.env["property.occupancy.report"].with_user(self.user_portal_a)
        with self.assertRaises(AccessError):
            portal.search([])
        tech = new_test_user(
            self.env, login="dash_tech", groups="property_tenant.group_property_technician"
        )
        with self.assertRaises(AccessError):
            self.env["property.occupancy.report"].with_user(tech).search([])

    def test_drilldown(self):
        Report = self.env["property.occupancy.report"]
        action = Report._get_drilldown_action(
            [("building_id", "=", self.building_2.id), ("state", "=", "vacant")]
        )
        units = self.env["property.unit"].search(action["domain"])
        self.assertEqual(units, self.hp_units[1:2] | self.hp_units[0:1])
