# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo import Command
from odoo.tests import tagged

from .common import PropertyDashboardCommon


@tagged("post_install", "-at_install")
class TestDashboards(PropertyDashboardCommon):
    def _check_chain(self, model, chain):
        Model = self.env[model]
        for name in chain.split(":")[0].split("."):
            self.assertIn(name, Model._fields, f"{model}: {chain}")
            field = Model._fields[name]
            if field.relational:
                Model = self.env[field.comodel_name]

    def test_dashboards_reference_existing_fields(self):
        """Every pivot, chart and global filter of the shipped dashboards points at fields
        that exist, and their groupings run on the report models."""
        group = self.env.ref("property_dashboard.spreadsheet_dashboard_group_property")
        dashboards = group.dashboard_ids
        self.assertEqual(len(dashboards), 4)
        manager_dashboards = dashboards.with_user(self.user_dash_manager).search(
            [("id", "in", dashboards.ids)]
        )
        self.assertEqual(manager_dashboards, dashboards)
        for dashboard in dashboards:
            data = json.loads(dashboard.spreadsheet_data)
            filter_ids = {f["id"] for f in data["globalFilters"]}
            for pivot in data["pivots"].values():
                model = pivot["model"]
                for measure in pivot["measures"]:
                    self._check_chain(model, measure["fieldName"])
                for match_id, match in pivot["fieldMatching"].items():
                    self.assertIn(match_id, filter_ids)
                    self._check_chain(model, match["chain"])
                measures = [
                    f"{m['fieldName']}:{self.env[model]._fields[m['fieldName']].aggregator}"
                    for m in pivot["measures"]
                ]
                self.env[model]._read_group(pivot["domain"], [], measures)
            for sheet in data["sheets"]:
                for figure in sheet["figures"]:
                    chart = figure["data"]
                    if not chart["type"].startswith("odoo_"):
                        continue
                    meta = chart["metaData"]
                    model = meta["resModel"]
                    for groupby in meta["groupBy"]:
                        self._check_chain(model, groupby)
                    for match in chart["fieldMatching"].values():
                        self._check_chain(model, match["chain"])
                    measure = meta["measure"]
                    aggregates = ["__count"]
                    if measure != "__count":
                        self._check_chain(model, measure)
                        aggregates = [f"{measure}:{self.env[model]._fields[measure].aggregator}"]
                    self.env[model]._read_group(
                        chart["searchParams"]["domain"], meta["groupBy"], aggregates
                    )

    def _filter_domains(self, action):
        """Domain of the action and of the filters its context turns on by default, as the
        web client builds it (one domain per filter, AND-ed)."""
        from dateutil.relativedelta import relativedelta
        from lxml import etree

        from odoo.tools.safe_eval import safe_eval

        model = self.env[action.res_model]
        context = safe_eval(action.context or "{}")
        domain = list(safe_eval(action.domain or "[]"))
        arch = model.get_views([(action.search_view_id.id, "search")])["views"]["search"]["arch"]
        filters = {f.get("name"): f for f in etree.fromstring(arch).iter("filter")}
        eval_context = {
            "context_today": lambda: self.today,
            "relativedelta": relativedelta,
            "uid": self.env.uid,
        }
        for key, value in context.items():
            if not key.startswith("search_default_") or not value:
                continue
            node = filters[key[len("search_default_") :]]
            if node.get("domain"):
                domain += safe_eval(node.get("domain"), eval_context)
        return domain

    def test_number_tiles_drill_down(self):
        """Every number tile of the dashboards opens (through its menu) the report's records
        filtered like the tile: the action's records give the tile's figure again."""
        import re
        from datetime import timedelta

        group = self.env.ref("property_dashboard.spreadsheet_dashboard_group_property")
        visible_menus = self.env["ir.ui.menu"].with_user(self.user_dash_manager)._visible_menu_ids()
        pivot_call = re.compile(r'PIVOT\.VALUE\((\d+),\s*"(\w+)"\)')
        cell_ref = re.compile(r"\b([A-Z]+[0-9]+)\b")
        checked = 0
        for dashboard in group.dashboard_ids:
            data = json.loads(dashboard.spreadsheet_data)
            refs = data["chartOdooMenusReferences"]
            cells = {
                f"{sheet['name']}!{ref}": cell.get("content", "")
                for sheet in data["sheets"]
                for ref, cell in sheet["cells"].items()
            }
            period = [f for f in data["globalFilters"] if f.get("defaultValue") == "last_year"]
            for sheet in data["sheets"]:
                for figure in sheet["figures"]:
                    chart = figure["data"]
                    if chart["type"] != "scorecard":
                        continue
                    title = chart["title"]["text"]
                    self.assertIn(figure["id"], refs, f"{dashboard.name}: {title}")
                    menu = self.env.ref(refs[figure["id"]])
                    self.assertIn(menu.id, visible_menus, f"{title}: menu hidden from managers")
                    action = menu.action
                    self.assertEqual(action.type, "ir.actions.act_window")
                    # the figure: the last pivot function of the tile's cell (the numerator of
                    # a rate is a cell of its own, the denominator the pivot named here)
                    key = chart["keyValue"]
                    calls = pivot_call.findall(cells[key])
                    while not calls:  # a rate of two cells: follow the denominator
                        key = key.split("!")[0] + "!" + cell_ref.findall(cells[key])[-1]
                        calls = pivot_call.findall(cells[key])
                    pivot_id, measure = calls[-1]
                    pivot = data["pivots"][pivot_id]
                    self.assertEqual(action.res_model, pivot["model"], title)
                    Report = self.env[pivot["model"]]
                    aggregate = f"{measure}:{Report._fields[measure].aggregator}"
                    tile_domain = list(pivot["domain"])
                    for flt in period:
                        chain = pivot["fieldMatching"][flt["id"]]["chain"]
                        start = self.today - timedelta(days=364)
                        if Report._fields[chain].type == "datetime":
                            start = f"{start} 00:00:00"
                        tile_domain.append((chain, ">=", start))
                    tile = Report._read_group(tile_domain, [], [aggregate])[0][0]
                    opened_domain = self._filter_domains(action)
                    opened = Report._read_group(opened_domain, [], [aggregate])[0][0]
                    if measure.endswith("_count"):
                        # a count opens exactly the records it counts, not a superset
                        self.assertFalse(
                            Report.search_count([*opened_domain, (measure, "=", 0)]),
                            f"{dashboard.name}: {title} opens records it does not count",
                        )
                    self.assertAlmostEqual(
                        opened or 0.0, tile or 0.0, 2, f"{dashboard.name}: {title}"
                    )
                    checked += 1
        self.assertEqual(checked, 32)

    def test_deposits_received_tile(self):
        """The "Deposits Received" tile is what tenants paid on deposit invoices (settlement
        deductions are not deposits); a sum with no record behind it shows 0, not a blank."""
        data = json.loads(
            self.env.ref("property_dashboard.spreadsheet_dashboard_property_rent").spreadsheet_data
        )
        cells = {ref: c.get("content") for s in data["sheets"] for ref, c in s["cells"].items()}
        self.assertEqual(cells["B11"], '=PIVOT.VALUE(10,"collected")+0')
        pivot = data["pivots"]["10"]
        Report = self.env["property.rent.report"]

        def tile():
            self.env.flush_all()
            return Report._read_group(pivot["domain"], [], ["collected:sum"])[0][0] or 0.0

        before = tile()
        Move = self.env["account.move"]
        deposit, deduction = Move.create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": self.lease_102.partner_id.id,
                    "property_lease_id": self.lease_102.id,
                    "property_invoice_kind": kind,
                    "invoice_date": self.today,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product_charge.id,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
                for kind, amount in (("deposit", 3000.0), ("settlement", 200.0))
            ]
        )
        (deposit | deduction).action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=(deposit | deduction).ids
        ).create({"journal_id": self.bank_journal.id, "group_payment": False})._create_payments()
        self.assertIn(deposit.payment_state, ("paid", "in_payment"))
        self.assertAlmostEqual(tile() - before, 3000.0)
