# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import uuid
from collections import defaultdict
from datetime import timedelta

import psycopg2.errors

from odoo import Command, api, fields, models, modules
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, split_every
from odoo.tools.misc import format_amount, format_datetime

from odoo.addons.property_tenant.models.property_lease import LEASE_FINANCE_GROUPS

_logger = logging.getLogger(__name__)

# database errors a lease's data can cause: billed again lease by lease, recorded on the
# lease that fails (`_generate_invoices_locked`); other database errors propagate
LEASE_DATABASE_ERRORS = (psycopg2.DataError, psycopg2.IntegrityError, psycopg2.ProgrammingError)

# Leases the billing run invoices (the first rent invoice of a lease is issued when it
# enters 'deposit', together with the deposit invoice).
BILLED_LEASE_STATES = ("active", "expiring")
# Leases that still have a next invoice date.
SCHEDULED_LEASE_STATES = ("deposit", "active", "expiring")
BILLING_CHUNK_SIZE = 100
# Context of batch billing: no chatter, no tracking, no follower subscription.
BATCH_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "property_billing_batch": True,
}


class PropertyLease(models.Model):
    _inherit = "property.lease"

    next_invoice_date = fields.Date(
        index=True,
        copy=False,
        readonly=True,
        help="Date on which the next unbilled period is invoiced: its start minus the "
        "company's days before period.",
    )
    # a billing error is an internal message for the leasing staff
    billing_error = fields.Text(
        copy=False, readonly=True, groups="property_tenant.group_property_user"
    )
    charge_ids = fields.One2many(
        "property.lease.charge",
        "lease_id",
        string="Recurring Charges",
        copy=True,
        groups=LEASE_FINANCE_GROUPS,
    )
    pending_charge_ids = fields.One2many(
        "property.charge",
        "lease_id",
        string="Pending Charges",
        domain=[("move_id", "=", False)],
        groups=LEASE_FINANCE_GROUPS,
    )
    turnover_rate = fields.Float(
        string="Turnover Rate (%)",
        digits=(16, 2),
        tracking=True,
        groups=LEASE_FINANCE_GROUPS,
        help="Minimum rent plus turnover rent (保底 + 抽成): the tenant owes this share of the "
        "turnover they declare for a period when it is more than the period's rent; the "
        "difference is billed with the next rent invoice.",
    )
    turnover_ids = fields.One2many(
        "property.lease.turnover",
        "lease_id",
        string="Turnover Declarations",
        groups=LEASE_FINANCE_GROUPS,
    )
    invoice_ids = fields.One2many(
        "account.move",
        "property_lease_id",
        string="Invoices",
        readonly=True,
        copy=False,
        groups=LEASE_FINANCE_GROUPS,
    )
    invoice_count = fields.Integer(compute="_compute_amounts", groups=LEASE_FINANCE_GROUPS)
    amount_invoiced = fields.Monetary(
        compute="_compute_amounts", string="Invoiced", groups=LEASE_FINANCE_GROUPS
    )
    amount_paid = fields.Monetary(
        compute="_compute_amounts", string="Paid", groups=LEASE_FINANCE_GROUPS
    )
    amount_due = fields.Monetary(
        compute="_compute_amounts", string="Balance Due", groups=LEASE_FINANCE_GROUPS
    )
    amount_overdue = fields.Monetary(
        compute="_compute_amounts", string="Overdue", groups=LEASE_FINANCE_GROUPS
    )
    deposit_refund_requested = fields.Monetary(
        copy=False,
        readonly=True,
        groups=LEASE_FINANCE_GROUPS + ",account.group_account_invoice",
        help="Refund above the approval threshold that finance asked a Property Manager to "
        "approve.",
    )
    deposit_refund_approved = fields.Monetary(
        copy=False,
        readonly=True,
        groups=LEASE_FINANCE_GROUPS + ",account.group_account_invoice",
        help="Refund a Property Manager approved; used up by the next deposit settlement.",
    )
    deposit_refund_approved_by_id = fields.Many2one(
        "res.users",
        copy=False,
        readonly=True,
        help="Property Manager who approved the last deposit refund above the threshold.",
    )
    deposit_refund_approved_on = fields.Datetime(copy=False, readonly=True)
    headcount = fields.Integer(
        help="People occupying the units (headcount key of the shared cost pools).",
    )
    deposit_balance = fields.Monetary(
        compute="_compute_deposit_balance",
        string="Deposit Held",
        groups=LEASE_FINANCE_GROUPS + ",account.group_account_invoice",
        help="Deposit actually received for this lease (the paid part of its deposit invoices) "
        "minus deductions and refunds.",
    )

    _sql_constraints = [
        (
            "turnover_rate_range",
            "CHECK(turnover_rate >= 0 AND turnover_rate <= 100)",
            "A turnover rate is a percentage between 0 and 100.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    def _compute_amounts(self):
        """Totals from the lease's posted customer invoices and credit notes (sudo: leasing
        staff see the totals without accounting rights)."""
        today = fields.Date.context_today(self)
        Move = self.env["account.move"].sudo()
        base = [
            ("property_lease_id", "in", self.ids),
            ("state", "=", "posted"),
            ("move_type", "in", ("out_invoice", "out_refund")),
        ]
        totals = {
            lease.id: (count, total, residual)
            for lease, count, total, residual in Move._read_group(
                base,
                ["property_lease_id"],
                ["__count", "amount_total_signed:sum", "amount_residual_signed:sum"],
            )
        }
        overdue = dict(
            Move._read_group(
                [*base, ("invoice_date_due", "<", today), ("amount_residual", "!=", 0)],
                ["property_lease_id"],
                ["amount_residual_signed:sum"],
            )
        )
        counts = dict(
            Move._read_group(
                [("property_lease_id", "in", self.ids)], ["property_lease_id"], ["__count"]
            )
        )
        for lease in self:
            _count, total, residual = totals.get(lease.id, (0, 0.0, 0.0))
            lease.invoice_count = counts.get(lease, 0)
            lease.amount_invoiced = total
            lease.amount_due = residual
            lease.amount_paid = total - residual
            lease.amount_overdue = overdue.get(lease, 0.0)

    def _compute_deposit_balance(self):
        """Deposit actually held: what the tenant paid of the deposit invoices, minus what
        later moves released from the deposit liability account (deductions, unpaid invoices
        settled from the deposit, refunds). An unpaid deposit invoice holds nothing."""
        Line = self.env["account.move.line"].sudo()
        accounts = self.company_id.property_deposit_account_id
        balances = defaultdict(float)
        if accounts and self.ids:
            for move, balance in Line._read_group(
                [
                    ("move_id.property_lease_id", "in", self.ids),
                    ("parent_state", "=", "posted"),
                    ("account_id", "in", accounts.ids),
                ],
                ["move_id"],
                ["balance:sum"],
            ):
                balances[move.property_lease_id.id] -= (
                    balance * move._property_deposit_received_ratio()
                )
        for lease in self:
            lease.deposit_balance = lease.currency_id.round(balances[lease.id])

    def _get_payment_reference(self):
        """Reference the tenant quotes on every bank transfer for this lease (its contract
        number); the wire transfer instructions of the portal show it."""
        self.ensure_one()
        return self.name

    # ---------------------------------------------------------------------- CRUD
    def write(self, vals):
        res = super().write(vals)
        if "state" in vals and not set(vals) & self._schedule_fields():
            self._update_next_invoice_date()
        return res

    def _update_schedule(self):
        res = super()._update_schedule()
        self._update_next_invoice_date()
        return res

    # ------------------------------------------------------- deposit refund approval
    def _request_deposit_refund_approval(self, amount):
        """Finance asks a Property Manager to approve a refund above the threshold: the
        amount is kept on the lease and the manager gets a to-do."""
        self.ensure_one()
        self.write({"deposit_refund_requested": amount})
        amount_label = format_amount(self.env, amount, self.currency_id)
        self._schedule_step_activity(
            "mail.mail_activity_data_todo",
            self._get_vetting_user(),
            self.env._("Approve a deposit refund of %(amount)s", amount=amount_label),
        )
        self.message_post(
            body=self.env._(
                "%(user)s asks a Property Manager to approve a deposit refund of %(amount)s.",
                user=self.env.user.name,
                amount=amount_label,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def action_approve_deposit_refund(self):
        """A Property Manager approves the requested refund; finance then settles it."""
        self._property_check_manager(
            self.env._("Only a Property Manager can approve a deposit refund above the threshold.")
        )
        for lease in self:
            amount = lease.deposit_refund_requested
            if lease.currency_id.is_zero(amount):
                raise UserError(
                    self.env._("No deposit refund awaits approval on %(name)s.", name=lease.name)
                )
            lease.write(
                {
                    "deposit_refund_approved": amount,
                    "deposit_refund_requested": 0.0,
                    "deposit_refund_approved_by_id": self.env.user.id,
                    "deposit_refund_approved_on": fields.Datetime.now(),
                }
            )
            lease.activity_feedback(
                ["mail.mail_activity_data_todo"],
                user_id=self.env.user.id,
                feedback=self.env._("Approved"),
            )
            lease.message_post(
                body=self.env._(
                    "Deposit refund of %(amount)s approved by %(user)s.",
                    amount=format_amount(self.env, amount, lease.currency_id),
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _record_deposit_refund_settled(self, amount):
        """A refund above the threshold was paid: the approval it used is consumed (a manager
        settling it himself is recorded as its approver)."""
        self.ensure_one()
        vals = {"deposit_refund_approved": 0.0, "deposit_refund_requested": 0.0}
        if self._property_is_manager() and not self.env.su:
            vals.update(
                deposit_refund_approved_by_id=self.env.user.id,
                deposit_refund_approved_on=fields.Datetime.now(),
            )
        self.write(vals)
        self.message_post(
            body=self.env._(
                "Deposit refund of %(amount)s settled, approved by %(user)s on %(date)s.",
                amount=format_amount(self.env, amount, self.currency_id),
                user=self.deposit_refund_approved_by_id.name,
                date=format_datetime(self.env, self.deposit_refund_approved_on),
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------ actions
    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("property_lease_id", "=", self.id)]
        action["context"] = {
            "default_move_type": "out_invoice",
            "default_partner_id": self.partner_id.id,
            "default_property_lease_id": self.id,
        }
        return action

    def action_bill_now(self):
        """Bill the lease's next period now (and any overdue one), safely against the cron:
        the lease row is locked first, so a billing run working on it makes this fail fast
        instead of billing twice."""
        self.ensure_one()
        self.check_access("write")
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only invoicing users can bill a lease."))
        if self.state not in SCHEDULED_LEASE_STATES:
            raise UserError(
                self.env._("Lease %(name)s is not running: nothing to bill.", name=self.name)
            )
        if not self.next_invoice_date:
            raise UserError(
                self.env._("Every period of lease %(name)s is already billed.", name=self.name)
            )
        lease = self.sudo().with_company(self.company_id).with_context(**BATCH_CONTEXT)
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM property_lease WHERE id = %s FOR UPDATE NOWAIT",
                        self.id,
                    ),
                    log_exceptions=False,
                )
        except (psycopg2.errors.LockNotAvailable, psycopg2.errors.SerializationFailure) as e:
            raise UserError(
                self.env._(
                    "Lease %(name)s is being billed right now by another process; "
                    "try again in a moment.",
                    name=self.name,
                )
            ) from e
        date_ref = max(fields.Date.context_today(self), lease.next_invoice_date)
        moves = lease._generate_invoices_locked(date_ref, max_periods=1)
        if self.billing_error:
            raise UserError(self.billing_error)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "form" if len(moves) == 1 else "list,form",
            "res_id": moves[:1].id,
            "domain": [("id", "in", moves.ids)],
        }

    # ------------------------------------------------------------ onboarding gate
    def _on_awaiting_deposit(self):
        """Signed lease: issue the deposit invoice and the first rent invoice."""
        res = super()._on_awaiting_deposit()
        leases = self.sudo().with_context(**BATCH_CONTEXT)
        for company, company_leases in leases.grouped("company_id").items():
            company_leases = company_leases.with_company(company)
            company_leases._create_deposit_invoices()
            unbilled = company_leases.filtered(
                lambda lease: (
                    not lease.invoice_ids.filtered(
                        lambda m: m.property_invoice_kind == "rent" and m.state != "cancel"
                    )
                )
            )
            unbilled._generate_invoices_locked(
                fields.Date.context_today(self), max_periods=1, force=True
            )
        return res

    def _create_deposit_invoices(self):
        leases = self.filtered(
            lambda lease: (
                not lease.currency_id.is_zero(lease.deposit_amount)
                and not lease.invoice_ids.filtered(
                    lambda m: m.property_invoice_kind == "deposit" and m.state != "cancel"
                )
            )
        )
        if not leases:
            return self.env["account.move"]
        journal = leases.company_id._property_get_rent_journal()
        today = fields.Date.context_today(self)
        vals_list = [
            lease._prepare_invoice_vals(
                "deposit",
                today,
                journal=journal,
                date_due=today,
                line_vals_list=[
                    lease._prepare_deposit_invoice_line_vals(
                        lease.deposit_amount,
                        self.env._("Security deposit - lease %(name)s", name=lease.name),
                    )
                ],
            )
            for lease in leases
        ]
        moves = self.env["account.move"].with_context(**BATCH_CONTEXT).create(vals_list)
        moves.action_post()
        return moves

    def _prepare_deposit_invoice_line_vals(self, amount, name):
        """An invoice line on the deposit liability account (never revenue, never taxed):
        the deposit invoiced, or the part of it released by a settlement."""
        self.ensure_one()
        return {
            "product_id": self.env.ref("property_billing.product_deposit").id,
            "name": name,
            "quantity": 1.0,
            "price_unit": amount,
            "account_id": self.company_id._property_get_deposit_account().id,
            "tax_ids": [Command.clear()],
        }

    def _is_onboarding_paid(self):
        """Deposit and first rent invoices of the lease are paid."""
        self.ensure_one()
        # credit notes belong to the lease too: a reversed first rent counts by its correction
        moves = self.sudo().invoice_ids.filtered(
            lambda m: (
                m.state == "posted"
                and m.move_type == "out_invoice"
                and m.payment_state != "reversed"
                and m.property_invoice_kind in ("deposit", "rent")
            )
        )
        deposit = moves.filtered(lambda m: m.property_invoice_kind == "deposit")
        rent = moves.filtered(lambda m: m.property_invoice_kind == "rent").sorted(
            "property_period_start"
        )[:1]
        needed = rent | deposit
        if not needed or (self.deposit_amount and not deposit):
            return False
        return all(m.payment_state in ("paid", "in_payment") for m in needed)

    def action_confirm_onboarding_payment(self):
        """Finance confirms the deposit and first rent as received (e.g. cash, bank slip not
        yet reconciled): the lease becomes active."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise UserError(self.env._("Only accounting users can confirm a payment."))
        self._check_state(("deposit",))
        self.sudo().action_activate()
        return True

    # ------------------------------------------------------------ invoice hooks
    def _prepare_invoice_vals(
        self,
        kind,
        invoice_date,
        journal=None,
        move_type="out_invoice",
        date_due=None,
        line_vals_list=None,
    ):
        """Values of an invoice (header) of the lease, whatever it bills: every builder
        (deposit, rent, one-off charges and utility readings invoiced separately, deposit
        settlement, charge-back) starts from these.

        :param kind: the invoice's ``property_invoice_kind``
        :param journal: the sales journal; the company's rent journal by default
        :param date_due: the due date; empty, account computes it from the payment terms
        :param line_vals_list: invoice line values (see the ``_prepare_invoice_line_vals``
            of the lease charges, pending charges, readings and schedule lines)
        """
        self.ensure_one()
        journal = journal or self.company_id._property_get_rent_journal()
        vals = {
            "move_type": move_type,
            # the portal's token now: account's portal list would otherwise write one per
            # listed invoice the first time a tenant opens it
            "access_token": str(uuid.uuid4()),
            "partner_id": self.partner_id.id,
            "journal_id": journal.id,
            "currency_id": self.currency_id.id,
            "invoice_date": invoice_date,
        }
        if date_due:
            vals["invoice_date_due"] = date_due
        vals.update(
            {
                "invoice_origin": self.name,
                "invoice_user_id": self.user_id.id,
                "property_lease_id": self.id,
                "property_invoice_kind": kind,
                "invoice_line_ids": [Command.create(line) for line in line_vals_list or []],
            }
        )
        return vals

    @api.model
    def _create_separate_invoices(self, kind, line_vals_by_lease):
        """Posted invoices of `kind` dated today, one per lease, from {lease: [invoice line
        values]}, with one create per company (one-off charges, utility readings invoiced
        on their own). Returns {lease: its invoice}; the caller links its records to them."""
        Move = (
            self.env["account.move"]
            .sudo()
            .with_context(
                tracking_disable=True, mail_create_nolog=True, property_billing_batch=True
            )
        )
        today = fields.Date.context_today(self)
        moves_by_lease = {}
        leases = self.browse().union(*line_vals_by_lease)
        for company, company_leases in leases.grouped("company_id").items():
            moves = Move.with_company(company).create(
                [
                    lease._prepare_invoice_vals(
                        kind, today, line_vals_list=line_vals_by_lease[lease]
                    )
                    for lease in company_leases
                ]
            )
            moves.action_post()
            moves_by_lease.update(zip(company_leases, moves, strict=True))
        return moves_by_lease

    # ------------------------------------------------------------ billing core
    def _get_last_billed_starts(self):
        """{lease id: start of the furthest billed rent period} (cancelled invoices ignored)."""
        if not self.ids:
            return {}
        self.env["account.move"].flush_model(
            ["property_lease_id", "property_period_start", "property_invoice_kind", "state"]
        )
        self.env.cr.execute(
            SQL(
                """SELECT property_lease_id, MAX(property_period_start)
                     FROM account_move
                    WHERE property_lease_id = ANY(%s)
                      AND property_invoice_kind = 'rent'
                      AND state != 'cancel'
                 GROUP BY property_lease_id""",
                self.ids,
            )
        )
        return dict(self.env.cr.fetchall())

    def _get_schedule_by_lease(self):
        """{lease id: its schedule lines by date}, read in one query for the whole set."""
        lines = (
            self.env["property.lease.schedule.line"]
            .sudo()
            .search([("lease_id", "in", self.ids)], order="lease_id, date_start")
        )
        lines.fetch(["lease_id", "date_start", "date_end", "amount", "due_date"])
        return {
            lease_id: recs for lease_id, recs in lines.grouped(lambda ln: ln.lease_id.id).items()
        }

    def _get_unbilled_periods(self, last_billed, schedule=None):
        """Schedule lines of the lease after its furthest billed period."""
        self.ensure_one()
        lines = (
            schedule.get(self.id, self.env["property.lease.schedule.line"])
            if schedule is not None
            else self.schedule_line_ids.sorted("date_start")
        )
        # in the prefetch set of the whole schedule: their leases, units and partners are
        # then read once for the chunk, not lease by lease
        return lines.filtered(
            lambda line: not last_billed or line.date_start > last_billed
        ).with_prefetch(lines._prefetch_ids)

    def _get_invoice_date(self, period_start):
        """Date on which the rent invoice of the period starting on `period_start` is
        issued: the company's invoice days before the period."""
        self.ensure_one()
        return period_start - timedelta(days=self.company_id.property_invoice_issue_days_before)

    def _update_next_invoice_date(self):
        leases = self.filtered("id")
        last = leases._get_last_billed_starts()
        schedule = leases._get_schedule_by_lease()
        to_write = defaultdict(list)
        for lease in leases:
            next_date = False
            if lease.state in SCHEDULED_LEASE_STATES:
                line = lease._get_unbilled_periods(last.get(lease.id), schedule)[:1]
                if line:
                    next_date = lease._get_invoice_date(line.date_start)
            if lease.next_invoice_date != next_date:
                to_write[next_date].append(lease.id)
        for next_date, ids in to_write.items():
            self.browse(ids).with_context(tracking_disable=True).write(
                {"next_invoice_date": next_date}
            )

    @api.model
    def _cron_generate_invoices(self):
        """Bill every lease due today directly, without a billing run (scripts and the
        benchmark); the scheduled action creates billing runs instead
        (`property.billing.run._cron_create_runs`)."""
        self._generate_invoices()

    def _generate_invoices(self, date_ref=None):
        """Billing run: invoice every period due by `date_ref` of the running leases (of `self`
        if not empty), per company, in chunks. Returns the created invoices.

        Outside tests every chunk is committed; a lease that fails is skipped, its error is
        recorded in `billing_error`, and it is retried by the next run."""
        date_ref = date_ref or fields.Date.context_today(self)
        domain = self._get_leases_to_invoice_domain(date_ref)
        if self:
            domain.append(("id", "in", self.ids))
        Lease = self.env["property.lease"].sudo()
        leases = Lease.search(domain, order="company_id, next_invoice_date, id")
        total, done = len(leases), 0
        moves = self.env["account.move"]
        commit = not (modules.module.current_test or self.env.registry.in_test_mode())
        for company, company_leases in leases.grouped("company_id").items():
            for ids in split_every(BILLING_CHUNK_SIZE, company_leases.ids):
                chunk = Lease.browse(ids).with_company(company).with_context(**BATCH_CONTEXT)
                moves |= chunk._generate_invoices_chunk(date_ref)
                done += len(ids)
                self.env["ir.cron"]._notify_progress(done=done, remaining=total - done)
                if commit:
                    self.env.cr.commit()  # pylint: disable=invalid-commit
                    self.env.invalidate_all()
        return moves

    @api.model
    def _get_leases_to_invoice_domain(self, date_ref):
        """Leases the billing run invoices on `date_ref`: running, with a period due."""
        return [
            ("state", "in", BILLED_LEASE_STATES),
            ("next_invoice_date", "!=", False),
            ("next_invoice_date", "<=", date_ref),
        ]

    def _lock_for_billing(self, date_ref):
        """Lock the leases of the chunk still due; skip those another worker is billing."""
        self.flush_recordset(["next_invoice_date"])
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        """SELECT id FROM property_lease
                            WHERE id = ANY(%s) AND next_invoice_date <= %s
                              FOR UPDATE SKIP LOCKED""",
                        self.ids,
                        date_ref,
                    ),
                    log_exceptions=False,
                )
                ids = [row[0] for row in self.env.cr.fetchall()]
        except psycopg2.errors.SerializationFailure:
            # Another worker billed (part of) this chunk since our snapshot: it is done.
            _logger.info("Billing: chunk of %s leases already billed concurrently", len(self))
            return self.browse()
        return self.browse(ids)

    def _generate_invoices_chunk(self, date_ref):
        leases = self._lock_for_billing(date_ref)
        if not leases:
            return self.env["account.move"]
        leases.invalidate_recordset(["next_invoice_date", "billing_error"])
        return leases._generate_invoices_locked(date_ref)

    def _generate_invoices_locked(self, date_ref, max_periods=None, force=False):
        """Create and post the rent invoices of the (locked) leases of one company.

        An error of one lease is recorded on it and the others are billed. A database error
        (a value out of range, a failed constraint, ...) aborts the whole transaction, so
        it cannot be caught lease by lease in place: the chunk is rolled back to a
        savepoint and billed again lease by lease, each in its own savepoint, and the
        failing lease records the error. Concurrency errors (serialization, lock, time-out)
        are not a lease's fault: they propagate and the caller's transaction is retried.

        :param force: bill the next period(s) even if their invoice date is later."""
        Move = self.env["account.move"].with_context(**BATCH_CONTEXT)
        if not self:
            return Move
        try:
            with self.env.cr.savepoint():
                return self._generate_invoices_locked_batch(date_ref, max_periods, force)
        except LEASE_DATABASE_ERRORS as e:
            self.env.invalidate_all(flush=False)
            if len(self) == 1:
                _logger.warning("Billing lease %s failed: %s", self.name, e)
                self.billing_error = self.env._(
                    "Database error while billing: %(error)s", error=(e.pgerror or str(e)).strip()
                )
                return Move
            _logger.info("Billing chunk hit a database error, billing lease by lease: %s", e)
        for lease in self:
            Move |= lease._generate_invoices_locked(date_ref, max_periods=max_periods, force=force)
        return Move

    def _generate_invoices_locked_batch(self, date_ref, max_periods=None, force=False):
        """`_generate_invoices_locked` in one go for all the leases (in its savepoint)."""
        Move = self.env["account.move"].with_context(**BATCH_CONTEXT)
        company = self.company_id
        journal = company._property_get_rent_journal()
        if not journal:
            self.write(
                {
                    "billing_error": self.env._(
                        "No sales journal in company %(company)s.", company=company.name
                    )
                }
            )
            return Move
        vals_by_lease, errors = self._prepare_rent_invoices_vals(
            date_ref, journal, max_periods=max_periods, force=force
        )
        moves = self._create_and_post(vals_by_lease, errors)
        for lease, error in errors.items():
            lease.billing_error = error
        (self - self.browse([lease.id for lease in errors])).filtered("billing_error").write(
            {"billing_error": False}
        )
        self._update_next_invoice_date()
        # last: the journal's numbering lock is held from here to the commit only, other
        # workers create and post their chunks meanwhile
        moves._property_number_chunk()
        return moves

    def _prepare_rent_invoices_vals(self, date_ref, journal, max_periods=None, force=False):
        """Values of the rent invoices of the leases (of one company) due by `date_ref`,
        without writing anything: what `_generate_invoices_locked` creates, and what a
        billing run's preview counts.

        :param max_periods: bill at most this many periods per lease
        :param force: bill the next period(s) even if their invoice date is later
        :return: ({lease: [invoice values]}, {lease: error message})
        """
        products = self._get_billing_products()
        readings_by_lease = self._get_pending_readings()
        schedule = self._get_schedule_by_lease()
        # no distribution model: skip the per-line analytic lookup of account
        no_analytic = (
            not self.env["account.analytic.distribution.model"].sudo().search_count([], limit=1)
        )
        last = self._get_last_billed_starts()
        vals_by_lease = {}
        errors = {}
        for lease in self:
            try:
                vals_list = []
                # one-off charges and readings go on the first invoice whose period ends
                # on or after their date; each on one invoice only
                charges = lease.pending_charge_ids
                readings = readings_by_lease.get(lease, self.env["property.meter.reading"])
                periods = lease._get_unbilled_periods(last.get(lease.id), schedule)
                for line in periods[:max_periods] if max_periods else periods:
                    invoice_date = lease._get_invoice_date(line.date_start)
                    if invoice_date > date_ref and not force:
                        break
                    period_charges = charges.filtered(lambda c, end=line.date_end: c.date <= end)
                    period_readings = readings.filtered(lambda r, end=line.date_end: r.date <= end)
                    charges -= period_charges
                    readings -= period_readings
                    vals_list.append(
                        lease._prepare_rent_invoice_vals(
                            line,
                            invoice_date,
                            journal=journal,
                            charges=period_charges,
                            readings=period_readings,
                            products=products,
                            no_analytic=no_analytic,
                        )
                    )
                vals_by_lease[lease] = vals_list
            except psycopg2.Error:
                # the transaction is aborted: not to be swallowed here (see
                # `_generate_invoices_locked`)
                raise
            except Exception as e:  # noqa: BLE001 - recorded on the lease, the batch goes on
                _logger.warning("Billing lease %s failed: %s", lease.name, e)
                errors[lease] = str(e)
        return vals_by_lease, errors

    def _create_and_post(self, vals_by_lease, errors):
        """One create + post for the whole chunk; if that fails, lease by lease in savepoints."""
        Move = self.env["account.move"].with_context(**BATCH_CONTEXT)
        all_vals = [vals for vals_list in vals_by_lease.values() for vals in vals_list]
        if not all_vals:
            return Move
        try:
            with self.env.cr.savepoint():
                moves = Move.create(all_vals)
                self._post_invoices(moves)
                self._link_charges(moves)
                return moves
        except Exception:
            _logger.info("Billing chunk failed, retrying lease by lease", exc_info=True)
            self.env.invalidate_all(flush=False)
        moves = Move
        for lease, vals_list in vals_by_lease.items():
            if not vals_list:
                continue
            try:
                with self.env.cr.savepoint():
                    lease_moves = Move.create(vals_list)
                    self._post_invoices(lease_moves)
                    self._link_charges(lease_moves)
                moves |= lease_moves
            except Exception as e:  # noqa: BLE001 - recorded on the lease
                _logger.warning("Billing lease %s failed: %s", lease.name, e)
                self.env.invalidate_all(flush=False)
                errors[lease] = str(e)
        return moves

    def _post_invoices(self, moves):
        """`action_post` of the billing run's invoices (`_property_post_unnumbered`).

        `_post` sets `checked` from the journal's `autocheck_on_post` one invoice at a
        time: a full `write()` per invoice (dynamic lines sync, balance query, ...) for a
        review flag. With the field protected the same value is set in the cache and saved
        by the ORM's batched flush: -1 query and about -10 % CPU per invoice, the posted
        invoices are identical.

        The invoices are posted without their numbers: the caller numbers the chunk in one
        go at its end (`account.move._property_number_chunk`, see
        `account.move._compute_name`): one sequence read per journal and month instead of
        two queries and a flush per invoice, the same names, and the journal's numbering
        lock held only from the numbering to the commit."""
        moves._property_post_unnumbered()

    def _link_charges(self, moves):
        """Mark the one-off charges and utility readings as invoiced by their move."""
        for move in moves:
            charges = move.invoice_line_ids.property_charge_id
            if charges:
                charges.write({"move_id": move.id})
            readings = move.invoice_line_ids.property_reading_id
            if readings:
                readings.write({"move_id": move.id, "state": "invoiced"})

    def _get_pending_readings(self):
        """{lease: validated, uninvoiced readings} when utilities go on rent invoices."""
        if self.company_id.property_utility_invoicing != "rent":
            return {}
        readings = (
            self.env["property.meter.reading"]
            .sudo()
            .search(
                [
                    ("lease_id", "in", self.ids),
                    ("state", "=", "validated"),
                    ("move_id", "=", False),
                ],
                order="date, id",
            )
        )
        return readings.grouped("lease_id")

    @api.model
    def _get_billing_products(self):
        ref = self.env.ref
        return {
            "rent": ref("property_billing.product_rent"),
            "charge": ref("property_billing.product_other_charge"),
        }

    def _prepare_rent_invoice_vals(
        self,
        line,
        invoice_date,
        journal,
        charges=None,
        readings=None,
        products=None,
        no_analytic=False,
    ):
        """Values of the rent invoice of one schedule line (one billing period): the rent,
        the lease's recurring charges for the period, the given one-off charges and utility
        readings (the caller decides which, and keeps track of what it used).

        :param products: ``_get_billing_products()``, read once per chunk by the caller
        :param no_analytic: no analytic distribution model exists: the lines get none
        """
        self.ensure_one()
        products = products or self._get_billing_products()
        period = self._get_period_label(line.date_start, line.date_end)
        lines = [line._prepare_invoice_line_vals(product=products["rent"])]
        months = None
        for charge in self.charge_ids:
            if months is None:
                months = self._period_months(line.date_start, line.date_end)
            if charge.basis == "m2_day":
                # priced per day: billed for the actual days of the period
                days = (line.date_end - line.date_start).days + 1
                charge_vals = charge._prepare_invoice_line_vals(months, period, days=days)
            else:
                charge_vals = charge._prepare_invoice_line_vals(months, period)
            if not self.currency_id.is_zero(charge_vals["price_unit"]):
                lines.append(charge_vals)
        lines += [charge._prepare_invoice_line_vals() for charge in charges or ()]
        lines += [
            reading._prepare_invoice_line_vals()
            for reading in readings or ()
            if not self.currency_id.is_zero(reading.amount)
        ]
        if no_analytic:
            for line_vals in lines:
                line_vals["analytic_distribution"] = False
        if self.currency_id == self.company_id.currency_id:
            # The lines' accounting amounts (an invoice line credits price x quantity): when
            # no line carries a tax, account keeps them instead of computing them in its tax
            # synchronisation and writing every line a second time; with a tax it computes
            # them as usual and overwrites these.
            for line_vals in lines:
                if line_vals.get("discount"):
                    continue
                amount = -self.currency_id.round(line_vals["price_unit"] * line_vals["quantity"])
                line_vals.setdefault("amount_currency", amount)
                line_vals.setdefault("balance", amount)
        vals = self._prepare_invoice_vals(
            "rent",
            invoice_date,
            journal=journal,
            date_due=max(line.due_date or invoice_date, invoice_date),
            line_vals_list=lines,
        )
        vals["property_period_start"] = line.date_start
        vals["property_period_end"] = line.date_end
        return vals
