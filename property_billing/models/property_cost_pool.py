# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_round

from .property_utility_tariff import METER_TYPES

ONE_DAY = timedelta(days=1)
SPLIT_KEYS = [
    ("area_gross", "Gross area (m²)"),
    ("area_net", "Net area (m²)"),
    ("fixed", "Fixed shares"),
    ("headcount", "Headcount"),
    ("meter", "Sub-meter consumption"),
    ("equal", "Equal shares"),
]
# Leases whose tenant occupied (or occupies) their units between start and end of billing.
OCCUPIED_LEASE_STATES = ("active", "expiring", "ended", "terminated", "renewed")
# Vendor bills and refunds whose lines are a pool's costs.
COST_MOVE_TYPES = ("in_invoice", "in_refund", "in_receipt")
# Readings whose consumption counts for the sub-meter key.
KEY_READING_STATES = ("validated", "invoiced")


class PropertyCostPool(models.Model):
    """Shared costs of a building (公摊): what the landlord pays once for the building or
    some of its floors (posted vendor bills on chosen expense or analytic accounts), split
    among the units let during a period by a key. The days a unit stands vacant keep their
    share with the landlord (vacancy cost)."""

    _name = "property.cost.pool"
    _description = "Shared Cost Pool"
    _inherit = ["mail.thread"]
    _order = "building_id, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    building_id = fields.Many2one(
        "property.building", required=True, index=True, check_company=True, tracking=True
    )
    floor_ids = fields.Many2many(
        "property.floor",
        string="Floors",
        domain="[('building_id', '=', building_id)]",
        help="Only the units of these floors share the costs (all floors when empty).",
    )
    lease_type_ids = fields.Many2many(
        "property.lease.type",
        string="Lease Types",
        help="Only tenants under leases of these types share the costs (all types when "
        "empty); the days a unit is let under another type are outside the pool.",
    )
    split_key = fields.Selection(SPLIT_KEYS, required=True, default="area_gross", tracking=True)
    key_meter_type = fields.Selection(
        METER_TYPES,
        string="Sub-meter Type",
        default="electricity",
        help="Sub-meter key: the consumption of the units' meters of this type over the period. "
        "When the pool has master meters of this type, only the sub-meters in their tree count "
        "(a unit's meter fed from another master, or standalone, does not).",
    )
    account_ids = fields.Many2many(
        "account.account",
        string="Expense Accounts",
        check_company=True,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
        help="Posted vendor bill lines on these accounts are costs of the pool.",
    )
    analytic_account_ids = fields.Many2many(
        "account.analytic.account",
        string="Analytic Accounts",
        check_company=True,
        help="Posted vendor bill lines distributed to these analytic accounts are costs of "
        "the pool (for the distributed percentage).",
    )
    master_meter_ids = fields.Many2many(
        "property.meter",
        string="Master Meters",
        check_company=True,
        domain="[('building_id', '=', building_id)]",
        help="The validated common consumption of these meters, priced at their tariff, is a "
        "cost of the pool.",
    )
    share_ids = fields.One2many(
        "property.cost.pool.share", "pool_id", string="Fixed Shares", copy=True
    )
    advance_product_id = fields.Many2one(
        "product.product",
        check_company=True,
        help="Product of the tenants' monthly advances for this pool.",
    )
    note = fields.Html()

    @api.constrains("building_id", "floor_ids")
    def _check_floors(self):
        for pool in self:
            if pool.floor_ids.building_id - pool.building_id:
                raise ValidationError(
                    self.env._(
                        "Pool %(pool)s: its floors must belong to its building.", pool=pool.name
                    )
                )

    # -------------------------------------------------------------- actions
    def action_preview_allocation(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_billing.property_cost_pool_preview_action"
        )
        action["context"] = {"default_pool_ids": [Command.set(self.ids)]}
        return action

    # ---------------------------------------------------------------- costs
    def _get_cost_line_domain(self, date_from, date_to):
        """Posted vendor bill lines of the period on the pool's expense or analytic
        accounts."""
        self.ensure_one()
        hits = []
        if self.account_ids:
            hits.append([("account_id", "in", self.account_ids.ids)])
        if self.analytic_account_ids:
            hits.append([("analytic_distribution", "in", self.analytic_account_ids.ids)])
        if not hits:
            return False
        return [
            ("company_id", "=", self.company_id.id),
            ("parent_state", "=", "posted"),
            ("move_id.move_type", "in", COST_MOVE_TYPES),
            ("display_type", "=", "product"),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
            *(["|"] * (len(hits) - 1)),
            *(leaf for hit in hits for leaf in hit),
        ]

    def _get_bill_line_amount(self, line):
        """The part of a vendor bill line (in company currency) that is the pool's: all of it
        on one of its expense accounts, otherwise the percentage distributed to its analytic
        accounts."""
        if line.account_id in self.account_ids:
            return line.balance
        analytic_ids = set(self.analytic_account_ids.ids)
        percent = sum(
            pct
            for key, pct in (line.analytic_distribution or {}).items()
            if analytic_ids & {int(_id) for _id in key.split(",")}
        )
        return line.balance * min(percent, 100.0) / 100.0

    def _get_bill_costs(self, date_from, date_to):
        self.ensure_one()
        domain = self._get_cost_line_domain(date_from, date_to)
        if not domain:
            return []
        lines = self.env["account.move.line"].search(domain, order="date, id")
        costs = []
        for line in lines:
            amount = self.currency_id.round(self._get_bill_line_amount(line))
            if self.currency_id.is_zero(amount):
                continue
            costs.append(
                {
                    "source": "bill",
                    "name": f"{line.move_id.name} {line.name or ''}".strip(),
                    "amount": amount,
                    "move_line_id": line.id,
                    "common_consumption_id": False,
                }
            )
        return costs

    def _get_meter_costs(self, date_from, date_to):
        """Validated common consumption of the master meters, priced at the master meter's
        tariff: a record whose period runs over the range's ends counts for its days inside
        it."""
        self.ensure_one()
        if not self.master_meter_ids:
            return []
        records = self.env["property.common.consumption"].search(
            [
                ("master_meter_id", "in", self.master_meter_ids.ids),
                ("state", "=", "validated"),
                ("date_from", "<=", date_to),
                ("date_to", ">=", date_from),
            ],
            order="master_meter_id, date_from, id",
        )
        costs = []
        for record in records:
            amount = record._get_amount()
            days = (record.date_to - record.date_from).days + 1
            inside = (min(record.date_to, date_to) - max(record.date_from, date_from)).days + 1
            if inside < days:
                amount = amount * inside / days
            amount = self.currency_id.round(amount)
            if self.currency_id.is_zero(amount):
                continue
            costs.append(
                {
                    "source": "meter",
                    "name": record.display_name,
                    "amount": amount,
                    "move_line_id": False,
                    "common_consumption_id": record.id,
                }
            )
        return costs

    def _get_costs(self, date_from, date_to):
        """The pool's actual costs between two dates (both included): list of dicts
        ``{"source": "bill"|"meter", "name", "amount", "move_line_id", "common_consumption_id"}``
        in the company currency."""
        self.ensure_one()
        return self._get_bill_costs(date_from, date_to) + self._get_meter_costs(date_from, date_to)

    def _get_total_cost(self, date_from, date_to, costs=None):
        """The sum of the pool's costs between two dates, rounded to the currency.

        :param costs: the pool's costs of the period (`_get_costs`) when the caller has
            them already; read without it"""
        self.ensure_one()
        if costs is None:
            costs = self._get_costs(date_from, date_to)
        return self.currency_id.round(sum(cost["amount"] for cost in costs))

    # --------------------------------------------------------------- billed
    def _get_billed_period_domain(self, date_from, date_to):
        """Invoice line leaves: billed for a period (the move's) with days between two dates
        (both included). A move without a period end counts when its period starts inside."""
        return [
            ("move_id.property_period_start", "<=", date_to),
            "|",
            ("move_id.property_period_end", ">=", date_from),
            "&",
            ("move_id.property_period_end", "=", False),
            ("move_id.property_period_start", ">=", date_from),
        ]

    def _get_period_part(self, amount, start, end, date_from, date_to):
        """The part of `amount`, billed for the days from `start` to `end`, that falls between
        `date_from` and `date_to`, pro rata by day and rounded to the currency. The rounding is
        cumulative (what the days up to `date_to` have, less what the days before `date_from`
        have), so the parts of consecutive periods sum exactly to `amount`: a period straddling
        two reconciliations is deducted once, to the cent."""
        currency = self.currency_id
        if not end or end < start:
            return currency.round(amount) if date_from <= start <= date_to else 0.0
        days = (end - start).days + 1

        def through(day):
            inside = min(max((day - start).days + 1, 0), days)
            return currency.round(amount * inside / days)

        return currency.round(through(date_to) - through(date_from - ONE_DAY))

    def _get_billed_parts(self, lines, date_from, date_to):
        """``{move: untaxed amount}`` of the pool's invoice and credit note `lines` (net:
        credit notes negative) falling between two dates (see `_get_period_part`)."""
        by_move = defaultdict(float)
        for line in lines:
            by_move[line.move_id] -= line.balance
        return {
            move: self._get_period_part(
                amount,
                move.property_period_start,
                move.property_period_end,
                date_from,
                date_to,
            )
            for move, amount in by_move.items()
        }

    # ----------------------------------------------------------- allocation
    def _get_units(self):
        """The units sharing the pool's costs."""
        self.ensure_one()
        domain = [
            ("building_id", "=", self.building_id.id),
            ("company_id", "=", self.company_id.id),
        ]
        if self.floor_ids:
            domain.append(("floor_id", "in", self.floor_ids.ids))
        return self.env["property.unit"].search(domain, order="code, id")

    def _get_occupancy_lines(self, units, date_from, date_to):
        """Lease lines of `units` whose tenant occupied them some day of the period."""
        return (
            self.env["property.lease.line"]
            .search(
                [
                    ("unit_id", "in", units.ids),
                    ("lease_state", "in", OCCUPIED_LEASE_STATES),
                    ("date_start", "<=", date_to),
                    ("date_end", ">=", date_from),
                ]
            )
            .sorted(lambda line: (line.lease_id.date_start, line.lease_id.id))
        )

    def _get_segments(self, date_from, date_to):
        """The occupant periods of each unit inside the range: list of
        ``(unit, lease or empty recordset, start, end)``, vacant days included (empty
        lease), days let under a lease type outside the pool left out. A lease's last day is
        its termination date when it ended early."""
        self.ensure_one()
        units = self._get_units()
        lines_by_unit = defaultdict(list)
        for line in self._get_occupancy_lines(units, date_from, date_to):
            lines_by_unit[line.unit_id].append(line)
        no_lease = self.env["property.lease"]
        segments = []
        for unit in units:
            cursor = date_from
            for line in lines_by_unit[unit]:
                lease = line.lease_id
                start = max(lease.date_start, cursor)
                end = min(lease._get_billing_end(), date_to)
                if start > end:
                    continue
                if start > cursor:
                    segments.append((unit, no_lease, cursor, start - ONE_DAY))
                if not self.lease_type_ids or lease.lease_type_id in self.lease_type_ids:
                    segments.append((unit, lease, start, end))
                cursor = end + ONE_DAY
            if cursor <= date_to:
                segments.append((unit, no_lease, cursor, date_to))
        return segments

    def _get_key_value(self, unit, lease, date_from, date_to):
        """The key's value of one occupant period, per day (the sub-meter key: the whole
        consumption of the period, see `_get_segment_weight`)."""
        key = self.split_key
        if key == "area_gross":
            return unit.area
        if key == "area_net":
            return unit.area_net
        if key == "fixed":
            return sum(self.share_ids.filtered(lambda s: s.unit_id == unit).mapped("share"))
        if key == "headcount":
            # a lease of several units: its occupants are spread evenly over them
            return lease.headcount / len(lease.line_ids) if lease else 0.0
        if key == "equal":
            return 1.0
        raise UserError(self.env._("Unknown split key %(key)s.", key=key))

    def _get_segment_weight(self, unit, lease, date_from, date_to, consumption_index=None):
        """The weight of one occupant period: key value x days, or the sub-meter consumption
        (`consumption_index`: the pool's readings of the period, see
        `_get_consumption_index`, read once for all the segments)."""
        days = (date_to - date_from).days + 1
        if self.split_key == "meter":
            return self._get_unit_consumption(
                unit, date_from, date_to, consumption_index=consumption_index
            )
        return self._get_key_value(unit, lease, date_from, date_to) * days

    def _get_key_meters(self, units):
        """The sub-meters whose consumption is the key of `units`: their meters of the key's
        type in the tree of the pool's master meters of that type (children, grandchildren...)
        when the pool has such master meters, so that a unit's meter fed from another master or
        standalone does not weigh in this pool; otherwise all their meters of the key's type.
        The pool's master meters themselves never weigh. Archived (replaced) meters count for
        the readings they kept."""
        self.ensure_one()
        Meter = self.env["property.meter"].with_context(active_test=False)
        masters = self.master_meter_ids.filtered(
            lambda meter: meter.meter_type == self.key_meter_type
        )
        domain = [
            ("unit_id", "in", units.ids),
            ("meter_type", "=", self.key_meter_type),
            ("id", "not in", self.master_meter_ids.ids),
        ]
        if not masters:
            return Meter.search(domain)
        tree, level = Meter, masters
        while level:
            level = Meter.search([("parent_id", "in", level.ids), ("id", "not in", tree.ids)])
            tree |= level
        return Meter.search([*domain, ("id", "in", tree.ids)])

    def _get_consumption_index(self, units, date_from, date_to):
        """The consumption of the key's readings of `units` that covers days of the period:
        ``{unit id: [(first day, last day, consumption), ...]}``, each reading spread over the
        days after the previous reading of its meter up to its own date. Two queries whatever
        the number of units and readings: the readings of the key meters from the period's
        start on (ordered by meter, date), and each meter's last reading date before it."""
        self.ensure_one()
        meters = self._get_key_meters(units)
        if not meters:
            return {}
        Reading = self.env["property.meter.reading"]
        # every state: a reading's previous one is its meter's preceding reading
        readings = Reading.search_fetch(
            [("meter_id", "in", meters.ids), ("date", ">=", date_from)],
            ["meter_id", "unit_id", "date", "consumption", "state"],
            order="meter_id, date, id",
        )
        before = dict(
            Reading._read_group(
                [("meter_id", "in", meters.ids), ("date", "<", date_from)],
                ["meter_id"],
                ["date:max"],
            )
        )
        index = defaultdict(list)
        previous_date = {meter: before.get(meter) for meter in meters}
        for reading in readings:
            meter = reading.meter_id
            previous = previous_date[meter]
            previous_date[meter] = reading.date
            if reading.state not in KEY_READING_STATES or not reading.consumption:
                continue
            # the reading covers the days after the previous reading up to its own date
            first = min(previous + ONE_DAY if previous else reading.date, reading.date)
            if first > date_to:
                continue
            index[reading.unit_id.id].append((first, reading.date, reading.consumption))
        return index

    def _get_unit_consumption(self, unit, date_from, date_to, consumption_index=None):
        """Consumption of the unit's key sub-meters (see `_get_key_meters`) between two dates
        (both included): each reading's consumption is spread evenly over the days since the
        previous reading, so a move-out between two readings splits it day-exact.

        :param consumption_index: the pool's readings of a period holding these dates (see
            `_get_consumption_index`); read for this unit alone without it"""
        if consumption_index is None:
            consumption_index = self._get_consumption_index(unit, date_from, date_to)
        total = 0.0
        for first, last, consumption in consumption_index.get(unit.id, ()):
            span = (last - first).days + 1
            overlap = (min(last, date_to) - max(first, date_from)).days + 1
            if overlap > 0:
                total += consumption * overlap / span
        return total

    def _get_allocation(self, date_from, date_to, costs=None):
        """Split the pool's costs between two dates (both included) among its units' occupant
        periods: one dict per (unit, occupant period) ``{"unit_id", "lease_id" (False: vacant,
        the landlord's share), "partner_id", "date_from", "date_to", "days", "weight" (key
        value x days, or the sub-meter consumption), "share" (0..1), "amount"}``. The amounts
        are rounded to the currency by largest remainder, so they sum exactly to the costs.

        :param costs: the pool's costs of the period (`_get_costs`) when the caller has
            them already; read again without it"""
        self.ensure_one()
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        if date_from > date_to:
            raise UserError(self.env._("The period must start before it ends."))
        total = self._get_total_cost(date_from, date_to, costs=costs)
        segments = self._get_segments(date_from, date_to)
        consumption_index = None
        if self.split_key == "meter":
            units = self.env["property.unit"].browse(
                list(dict.fromkeys(segment[0].id for segment in segments))
            )
            consumption_index = self._get_consumption_index(units, date_from, date_to)
        rows = []
        for unit, lease, start, end in segments:
            rows.append(
                {
                    "unit_id": unit.id,
                    "lease_id": lease.id or False,
                    "partner_id": lease.partner_id.id or False,
                    "date_from": start,
                    "date_to": end,
                    "days": (end - start).days + 1,
                    "weight": self._get_segment_weight(
                        unit, lease, start, end, consumption_index=consumption_index
                    ),
                }
            )
        total_weight = sum(row["weight"] for row in rows)
        if not total_weight and not self.currency_id.is_zero(total):
            raise UserError(
                self.env._(
                    "Pool %(pool)s: no unit has a value for its split key over the period, the "
                    "costs (%(total)s) cannot be split.",
                    pool=self.name,
                    total=total,
                )
            )
        amounts = self._split_amount(total, [row["weight"] for row in rows])
        for row, amount in zip(rows, amounts, strict=True):
            row["share"] = row["weight"] / total_weight if total_weight else 0.0
            row["amount"] = amount
        return rows

    def _split_amount(self, total, weights):
        """`total` split in proportion to `weights`, rounded to the currency so that the parts
        sum exactly to it (largest remainder: the cents left over by rounding down go to the
        largest fractions, the earlier part first on a tie)."""
        currency = self.currency_id
        total_weight = sum(weights)
        if not total_weight:
            return [0.0] * len(weights)
        sign = -1 if total < 0 else 1
        # whole currency steps (cents): exact, the total is already rounded to the currency
        cents = int(float_round(abs(total) / currency.rounding, precision_digits=0))
        exact = [cents * weight / total_weight for weight in weights]
        parts = [math.floor(value) for value in exact]
        left = cents - sum(parts)
        order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
        for i in order[:left]:
            parts[i] += 1
        return [currency.round(sign * part * currency.rounding) for part in parts]
