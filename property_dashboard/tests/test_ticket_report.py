# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PropertyDashboardCommon


@tagged("post_install", "-at_install")
class TestTicketReport(PropertyDashboardCommon):
    def _expected(self, tickets):
        def hours(delta):
            return delta.total_seconds() / 3600.0

        def avg(values):
            values = [v for v in values if v is not None]
            return sum(values) / len(values) if values else 0.0

        responded = tickets.filtered("property_date_responded")
        done = tickets.filtered(lambda t: t.property_state == "done")
        with_response_sla = tickets.filtered("property_sla_response_deadline")
        with_resolution_sla = tickets.filtered(
            lambda t: t.property_sla_resolution_deadline and t.property_state != "cancelled"
        )
        ratings = {}
        for rating in self.env["rating.rating"].search(
            [("res_model", "=", "maintenance.request"), ("res_id", "in", tickets.ids)],
            order="write_date, id",
        ):
            if rating.consumed:
                ratings[rating.res_id] = rating.rating
        ratings = {res_id: value for res_id, value in ratings.items() if value}
        return {
            "ticket_count": len(tickets),
            "open_count": len(
                tickets.filtered(lambda t: t.property_state not in ("done", "cancelled"))
            ),
            "closed_count": len(done),
            "response_hours": avg(
                [hours(t.property_date_responded - t.property_date_reported) for t in responded]
            ),
            "resolution_hours": avg(
                [hours(t.property_date_done - t.property_date_reported) for t in done]
            ),
            "sla_response_rate": avg(
                [0.0 if t.property_sla_response_breached else 100.0 for t in with_response_sla]
            ),
            "sla_resolution_rate": avg(
                [0.0 if t.property_sla_resolution_breached else 100.0 for t in with_resolution_sla]
            ),
            "rating": avg(list(ratings.values())),
            "rated_count": len(ratings),
        }

    def test_kpis_by_category_and_technician(self):
        Report = self.env["property.ticket.report"]
        measures = [
            "ticket_count:sum",
            "open_count:sum",
            "closed_count:sum",
            "response_hours:avg",
            "resolution_hours:avg",
            "sla_response_rate:avg",
            "sla_resolution_rate:avg",
            "rating:avg",
            "rated_count:sum",
        ]
        names = [m.split(":")[0] for m in measures]
        all_tickets = self.env["maintenance.request"].search(
            [("property_ticket_type", "!=", False)]
        )
        for groupby, field in (("category_id", "property_category_id"), ("user_id", "user_id")):
            groups = Report._read_group([], [groupby], measures)
            for key, *values in groups:
                members = all_tickets.filtered(lambda t, key=key, field=field: t[field] == key)
                expected = self._expected(members)
                for name, value in zip(names, values, strict=True):
                    self.assertAlmostEqual(
                        value or 0.0, expected[name], 2, f"{groupby} {key.display_name} {name}"
                    )

    def test_kpis(self):
        tickets = self.env["maintenance.request"].search([("property_ticket_type", "!=", False)])
        kpis = self.env["property.ticket.report"]._get_kpis()
        for name, value in self._expected(tickets).items():
            self.assertAlmostEqual(kpis[name], value, 2, name)

    def test_known_answers(self):
        Report = self.env["property.ticket.report"]
        groups = {
            cat: values
            for cat, *values in Report._read_group(
                [("category_id", "in", (self.cat_plumbing | self.cat_noise).ids)],
                ["category_id"],
                ["ticket_count:sum", "open_count:sum", "response_hours:avg", "rating:avg"],
            )
        }
        self.assertEqual(groups[self.cat_plumbing][:2], [4, 2])
        self.assertAlmostEqual(groups[self.cat_plumbing][2], (2 + 6 + 3) / 3, 2)
        self.assertAlmostEqual(groups[self.cat_plumbing][3], 3.0, 2)
        self.assertEqual(groups[self.cat_noise][:2], [2, 1])
        levels = dict(
            Report._read_group(
                [("request_id", "in", self.tickets.ids)], ["rating_level"], ["__count"]
            )
        )
        self.assertEqual(levels, {"5": 1, "3": 1, "1": 1, False: 3})

    def test_multi_company_and_access(self):
        rows = self.env["property.ticket.report"].with_user(self.user_dash_manager).search([])
        self.assertIn(self.tickets[0], rows.request_id)
        self.assertNotIn(self.ticket_c2, rows.request_id)
        with self.assertRaises(AccessError):
            self.env["property.ticket.report"].with_user(self.user_technician).search([])

    def test_drilldown(self):
        action = self.env["property.ticket.report"]._get_drilldown_action(
            [("category_id", "=", self.cat_noise.id), ("open_count", "=", 1)]
        )
        self.assertEqual(
            self.env["maintenance.request"].search(action["domain"]),
            self.tickets.filtered(
                lambda t: t.property_category_id == self.cat_noise and t.property_state != "done"
            ),
        )
        self.assertEqual(len(self.env["maintenance.request"].search(action["domain"])), 1)
