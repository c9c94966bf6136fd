# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class PropertyLeaseScheduleTerm(models.AbstractModel):
    """A clause of a lease that shapes its rent schedule (escalation, rent-free period):
    creating, changing or removing one refreshes the schedule of its lease."""

    _name = "property.lease.schedule.term"
    _description = "Lease term affecting the rent schedule"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.lease_id._update_schedule()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.lease_id._update_schedule()
        return res

    def unlink(self):
        leases = self.lease_id
        res = super().unlink()
        leases.exists()._update_schedule()
        return res
