"""Check-then-create flows under real concurrency: two threads, two cursors, committed
transactions, each run through ``odoo.service.model.retrying`` as an HTTP request is.

- the portal lease application cap (3 open applications per tenant);
- meter readings: each new index is checked against (and priced from) the previous one.

Everything created is removed afterwards."""

import collections
import threading
import time
from datetime import date
from unittest.mock import patch

from suite_common import CommittedTransactionsMixin, SuiteTransactionCase

from odoo import Command
from odoo.exceptions import ValidationError

from odoo.addons.property_billing.models import property_meter_reading

MAX_OPEN = 3


class ConcurrencyCase(CommittedTransactionsMixin, SuiteTransactionCase):
    pass


class TestApplicationCapRace(ConcurrencyCase):
    def setUp(self):
        super().setUp()
        with self.real_env() as env:
            partner = env["res.partner"].create(
                {"name": "SEC cap race tenant", "is_property_tenant": True}
            )
            building = env["property.building"].create({"name": "SEC Cap", "code": "SECCAP"})
            units = env["property.unit"].create(
                [
                    {"code": f"SECCAP{i}", "building_id": building.id, "list_rent": 1000.0}
                    for i in range(4)
                ]
            )
            leases = env["property.lease"].create(
                [
                    {
                        "partner_id": partner.id,
                        "date_start": date(2030, 1, 1),
                        "date_end": date(2030, 12, 31),
                        "rent_price": 1000.0,
                        "line_ids": [Command.create({"unit_id": unit.id})],
                    }
                    for unit in units[:2]
                ]
            )
            leases.action_submit()
            self.race = {"partner": partner.id, "building": building.id, "units": units.ids}
        self.addCleanup(self.remove_race_data)

    def remove_race_data(self):
        with self.real_env() as env:
            leases = env["property.lease"].search([("partner_id", "=", self.race["partner"])])
            leases.write({"state": "cancel"})
            leases.unlink()
            env["property.unit"].browse(self.race["units"]).unlink()
            env["property.building"].browse(self.race["building"]).unlink()
            env["res.partner"].browse(self.race["partner"]).unlink()

    def apply(self, unit_index, barrier, attempts, env):
        """The portal route's work: read (the request's snapshot), then apply."""
        partner = env["res.partner"].browse(self.race["partner"])
        unit = env["property.unit"].browse(self.race["units"][unit_index])
        partner.name  # noqa: B018 - the first read fixes the transaction's snapshot
        attempts.append(unit_index)
        if attempts.count(unit_index) == 1:
            barrier.wait()  # both requests have their snapshot before either applies
        lease = env["property.lease"]._portal_apply(
            partner,
            {
                "partner_id": partner.id,
                "date_start": date(2030, 1, 1),
                "date_end": date(2030, 12, 31),
                "rent_price": unit.list_rent,
                "line_ids": [Command.create({"unit_id": unit.id})],
            },
            "race",
            MAX_OPEN,
            partner,
        )
        time.sleep(0.5)  # hold the transaction open: the other request is waiting or racing
        return lease.id

    def open_applications(self):
        with self.real_env() as env:
            return env["property.lease"].search_count(
                [("partner_id", "=", self.race["partner"]), ("state", "=", "vetting")]
            )

    def run_race(self):
        barrier = threading.Barrier(2, timeout=30)
        attempts = []
        threads_func = {}

        def func(env):
            key = threading.current_thread().name
            index = threads_func.setdefault(key, 2 + len(threads_func))
            return self.apply(index, barrier, attempts, env)

        return self.run_two(func)

    def test_two_simultaneous_applications_respect_the_cap(self):
        results = self.run_race()
        self.assertEqual(self.open_applications(), MAX_OPEN, results)
        outcomes = sorted(type(value).__name__ for value in results.values())
        self.assertEqual(outcomes, ["UserError", "int"], results)


class TestMeterReadingRace(ConcurrencyCase):
    """A meter at 100; two readings of it for the same date are saved at the same moment by
    two requests (thread a, then thread b while a has checked its reading but not committed).
    Both took their snapshot before either saved, so neither sees the other's reading: only
    the lock on the meter row makes b wait for a, fail to update the locked row and start
    again on a fresh snapshot, so that b is checked against a's index."""

    FIRST_INDEX = 100.0

    def setUp(self):
        super().setUp()
        with self.real_env() as env:
            building = env["property.building"].create({"name": "SEC Meter", "code": "SECMTR"})
            unit = env["property.unit"].create({"code": "SECMTR1", "building_id": building.id})
            meter = env["property.meter"].create(
                {"name": "SEC race meter", "unit_id": unit.id, "meter_type": "water"}
            )
            env["property.meter.reading"].create(
                {"meter_id": meter.id, "value": self.FIRST_INDEX, "date": date(2030, 1, 1)}
            )
            self.race = {"building": building.id, "unit": unit.id, "meter": meter.id}
        self.addCleanup(self.remove_race_data)

    def remove_race_data(self):
        with self.real_env() as env:
            env["property.meter.reading"].search([("meter_id", "=", self.race["meter"])]).unlink()
            env["property.meter"].browse(self.race["meter"]).unlink()
            env["property.unit"].browse(self.race["unit"]).unlink()
            env["property.building"].browse(self.race["building"]).unlink()

    def save_at_once(self, values):
        """Save ``values["a"]`` and ``values["b"]`` at once; returns the outcome of each
        request (its reading's consumption or the ValidationError), how many times each ran,
        and the meter's committed readings as (index, previous index, consumption)."""
        barrier = threading.Barrier(2, timeout=30)
        a_checked = threading.Event()
        attempts = collections.Counter()

        def save_reading(env):
            key = threading.current_thread().name
            attempts[key] += 1
            env["property.meter"].browse(self.race["meter"]).name  # noqa: B018 - the snapshot
            if attempts[key] == 1:
                barrier.wait()  # both requests have their snapshot before either saves
                if key == "b":
                    a_checked.wait(timeout=30)
            try:
                with env.cr.savepoint():  # as the portal route does
                    reading = env["property.meter.reading"].create(
                        {
                            "meter_id": self.race["meter"],
                            "value": values[key],
                            "date": date(2030, 2, 1),
                        }
                    )
            except ValidationError as error:
                return error
            if key == "a":
                a_checked.set()
                time.sleep(1.0)  # a holds its transaction open: b saves meanwhile
            return reading.consumption

        results = self.run_two(save_reading)
        with self.real_env() as env:
            readings = env["property.meter.reading"].search(
                [("meter_id", "=", self.race["meter"])], order="date, id"
            )
            committed = [(r.value, r.previous_value, r.consumption) for r in readings]
        return results, attempts, committed

    def test_lower_index_saved_at_once_is_refused(self):
        """150 and 120 at once: b's 120 is checked against a's 150 and refused; the consumption
        is counted once (50), not 50 + 20."""
        results, attempts, committed = self.save_at_once({"a": 150.0, "b": 120.0})
        self.assertEqual(results["a"], 50.0, results)
        self.assertIsInstance(results["b"], ValidationError, results)
        self.assertIn("below the previous one", str(results["b"]))
        self.assertEqual(
            attempts["b"], 2, "b waited for a's lock and ran again on a fresh snapshot"
        )
        self.assertEqual(committed, [(100.0, 0.0, 0.0), (150.0, 100.0, 50.0)])

    def test_higher_index_saved_at_once_counts_from_the_other(self):
        """150 and 170 at once: b's 170 is priced from a's 150 (consumption 20, not 70)."""
        results, attempts, committed = self.save_at_once({"a": 150.0, "b": 170.0})
        self.assertEqual(results, {"a": 50.0, "b": 20.0})
        self.assertEqual(attempts["b"], 2)
        self.assertEqual(committed, [(100.0, 0.0, 0.0), (150.0, 100.0, 50.0), (170.0, 150.0, 20.0)])

    def test_without_the_lock_both_readings_pass(self):
        """The control: the same race with the meter lock switched off lets both readings
        through, each checked against 100 (consumption 50 + 20 for an index that rose by 50),
        so the two tests above fail when the lock breaks."""
        with patch.object(property_meter_reading, "lock_for_update", lambda records: None):
            results, attempts, committed = self.save_at_once({"a": 150.0, "b": 120.0})
        self.assertEqual(results, {"a": 50.0, "b": 20.0})
        self.assertEqual(attempts["b"], 1)
        self.assertEqual(sum(consumption for _v, _p, consumption in committed), 70.0)
