# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

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
        self.assertEqual(len(dashboards), 3)
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
