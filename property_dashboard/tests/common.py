# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.property_tenant.tests.common import PropertyTestCommon


class PropertyDashboardCommon(PropertyTestCommon):
    """A small generated portfolio on top of the tenant fixtures.

    Dates are relative to today because the report views measure at CURRENT_DATE."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["property.unit"])
        day = timedelta(days=1)
        cls.type_office, cls.type_shop = cls.env["property.unit.type"].create(
            [{"name": "Office"}, {"name": "Shop"}]
        )
        cls.building_2 = cls.env["property.building"].create(
            {"name": "Harbour Plaza", "code": "HP"}
        )
        cls.floor_hp = cls.env["property.floor"].create(
            {"name": "G", "level": 0, "building_id": cls.building_2.id}
        )
        units = cls.env["property.unit"].create(
            [
                {
                    "code": f"G{i:02d}",
                    "building_id": cls.building_2.id,
                    "floor_id": cls.floor_hp.id,
                    "area": 20.0 * i,
                    "unit_type_id": (cls.type_office if i % 2 else cls.type_shop).id,
                    "list_rent": 1000.0 * i,
                }
                for i in range(1, 7)
            ]
        )
        cls.hp_units = units
        units[4].rentable = False
        units[5].under_maintenance = True

        # Test Tower: 101 vacates in <= 30 days, 102 is renewed, 201+202 share one lease (per m²)
        cls.lease_101 = cls._make_active(
            cls._create_lease(
                cls.unit_101, date_start=cls.today - 200 * day, date_end=cls.today + 20 * day
            )
        )
        cls.lease_102 = cls._make_active(
            cls._create_lease(
                cls.unit_102,
                partner=cls.tenant_b,
                date_start=cls.today - 300 * day,
                date_end=cls.today + 50 * day,
                rent_price=2500.0,
            )
        )
        cls.lease_102_next = cls._create_lease(
            cls.unit_102,
            partner=cls.tenant_b,
            date_start=cls.today + 51 * day,
            date_end=cls.today + 400 * day,
            rent_price=2600.0,
        )
        cls.lease_102_next.action_submit()
        cls.lease_102_next.action_approve()
        cls.lease_2xx = cls._make_active(
            cls._create_lease(
                cls.unit_201 | cls.unit_202,
                rent_basis="m2",
                rent_price=100.0,
                date_start=cls.today - 30 * day,
                date_end=cls.today + 80 * day,
            )
        )
        # Harbour Plaza: G01 was let until 40 days ago, G02 never, G03 leased for 200 more days
        cls.lease_g01_old = cls._make_active(
            cls._create_lease(
                units[0], date_start=cls.today - 400 * day, date_end=cls.today - 40 * day
            )
        )
        cls.lease_g01_old.state = "ended"
        cls.lease_g03 = cls._make_active(
            cls._create_lease(
                units[2],
                partner=cls.tenant_b,
                date_start=cls.today - 10 * day,
                date_end=cls.today + 200 * day,
                rent_price=4000.0,
            )
        )
        cls.lease_g04_future = cls._create_lease(
            units[3], date_start=cls.today + 10 * day, date_end=cls.today + 100 * day
        )
        cls.lease_g04_future.action_submit()
        cls.lease_g04_future.action_approve()
        cls.env["property.unit"]._cron_update_state()
        (cls.env["property.unit"].search([])).invalidate_recordset()

        # A second company whose figures must not leak
        cls.company_2 = cls.env["res.company"].create({"name": "Other Estates Ltd"})
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company_2, install_demo=False
        )
        cls.building_c2 = cls.env["property.building"].create(
            {"name": "Far Tower", "code": "FT", "company_id": cls.company_2.id}
        )
        cls.unit_c2 = cls.env["property.unit"].create(
            {"code": "1", "building_id": cls.building_c2.id, "area": 999.0}
        )
        cls.lease_c2 = cls._make_active(
            cls._create_lease(
                cls.unit_c2,
                company_id=cls.company_2.id,
                date_start=cls.today - 5 * day,
                date_end=cls.today + 5 * day,
            )
        )
        cls.user_dash_manager = new_test_user(
            cls.env,
            login="dash_manager",
            name="Dashboard Manager",
            groups="property_tenant.group_property_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls._setup_invoices()
        cls._setup_tickets()
        cls.env.flush_all()

    @classmethod
    def _setup_invoices(cls):
        """Hand-dated lease invoices for the rent analysis and the aging: due 10, 45, 75 and
        120 days ago and in 5 days; one partly paid, one partly credited, one cancelled."""
        day = timedelta(days=1)
        cls.bank_journal = cls.env["account.journal"].search(
            [*cls.env["account.journal"]._check_company_domain(cls.company), ("type", "=", "bank")],
            limit=1,
        )
        cls.product_charge = cls.env["product.product"].create(
            {"name": "Dashboard service charge", "type": "service", "taxes_id": False}
        )

        def invoice(lease, due_days_ago, amount, kind="charge"):
            due = cls.today - due_days_ago * day
            return {
                "move_type": "out_invoice",
                "partner_id": lease.partner_id.id,
                "company_id": lease.company_id.id,
                "property_lease_id": lease.id,
                "property_invoice_kind": kind,
                "invoice_date": min(due, cls.today) - 5 * day,
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product_charge.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }

        Move = cls.env["account.move"]
        (
            cls.inv_10,
            cls.inv_45,
            cls.inv_75,
            cls.inv_120,
            cls.inv_future,
            cls.inv_cancelled,
        ) = Move.create(
            [
                invoice(cls.lease_101, 10, 100.0),
                invoice(cls.lease_101, 45, 200.0),
                invoice(cls.lease_102, 75, 300.0),
                invoice(cls.lease_2xx, 120, 400.0),
                invoice(cls.lease_g03, -5, 500.0),
                invoice(cls.lease_101, 30, 999.0),
            ]
        )
        cls.inv_c2 = Move.with_company(cls.company_2).create(invoice(cls.lease_c2, 50, 777.0))
        (cls.inv_10 | cls.inv_45 | cls.inv_75 | cls.inv_120 | cls.inv_future).action_post()
        cls.inv_c2.action_post()
        cls.inv_cancelled.action_post()
        cls.inv_cancelled.button_cancel()
        # 50 paid on the 45-day invoice, 12 days ago
        cls.payment_date = cls.today - 12 * day
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=cls.inv_45.ids
        ).create(
            {"journal_id": cls.bank_journal.id, "amount": 50.0, "payment_date": cls.payment_date}
        )._create_payments()
        # 120 credited on the 75-day invoice (a credit note reconciled with it)
        reversal = (
            cls.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=cls.inv_75.ids)
            .create({"journal_id": cls.inv_75.journal_id.id, "date": cls.today - 2 * day})
        )
        cls.refund = cls.env["account.move"].browse(reversal.refund_moves()["res_id"])
        cls.refund.invoice_line_ids.price_unit = 120.0
        cls.refund.action_post()
        terms = (cls.refund | cls.inv_75).line_ids.filtered(
            lambda line: line.display_type == "payment_term"
        )
        if not terms.matched_debit_ids and not terms.matched_credit_ids:
            terms.reconcile()

    @classmethod
    def _setup_tickets(cls):
        """Tickets of two categories with known response/resolution times and ratings."""
        hour = timedelta(hours=1)
        cls.cat_plumbing, cls.cat_noise = cls.env["property.ticket.category"].create(
            [
                {
                    "name": "Plumbing (dashboard)",
                    "ticket_type": "repair",
                    "sla_ids": [
                        Command.create(
                            {"priority": "0", "response_hours": 4.0, "resolution_hours": 48.0}
                        )
                    ],
                },
                {"name": "Noise (dashboard)", "ticket_type": "complaint"},
            ]
        )
        now = fields.Datetime.now().replace(microsecond=0)
        Ticket = cls.env["maintenance.request"]
        specs = [
            # category, reported h ago, responded after h, done after h, rating
            (cls.cat_plumbing, 100, 2, 30, 5),
            (cls.cat_plumbing, 90, 6, 60, 1),
            (cls.cat_plumbing, 80, 3, None, None),
            (cls.cat_plumbing, 2, None, None, None),
            (cls.cat_noise, 50, 1, 5, 3),
            (cls.cat_noise, 40, None, None, None),
        ]
        cls.tickets = Ticket
        for category, ago, responded, done, rating in specs:
            reported = now - ago * hour
            ticket = Ticket.create(
                {
                    "name": f"{category.name} {ago}",
                    "property_category_id": category.id,
                    "property_unit_id": cls.unit_101.id,
                    "property_date_reported": reported,
                    "user_id": cls.user_technician.id,
                    "priority": "0",
                }
            )
            vals = {}
            if responded is not None:
                vals.update(
                    property_date_responded=reported + responded * hour,
                    property_state="in_progress",
                )
            if done is not None:
                vals.update(property_date_done=reported + done * hour, property_state="done")
            if vals:
                ticket.write(vals)
            if rating:
                token = ticket._rating_get_access_token()
                ticket.rating_apply(rating, token=token)
            cls.tickets |= ticket
        team_c2 = cls.env["maintenance.team"].create(
            {"name": "Other company team", "company_id": cls.company_2.id}
        )
        cls.ticket_c2 = Ticket.create(
            {
                "name": "Other company leak",
                "company_id": cls.company_2.id,
                "maintenance_team_id": team_c2.id,
            }
        )
        cls.ticket_c2.property_ticket_type = "repair"
