# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.tests import Form, new_test_user

from odoo.addons.property_tenant.tests.common import PropertyTestCommon


class BillingTestCommon(PropertyTestCommon):
    """Property fixtures plus billing settings, an accountant and spare units."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # with queue_job installed (its billing bridge), the jobs a billing run enqueues are
        # performed at once: tests have no job runner (ignored without queue_job)
        cls.env = cls.env(context=dict(cls.env.context, queue_job__no_delay=True))
        cls.company.write(
            {
                "property_invoice_issue_days_before": 10,
                "property_late_fee_active": False,
                "fiscalyear_lock_date": False,
            }
        )
        cls.journal = cls.company._property_get_rent_journal()
        cls.bank_journal = cls.env["account.journal"].search(
            [*cls.env["account.journal"]._check_company_domain(cls.company), ("type", "=", "bank")],
            limit=1,
        )
        cls.deposit_account = cls.company._property_get_deposit_account()
        cls.user_accountant = new_test_user(
            cls.env,
            login="prop_accountant",
            name="Accountant",
            groups="account.group_account_invoice,property_tenant.group_property_user",
        )
        cls.spare_units = cls.env["property.unit"].create(
            [
                {
                    "code": f"S{i:02d}",
                    "building_id": cls.building.id,
                    "floor_id": cls.floor_1.id,
                    "area": 40.0,
                    "unit_type_id": cls.unit_type.id,
                    "list_rent": 2000.0,
                }
                for i in range(12)
            ]
        )
        cls.product_rent = cls.env.ref("property_billing.product_rent")
        # Rent amounts are compared with the schedule: no tax on the rent product here.
        cls.product_rent.taxes_id = [Command.clear()]

    @classmethod
    def _activate_direct(cls, lease):
        """Put a lease in 'active' without onboarding invoices (as if migrated)."""
        lease.write({"state": "active"})
        return lease

    @classmethod
    def _create_tenant_leases(cls, count, prefix, unit_vals=None, lease_vals=None):
        """`count` leases of 2025, each of a new tenant on a new unit of the building (draft
        unless `lease_vals` says otherwise); `unit_vals(i)` and `lease_vals(i)` add or override
        values of the i-th unit and lease."""
        units = cls.env["property.unit"].create(
            [
                {
                    "code": f"{prefix}{i:04d}",
                    "building_id": cls.building.id,
                    "area": 35.0,
                    "unit_type_id": cls.unit_type.id,
                    **(unit_vals(i) if unit_vals else {}),
                }
                for i in range(count)
            ]
        )
        tenants = cls.env["res.partner"].create(
            [{"name": f"{prefix} tenant {i}", "is_property_tenant": True} for i in range(count)]
        )
        return cls.env["property.lease"].create(
            [
                {
                    "partner_id": tenant.id,
                    "date_start": date(2025, 1, 1),
                    "date_end": date(2025, 12, 31),
                    "rent_price": 2500.0,
                    "line_ids": [Command.create({"unit_id": unit.id})],
                    **(lease_vals(i) if lease_vals else {}),
                }
                for i, (tenant, unit) in enumerate(zip(tenants, units, strict=True))
            ]
        )

    def _rent_moves(self, leases):
        return self.env["account.move"].search(
            [("property_lease_id", "in", leases.ids), ("property_invoice_kind", "=", "rent")],
            order="property_lease_id, property_period_start",
        )

    def _pay(self, moves, amount=None):
        vals = {"journal_id": self.bank_journal.id}
        if amount is not None:
            vals["amount"] = amount
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=moves.ids)
            .create(vals)
            ._create_payments()
        )

    def _reversal_wizard(self, move, reason="Rent correction"):
        """The standard "Credit Note" wizard of an invoice, as an invoicing user."""
        with Form(
            self.env["account.move.reversal"]
            .with_user(self.user_accountant)
            .with_context(active_model="account.move", active_ids=move.ids)
        ) as wizard:
            wizard.reason = reason
            wizard.journal_id = move.journal_id
        return wizard.record

    def assertBalanced(self, moves):
        for move in moves:
            self.assertTrue(
                move.currency_id.is_zero(sum(move.line_ids.mapped("balance"))),
                f"move {move.name} is not balanced",
            )
