"""Check-then-create flows under real concurrency: two threads, two cursors, committed
transactions, each run through ``odoo.service.model.retrying`` as an HTTP request is.

- the portal lease application cap (3 open applications per tenant).

Everything created is removed afterwards."""

import threading
import time
from contextlib import contextmanager
from datetime import date
from functools import partial

from suite_common import SuiteTransactionCase

from odoo import SUPERUSER_ID, Command, api, sql_db
from odoo.service.model import retrying

MAX_OPEN = 3


class ConcurrencyCase(SuiteTransactionCase):
    in_transaction = False

    @contextmanager
    def real_env(self):
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            yield api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            cr.commit()
        except BaseException:
            cr.rollback()
            raise
        finally:
            cr.close()

    def run_request(self, func, results, key):
        """One 'request' in its own cursor, retried on serialization failures like HTTP."""
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        try:
            results[key] = retrying(partial(func, env), env)
        except Exception as error:  # noqa: BLE001 - reported to the test thread
            results[key] = error
        finally:
            cr.close()

    def run_two(self, func):
        results = {}
        threads = [
            threading.Thread(target=self.run_request, args=(func, results, key)) for key in "ab"
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return results


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
