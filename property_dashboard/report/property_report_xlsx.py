# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import contextlib
import os
import tempfile
from datetime import datetime, time

import xlsxwriter

from odoo import api, fields, models
from odoo.tools import split_every

from odoo.addons.property_tenant.models.property_lease import BLOCKING_LEASE_STATES
from odoo.addons.property_tenant.models.property_unit import UNIT_STATES

from .property_occupancy_report import OCCUPIED_ONCE_STATES

BATCH_SIZE = 1000
AGING_FIELDS = ["amount_current", "amount_1_30", "amount_31_60", "amount_61_90", "amount_90_plus"]


class PropertyReportXlsx(models.AbstractModel):
    """Excel exports of the property reports (rent roll, arrears aging, ticket statistics).

    Workbooks are written with xlsxwriter in ``constant_memory`` mode to a temporary file,
    row after row, and records are read in batches: a portfolio of any size is exported in
    bounded memory. Every sheet has a frozen header, number formats, a totals row (SUM
    formulas with their cached values) and a chart."""

    _name = "property.report.xlsx"
    _description = "Property Excel Reports"

    # ------------------------------------------------------------- workbook
    @contextlib.contextmanager
    def _workbook(self):
        """Yield (workbook, formats); the caller reads the bytes from ``workbook.filename``
        after the block, we remove the temporary file."""
        fd, path = tempfile.mkstemp(suffix=".xlsx", prefix="property_report_")
        os.close(fd)
        workbook = xlsxwriter.Workbook(
            path, {"constant_memory": True, "strings_to_formulas": False}
        )
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({}),
            "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "money": workbook.add_format({"num_format": "#,##0.00"}),
            "number": workbook.add_format({"num_format": "#,##0.00"}),
            "integer": workbook.add_format({"num_format": "0"}),
            "percent": workbook.add_format({"num_format": "0.0"}),
            "total_label": workbook.add_format({"bold": True, "top": 2}),
            "total_money": workbook.add_format({"bold": True, "top": 2, "num_format": "#,##0.00"}),
            "total_integer": workbook.add_format({"bold": True, "top": 2, "num_format": "0"}),
        }
        try:
            yield workbook, formats
        finally:
            with contextlib.suppress(OSError):
                os.unlink(path)

    def _finish(self, workbook):
        workbook.close()
        with open(workbook.filename, "rb") as f:
            return f.read()

    def _write_header(self, sheet, formats, title, columns, subtitle=""):
        """Title on row 0, subtitle on row 1, column headers on row 3 (frozen)."""
        sheet.write(0, 0, title, formats["title"])
        sheet.write(1, 0, subtitle, formats["text"])
        for col, (label, width, _kind) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write(3, col, label, formats["header"])
        sheet.freeze_panes(4, 0)
        return 4

    def _write_row(self, sheet, formats, row, columns, values):
        for col, ((_label, _width, kind), value) in enumerate(zip(columns, values, strict=True)):
            if value is None or value is False:
                sheet.write_blank(row, col, None)
            elif kind == "date":
                sheet.write_datetime(row, col, datetime.combine(value, time()), formats["date"])
            elif kind in ("money", "number", "integer", "percent"):
                sheet.write_number(row, col, value, formats[kind])
            else:
                sheet.write_string(row, col, str(value), formats["text"])

    def _write_totals(self, sheet, formats, row, first_row, columns, totals):
        """A totals row: SUM formulas (with cached values) under the summed columns."""
        sheet.write(row, 0, self.env._("Total"), formats["total_label"])
        for col, (_label, _width, kind) in enumerate(columns):
            if col == 0:
                continue
            if col in totals and row == first_row:
                sheet.write_number(row, col, 0, formats["total_money"])
            elif col in totals:
                letter = xlsxwriter.utility.xl_col_to_name(col)
                fmt = formats["total_integer" if kind == "integer" else "total_money"]
                formula = f"=SUM({letter}{first_row + 1}:{letter}{row})"
                sheet.write_formula(row, col, formula, fmt, totals[col])
            else:
                sheet.write_blank(row, col, None, formats["total_label"])

    def _subtitle(self, company, buildings, date_label):
        parts = [company.name]
        if buildings:
            parts.append(", ".join(buildings.mapped("name")))
        parts.append(date_label)
        return " — ".join(parts)

    # ------------------------------------------------------------- rent roll
    def _rent_roll_columns(self):
        return [
            (self.env._("Building"), 18, "text"),
            (self.env._("Floor"), 10, "text"),
            (self.env._("Unit"), 12, "text"),
            (self.env._("Unit Type"), 14, "text"),
            (self.env._("Area (m²)"), 11, "number"),
            (self.env._("Status"), 14, "text"),
            (self.env._("Tenant"), 24, "text"),
            (self.env._("Contract"), 16, "text"),
            (self.env._("Start Date"), 12, "date"),
            (self.env._("End Date"), 12, "date"),
            (self.env._("Monthly Rent"), 14, "money"),
            (self.env._("Deposit"), 14, "money"),
            (self.env._("Deposit Held"), 14, "money"),
            (self.env._("Balance Due"), 14, "money"),
        ]

    @api.model
    def _rent_roll_units(self, company, buildings):
        domain = [("company_id", "=", company.id)]
        if buildings:
            domain.append(("building_id", "in", buildings.ids))
        return self.env["property.unit"].search(domain, order="building_id, floor_id, code, id")

    @api.model
    def _rent_roll_batch(self, units, date):
        """Rows of the rent roll for a batch of units at ``date``: yields dicts."""
        lines = self.env["property.lease.line"].search(
            [
                ("unit_id", "in", units.ids),
                ("lease_id.state", "in", tuple(set(OCCUPIED_ONCE_STATES + BLOCKING_LEASE_STATES))),
                ("date_start", "<=", date),
                ("date_end", ">=", date),
            ]
        )
        line_by_unit = {}
        for line in lines:
            lease = line.lease_id
            if lease.date_terminated and lease.date_terminated < date:
                continue
            line_by_unit[line.unit_id.id] = line
        leases = self.env["property.lease"].browse({ln.lease_id.id for ln in line_by_unit.values()})
        balances = dict(
            self.env["property.rent.report"]
            .with_context(report_date=date)
            ._read_group([("lease_id", "in", leases.ids)], ["lease_id"], ["outstanding:sum"])
        )
        held = {}
        for company, company_leases in leases.grouped("company_id").items():
            account = company.property_deposit_account_id
            if not account:
                continue
            for move, balance in self.env["account.move.line"]._read_group(
                [
                    ("move_id.property_lease_id", "in", company_leases.ids),
                    ("parent_state", "=", "posted"),
                    ("account_id", "=", account.id),
                    ("date", "<=", date),
                ],
                ["move_id"],
                ["balance:sum"],
            ):
                lease = move.property_lease_id
                held[lease] = held.get(lease, 0.0) - balance
        states = dict(UNIT_STATES)
        for unit in units:
            line = line_by_unit.get(unit.id)
            lease = line.lease_id if line else self.env["property.lease"]
            row = {
                "unit": unit,
                "lease": lease,
                "status": states.get(unit.state, ""),
                "rent": 0.0,
                "deposit": lease.deposit_amount if lease else 0.0,
                "held": held.get(lease, 0.0),
                "balance": balances.get(lease, 0.0),
            }
            if lease:
                changes = [rent for day, rent in lease._get_rent_changes() if day <= date]
                monthly = lease._get_monthly_rent_of(changes[-1]) if changes else lease.monthly_rent
                if lease.rent_basis in ("m2", "m2_day") and lease.total_area:
                    share = unit.area / lease.total_area
                else:
                    share = 1.0 / len(lease.line_ids)
                row["rent"] = lease.currency_id.round(monthly * share)
            yield row

    @api.model
    def _rent_roll_xlsx(self, company, buildings=None, date=None):
        """Rent roll (租金台账): one row per unit at ``date``; a lease's deposit, deposit held
        and balance are on the first of its units only, so that the totals add up."""
        date = date or fields.Date.context_today(self)
        buildings = buildings or self.env["property.building"]
        columns = self._rent_roll_columns()
        with self._workbook() as (workbook, formats):
            sheet = workbook.add_worksheet(self.env._("Rent Roll"))
            first = row = self._write_header(
                sheet,
                formats,
                self.env._("Rent Roll"),
                columns,
                self._subtitle(company, buildings, str(date)),
            )
            totals = dict.fromkeys((4, 10, 11, 12, 13), 0.0)
            per_building = {}
            seen = set()
            units = self._rent_roll_units(company, buildings)
            for batch_ids in split_every(BATCH_SIZE, units.ids):
                batch = units.browse(batch_ids)
                for data in self._rent_roll_batch(batch, date):
                    unit, lease = data["unit"], data["lease"]
                    first_of_lease = lease and lease.id not in seen
                    seen.add(lease.id)
                    amounts = (
                        (data["deposit"], data["held"], data["balance"])
                        if first_of_lease
                        else (None, None, None)
                    )
                    values = [
                        unit.building_id.name,
                        unit.floor_id.name,
                        unit.code,
                        unit.unit_type_id.name,
                        unit.area,
                        data["status"],
                        lease.partner_id.name if lease else None,
                        lease.name if lease else None,
                        lease.date_start if lease else None,
                        lease.date_end if lease else None,
                        data["rent"],
                        *amounts,
                    ]
                    self._write_row(sheet, formats, row, columns, values)
                    for col in totals:
                        totals[col] += values[col] or 0.0
                    stats = per_building.setdefault(unit.building_id.name, [0, 0, 0.0, 0.0])
                    stats[0] += 1
                    stats[1] += bool(lease)
                    stats[2] += data["rent"]
                    stats[3] += amounts[2] or 0.0
                    row += 1
                batch.invalidate_recordset()
            self._write_totals(sheet, formats, row, first, columns, totals)
            self._building_summary(workbook, formats, per_building)
            return self._finish(workbook)

    def _building_summary(self, workbook, formats, per_building):
        columns = [
            (self.env._("Building"), 24, "text"),
            (self.env._("Units"), 10, "integer"),
            (self.env._("Let Units"), 10, "integer"),
            (self.env._("Monthly Rent"), 16, "money"),
            (self.env._("Balance Due"), 16, "money"),
        ]
        sheet = workbook.add_worksheet(self.env._("Summary"))
        first = row = self._write_header(
            sheet, formats, self.env._("Rent Roll by Building"), columns
        )
        totals = dict.fromkeys((1, 2, 3, 4), 0.0)
        for name, stats in per_building.items():
            values = [name, *stats]
            self._write_row(sheet, formats, row, columns, values)
            for col in totals:
                totals[col] += values[col]
            row += 1
        self._write_totals(sheet, formats, row, first, columns, totals)
        if row > first:
            chart = workbook.add_chart({"type": "column"})
            for col in (3, 4):
                chart.add_series(
                    {
                        "name": [sheet.name, 3, col],
                        "categories": [sheet.name, first, 0, row - 1, 0],
                        "values": [sheet.name, first, col, row - 1, col],
                    }
                )
            chart.set_title({"name": self.env._("Monthly Rent and Balance Due by Building")})
            sheet.insert_chart(row + 2, 0, chart)

    # ------------------------------------------------------------- arrears aging
    @api.model
    def _aging_xlsx(self, company, buildings=None, date=None):
        """Arrears aging per tenant at ``date`` (days past the due date)."""
        date = date or fields.Date.context_today(self)
        buildings = buildings or self.env["property.building"]
        columns = [
            (self.env._("Tenant"), 30, "text"),
            (self.env._("Not Due"), 14, "money"),
            (self.env._("1-30 Days"), 14, "money"),
            (self.env._("31-60 Days"), 14, "money"),
            (self.env._("61-90 Days"), 14, "money"),
            (self.env._("90+ Days"), 14, "money"),
            (self.env._("Total"), 16, "money"),
        ]
        domain = [("company_id", "=", company.id), ("outstanding", "!=", 0)]
        if buildings:
            domain.append(("building_id", "in", buildings.ids))
        groups = (
            self.env["property.rent.report"]
            .with_context(report_date=date)
            ._read_group(
                domain,
                ["partner_id"],
                [f"{f}:sum" for f in AGING_FIELDS] + ["outstanding:sum"],
                order="outstanding:sum desc",
            )
        )
        with self._workbook() as (workbook, formats):
            sheet = workbook.add_worksheet(self.env._("Arrears Aging"))
            first = row = self._write_header(
                sheet,
                formats,
                self.env._("Arrears Aging"),
                columns,
                self._subtitle(company, buildings, str(date)),
            )
            totals = dict.fromkeys(range(1, 7), 0.0)
            for partner, *amounts in groups:
                values = [partner.display_name, *amounts]
                self._write_row(sheet, formats, row, columns, values)
                for col in totals:
                    totals[col] += values[col]
                row += 1
            self._write_totals(sheet, formats, row, first, columns, totals)
            chart = workbook.add_chart({"type": "column"})
            chart.add_series(
                {
                    "name": self.env._("Outstanding"),
                    "categories": [sheet.name, 3, 1, 3, 5],
                    "values": [sheet.name, row, 1, row, 5],
                }
            )
            chart.set_title({"name": self.env._("Arrears by Age")})
            chart.set_legend({"none": True})
            sheet.insert_chart(row + 2, 0, chart)
            return self._finish(workbook)

    # ------------------------------------------------------------- tickets
    @api.model
    def _ticket_xlsx(self, company, buildings=None, date_from=None, date_to=None):
        """Ticket statistics per category and per technician over tickets reported between
        ``date_from`` and ``date_to`` (inclusive)."""
        date_to = date_to or fields.Date.context_today(self)
        date_from = date_from or date_to.replace(month=1, day=1)
        buildings = buildings or self.env["property.building"]
        domain = [
            ("company_id", "=", company.id),
            ("date_reported", ">=", datetime.combine(date_from, time.min)),
            ("date_reported", "<=", datetime.combine(date_to, time.max)),
        ]
        if buildings:
            domain.append(("building_id", "in", buildings.ids))
        measures = [
            "ticket_count:sum",
            "open_count:sum",
            "closed_count:sum",
            "response_hours:avg",
            "resolution_hours:avg",
            "sla_response_rate:avg",
            "sla_resolution_rate:avg",
            "rating:avg",
        ]
        Report = self.env["property.ticket.report"]
        columns_tail = [
            (self.env._("Tickets"), 10, "integer"),
            (self.env._("Open"), 10, "integer"),
            (self.env._("Closed"), 10, "integer"),
            (self.env._("Avg. Response (h)"), 14, "number"),
            (self.env._("Avg. Resolution (h)"), 14, "number"),
            (self.env._("Response SLA Met (%)"), 14, "percent"),
            (self.env._("Resolution SLA Met (%)"), 14, "percent"),
            (self.env._("Avg. Rating"), 12, "number"),
        ]
        overall = Report._read_group(domain, [], measures)[0]
        with self._workbook() as (workbook, formats):
            sheets = (
                ("category_id", self.env._("By Category"), self.env._("Category")),
                ("user_id", self.env._("By Technician"), self.env._("Technician")),
            )
            for groupby, sheet_name, label in sheets:
                columns = [(label, 28, "text"), *columns_tail]
                sheet = workbook.add_worksheet(sheet_name)
                first = row = self._write_header(
                    sheet,
                    formats,
                    self.env._("Ticket Statistics"),
                    columns,
                    self._subtitle(company, buildings, f"{date_from} — {date_to}"),
                )
                for key, *values in Report._read_group(
                    domain, [groupby], measures, order="ticket_count:sum desc"
                ):
                    name = key.display_name if key else self.env._("Unassigned")
                    self._write_row(sheet, formats, row, columns, [name, *values])
                    row += 1
                # counts are summed, the averages of the totals row are over all tickets
                self._write_totals(
                    sheet,
                    formats,
                    row,
                    first,
                    columns,
                    {1: overall[0], 2: overall[1], 3: overall[2]},
                )
                for col in range(4, 9):
                    value = overall[col - 1]
                    if value is not None and value is not False:
                        sheet.write_number(row, col, value, formats["total_money"])
                if row > first:
                    chart = workbook.add_chart({"type": "bar"})
                    chart.add_series(
                        {
                            "name": [sheet.name, 3, 1],
                            "categories": [sheet.name, first, 0, row - 1, 0],
                            "values": [sheet.name, first, 1, row - 1, 1],
                        }
                    )
                    chart.set_title({"name": self.env._("Tickets by %(label)s", label=label)})
                    chart.set_legend({"none": True})
                    sheet.insert_chart(row + 2, 0, chart)
            return self._finish(workbook)
