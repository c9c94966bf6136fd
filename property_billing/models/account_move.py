# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import re
from collections import defaultdict

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import index_exists

from .property_lease import BATCH_CONTEXT

_logger = logging.getLogger(__name__)

# transaction data of the chunk numbering, and the advisory lock class of a journal's
# billing numbers (pg_advisory_xact_lock(class, journal id))
SEQUENCE_FORMATS_KEY = "property_billing.sequence_formats"
SEQUENCE_LOCK_CLASS = 0x50524F50  # "PROP"

INVOICE_KINDS = [
    ("rent", "Rent"),
    ("deposit", "Deposit"),
    ("utility", "Utilities"),
    ("late_fee", "Late Fee"),
    ("charge", "Charge"),
    ("settlement", "Deposit Settlement"),
    ("pool", "Shared Cost True-up"),
]
# One live rent invoice per lease and period. Credit notes (out_refund) and invoices fully
# reversed by one (payment_state 'reversed') are not live: the period can be invoiced again
# through "Reverse and create invoice".
RENT_PERIOD_INDEX = "account_move_property_rent_period_live_uniq"
RENT_PERIOD_INDEX_V1 = "account_move_property_rent_period_uniq"
# What a credit note or a corrected invoice inherits from the lease invoice it reverses.
PROPERTY_REVERSAL_FIELDS = (
    "property_lease_id",
    "property_period_start",
    "property_period_end",
    "property_invoice_kind",
    "property_cost_pool_id",
)
# One live shared-cost true-up (invoice or credit note) per lease, cost pool and period.
# Credit notes reversing one (reversed_entry_id) and true-ups fully reversed are not live.
POOL_TRUEUP_INDEX = "account_move_property_pool_trueup_live_uniq"


def _norm(value):
    """Comparable form of a record, id, date or string value."""
    if isinstance(value, models.BaseModel):
        return value.id or False
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return fields.Date.to_date(value)
    return value or False


class AccountMove(models.Model):
    _inherit = "account.move"

    property_lease_id = fields.Many2one(
        "property.lease",
        string="Lease",
        index=True,
        copy=False,
        check_company=True,
        readonly=True,
        tracking=True,
    )
    property_period_start = fields.Date(string="Period Start", copy=False, readonly=True)
    property_period_end = fields.Date(string="Period End", copy=False, readonly=True)
    property_invoice_kind = fields.Selection(
        INVOICE_KINDS, string="Property Invoice Type", copy=False, readonly=True, index=True
    )
    property_cost_pool_id = fields.Many2one(
        "property.cost.pool",
        string="Cost Pool",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The shared-cost pool this true-up invoice or credit note settles.",
    )
    property_building_id = fields.Many2one(
        related="property_lease_id.building_id", store=True, string="Building", index=True
    )
    property_unit_ids = fields.Many2many(related="property_lease_id.unit_ids", string="Units")
    property_late_fee_waived = fields.Boolean(string="Late Fee Waived", copy=False, tracking=True)
    # staff notes: tenants read their own invoices, never these
    property_late_fee_waive_reason = fields.Text(
        string="Waiver Reason", copy=False, groups="base.group_user"
    )
    property_late_fee_move_id = fields.Many2one(
        "account.move", string="Late Fee Invoice", copy=False, readonly=True
    )
    property_dunning_log_ids = fields.One2many(
        "property.dunning.log",
        "move_id",
        string="Collection Log",
        readonly=True,
        groups="base.group_user",
    )
    property_fapiao_state = fields.Selection(
        [
            ("none", "Not Requested"),
            ("requested", "Requested"),
            ("issued", "Issued"),
            ("red", "Red-letter (reversed)"),
        ],
        string="Fapiao",
        default="none",
        copy=False,
        tracking=True,
    )
    property_fapiao_number = fields.Char(string="Fapiao Number", copy=False, tracking=True)
    property_fapiao_date = fields.Date(string="Fapiao Date", copy=False)

    def init(self):
        """Last line of defence against double billing: one live rent invoice per lease and
        period start, whatever the code path (drafts included, cancelled and fully reversed
        invoices and credit notes excluded)."""
        res = super().init()
        self.env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(RENT_PERIOD_INDEX_V1)))
        if not index_exists(self.env.cr, RENT_PERIOD_INDEX):
            self.env.cr.execute(
                SQL(
                    """CREATE UNIQUE INDEX %s ON account_move
                       (property_lease_id, property_period_start)
                       WHERE property_invoice_kind = 'rent'
                         AND move_type = 'out_invoice'
                         AND state != 'cancel'
                         AND payment_state IS DISTINCT FROM 'reversed'""",
                    SQL.identifier(RENT_PERIOD_INDEX),
                )
            )
        if not index_exists(self.env.cr, POOL_TRUEUP_INDEX):
            self.env.cr.execute(
                SQL(
                    """CREATE UNIQUE INDEX %s ON account_move
                       (property_lease_id, property_cost_pool_id,
                        property_period_start, property_period_end)
                       WHERE property_invoice_kind = 'pool'
                         AND state != 'cancel'
                         AND reversed_entry_id IS NULL
                         AND payment_state IS DISTINCT FROM 'reversed'""",
                    SQL.identifier(POOL_TRUEUP_INDEX),
                )
            )
        return res

    def _compute_name(self):
        """Chunk numbering: when the billing run numbers a chunk (`property_chunk_numbering`
        in the context, see `_property_number_chunk`), the journals of its moves are
        locked (`_property_lock_sequences`) and the sequence format of each group of moves
        that share one (see `_property_sequence_group_key`) is read once instead of once
        per move; Odoo's own code then assigns the names in its order from its transaction
        cache (`_locked_increment`), so the names are those Odoo gives."""
        if not self.env.context.get("property_chunk_numbering"):
            return super()._compute_name()
        last_dates = {}
        for move in self.filtered("date"):
            key = move._property_sequence_group_key()
            last_dates[key] = max(last_dates.get(key, move.date), move.date)
        data = self.env.cr.precommit.data
        data[SEQUENCE_FORMATS_KEY] = {"formats": {}, "last_dates": last_dates, "cursor": None}
        try:
            self.filtered(lambda m: m._property_needs_number())._property_lock_sequences()
            return super()._compute_name()
        finally:
            chunk = data.pop(SEQUENCE_FORMATS_KEY, None)
            if chunk and chunk["cursor"] is not None:
                chunk["cursor"].close()

    def _property_needs_number(self):
        self.ensure_one()
        return self.state == "posted" and bool(self.date) and (not self.name or self.name == "/")

    def _property_post_unnumbered(self):
        """`action_post` of the billing run's invoices, leaving them without their numbers
        (the name is protected from its recomputation while they are posted):
        `_property_number_chunk()` numbers them last in the chunk's transaction, so that
        the journal's numbering lock is held only from the numbering to the commit while
        other workers create and post their chunks. Moves of journals that hash their
        entries on posting are numbered when posted, as usual."""
        unnumbered = self.filtered(lambda m: not m.journal_id.restrict_mode_hash_table)
        with self.env.protecting(
            [([self._fields["checked"]], self), ([self._fields["name"]], unnumbered)]
        ):
            self.action_post()

    def _property_number_chunk(self):
        """Number the posted moves of `self` that have no number yet, in one go (chunk
        numbering: the names Odoo's `action_post` gives the same moves). From here to the
        commit this transaction holds the numbering lock of their journals: call it last
        in the chunk's transaction."""
        moves = self.filtered(lambda m: m._property_needs_number())
        if not moves:
            return
        # as `_post` names them: no "manually modified" flag from the numbering's writes
        moves = moves.with_context(property_chunk_numbering=True, skip_is_manually_modified=True)
        # one write container for the whole numbering, as when Odoo names the moves inside
        # the write of `_post`: its nested writes (the name split into prefix and number)
        # skip the dynamic lines sync and the balance check, done once at the end
        # Odoo splits each new name into prefix and number by assigning both fields
        # (`_compute_split_sequence`): outside `_post`'s write those are two writes per move,
        # each searching the next move of the sequence and flushing the move. Protected,
        # they are set in the cache and saved by one batched flush; the sequence-gap flag
        # that depends on them is then recomputed once per journal and prefix.
        split = [moves._fields["sequence_prefix"], moves._fields["sequence_number"]]
        container = {"records": moves}
        with moves._check_balanced(container), moves._sync_dynamic_lines(container):
            with self.env.protecting(split, moves):
                self.env.add_to_compute(moves._fields["name"], moves)
                moves._recompute_recordset(["name"])
            self.env.add_to_compute(moves._fields["made_sequence_gap"], moves)
            moves._recompute_recordset(["made_sequence_gap"])

    @api.constrains("property_fapiao_state", "property_fapiao_number")
    def _check_fapiao_number(self):
        for move in self:
            if move.property_fapiao_state == "issued" and not move.property_fapiao_number:
                raise ValidationError(
                    self.env._(
                        "An issued fapiao needs its number (invoice %(name)s).", name=move.name
                    )
                )

    def write(self, vals):
        """A posted lease invoice keeps its lease, period and kind: moving it would let the
        billing run bill that period again.

        Chunk numbering: the sequence-gap flag is written only on the moves whose flag
        changes. Odoo flags the move after each new number's transient (prefix, 0) while it
        splits the name (`_set_next_made_sequence_gap`), the first move of the sequence,
        for every invoice it numbers: rewriting that row (its write date) in every chunk
        made two billing workers collide on it (serialization failure of the second)."""
        if self.env.context.get("property_chunk_numbering") and set(vals) == {"made_sequence_gap"}:
            changed = self.filtered(lambda m: m.made_sequence_gap != vals["made_sequence_gap"])
            if changed != self:
                return super(AccountMove, changed).write(vals) if changed else True
        protected = {"property_lease_id", "property_period_start", "property_invoice_kind"}
        changed = protected & set(vals)
        if changed:
            for move in self.filtered(lambda m: m.posted_before and m.property_lease_id):
                if any(_norm(move[f]) != _norm(vals[f]) for f in changed):
                    raise UserError(
                        self.env._(
                            "Invoice %(name)s was posted for lease %(lease)s: its lease, "
                            "period and type cannot change. Cancel it with a credit note "
                            "instead.",
                            name=move.name,
                            lease=move.property_lease_id.name,
                        )
                    )
        return super().write(vals)

    def _reverse_moves(self, default_values_list=None, cancel=False):
        """Reversals of lease invoices (the reversal wizard's credit notes, reversals of
        moves that cannot be deleted) belong to the lease, its period and its invoice type."""
        if not default_values_list:
            default_values_list = [{} for _move in self]
        for move, default_values in zip(self, default_values_list, strict=True):
            for fname, value in move._property_reversal_values().items():
                default_values.setdefault(fname, value)
        reverses = super()._reverse_moves(default_values_list, cancel=cancel)
        if cancel:
            # the reversed invoices leave the unique index now, before a corrected invoice of
            # the same period is inserted ("Reverse and create invoice")
            self.flush_recordset(["payment_state"])
        return reverses

    def _property_reversal_values(self):
        """Lease values a corrected invoice inherits from the invoice it replaces."""
        self.ensure_one()
        if not self.property_lease_id:
            return {}
        return {
            fname: self._fields[fname].convert_to_write(self[fname], self)
            for fname in PROPERTY_REVERSAL_FIELDS
        }

    def _get_next_sequence_format(self):
        chunk = self.env.cr.precommit.data.get(SEQUENCE_FORMATS_KEY)
        if chunk is None:
            return super()._get_next_sequence_format()
        key = self._property_sequence_group_key()
        formats = chunk["formats"]
        if key not in formats:
            self._property_lock_sequences()
            format_string, format_values = super()._get_next_sequence_format()
            prefix = self._property_sequence_prefix(format_string, format_values)
            format_values["seq"] = max(
                format_values["seq"], self._property_committed_sequence_number(prefix, chunk)
            )
            last_date = chunk["last_dates"].get(key, self.date)
            # a move of another format dated inside the group's dates makes Odoo change
            # format in the middle of the group (a sequence renamed by hand): no shortcut
            shared = not self._property_other_format_between(prefix, last_date)
            formats[key] = (format_string, format_values) if shared else None
        if formats[key] is None:
            return super()._get_next_sequence_format()
        format_string, format_values = formats[key]
        return format_string, dict(format_values)

    def _property_sequence_group_key(self):
        """Moves with the same key get the same sequence format from Odoo: same journal,
        same refund / payment sub-sequence, same month and the same side of a fiscal year
        end inside that month (the widest reset Odoo deduces is the month)."""
        self.ensure_one()
        journal = self.journal_id
        company = self.company_id
        move_date = self.date
        last_month = int(company.fiscalyear_last_month)
        after_year_end = move_date.month == last_month and move_date.day > int(
            company.fiscalyear_last_day
        )
        return (
            journal.id,
            bool(journal.refund_sequence and self.move_type in ("out_refund", "in_refund")),
            bool(
                journal.payment_sequence
                and (self.origin_payment_id or self.env.context.get("is_payment"))
            ),
            move_date.year,
            move_date.month,
            after_year_end,
        )

    def _property_lock_sequences(self):
        """Serialise the billing workers numbering in the journals of these moves until
        their commit (journals in id order: two workers never wait for each other in a
        cycle): the second one then reads the numbers the first one committed (see
        `_property_committed_sequence_number`) instead of retrying them one by one against
        the unique index. Taken again in the same transaction, the lock is granted at once."""
        for journal_id in sorted(set(self.journal_id.ids)):
            self.env.cr.execute(
                SQL("SELECT pg_advisory_xact_lock(%s, %s)", SEQUENCE_LOCK_CLASS, journal_id)
            )

    def _property_sequence_prefix(self, format_string, format_values):
        """`sequence_prefix` of the names of this format (as `_compute_split_sequence`)."""
        sample = format_string.format(**dict(format_values, seq=0))
        regex = self._make_regex_non_capturing(self._sequence_fixed_regex.replace(r"?P<seq>", ""))
        return sample[: re.match(regex, sample).start(1)]

    def _property_other_format_between(self, prefix, last_date):
        self.ensure_one()
        if last_date <= self.date:
            return False
        self.env.cr.execute(
            SQL(
                """SELECT 1 FROM account_move
                    WHERE journal_id = %s AND name != '/' AND sequence_prefix != %s
                      AND date > %s AND date <= %s
                    LIMIT 1""",
                self.journal_id.id,
                prefix,
                self.date,
                last_date,
            )
        )
        return bool(self.env.cr.fetchone())

    def _property_committed_sequence_number(self, prefix, chunk=None):
        """Highest number of this sequence committed by any transaction, read in a fresh
        snapshot (this transaction's own snapshot predates the numbers other workers
        committed while it created its invoices). The snapshot is taken once per chunk
        numbering (`chunk`, its transaction data: one second cursor for all its journals
        and months), after the journals' locks: every number committed before them is in
        it, and no other billing worker numbers these journals until this one commits."""
        self.ensure_one()
        if not self.env.registry.ready:
            # installing or updating modules: this transaction may hold account_move
            # (ALTER TABLE) and a second connection would wait for it forever; nobody
            # else posts meanwhile, this transaction's snapshot is enough
            return 0
        if chunk is None or self.env.registry.in_test_mode():
            # in tests the registry's cursor is a savepoint on this very connection: it
            # must be closed before this transaction goes on
            with self.env.registry.cursor() as cr:
                return self._property_read_committed_number(cr, prefix)
        if chunk["cursor"] is None:
            chunk["cursor"] = self.env.registry.cursor()
        return self._property_read_committed_number(chunk["cursor"], prefix)

    def _property_read_committed_number(self, cr, prefix):
        try:
            with cr.savepoint(flush=False):
                # never wait long for a lock this transaction may hold itself: then Odoo's
                # own retry against the unique index takes over
                cr.execute(SQL("SET LOCAL lock_timeout = '2s'"))
                cr.execute(
                    SQL(
                        """SELECT MAX(sequence_number) FROM account_move
                            WHERE journal_id = %s AND sequence_prefix = %s
                              AND name != '/'""",
                        self.journal_id.id,
                        prefix,
                    ),
                    log_exceptions=False,
                )
                return cr.fetchone()[0] or 0
        except psycopg2.errors.LockNotAvailable:
            _logger.info("Billing numbering: committed numbers not read (lock timeout)")
            return 0

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # Batch billing subscribes nobody: the tenant reaches invoices through the portal.
        if self.env.context.get("property_billing_batch"):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _invoice_paid_hook(self):
        res = super()._invoice_paid_hook()
        leases = (
            self.sudo()
            .filtered(lambda m: m.property_invoice_kind in ("deposit", "rent"))
            .property_lease_id.filtered(lambda lease: lease.state == "deposit")
        )
        for lease in leases:
            if lease._is_onboarding_paid():
                lease.sudo().action_activate()
        return res

    def _property_deposit_received_ratio(self):
        """Share of this move's deposit liability that counts as held: for a deposit invoice
        the paid part of it (0 unpaid, 1 paid; a reversed one counts fully, its credit note
        releases it again), for any other move all of it."""
        self.ensure_one()
        if (
            self.move_type != "out_invoice"
            or self.property_invoice_kind != "deposit"
            or self.currency_id.is_zero(self.amount_total)
        ):
            return 1.0
        return 1.0 - self.amount_residual / self.amount_total

    def _property_is_final_document(self):
        """A posted lease invoice or credit note is the tenant's final document, even when
        no PDF was generated for it (billing posts without "Send & Print"): the portal shows
        it as an invoice, not as a pro-forma."""
        self.ensure_one()
        return bool(
            self.property_lease_id
            and self.state == "posted"
            and self.move_type in ("out_invoice", "out_refund")
        )

    def _get_invoice_legal_documents_all(self, allow_fallback=False):
        if allow_fallback and not self.invoice_pdf_report_id and self._property_is_final_document():
            content, _report_type = self.env["ir.actions.report"]._render_qweb_pdf(
                "account.account_invoices", self.ids
            )
            return [
                {
                    "filename": self._get_invoice_report_filename(),
                    "filetype": "pdf",
                    "content": content,
                }
            ]
        return super()._get_invoice_legal_documents_all(allow_fallback=allow_fallback)

    def action_fapiao_request(self):
        to_request = self.filtered(lambda m: m.property_fapiao_state == "none")
        to_request.property_fapiao_state = "requested"
        return True

    # ---------------------------------------------------------------- late fees
    def _property_late_fee_due(self, today):
        """Late fee earned so far by this overdue invoice, capped (0 if none)."""
        self.ensure_one()
        company = self.company_id
        if (
            self.property_late_fee_waived
            or not company.property_late_fee_active
            or not self.invoice_date_due
        ):
            return 0.0
        days_late = (today - self.invoice_date_due).days
        if days_late <= company.property_late_fee_grace_days:
            return 0.0
        if company.property_late_fee_type == "flat":
            fee = company.property_late_fee_amount
        else:
            fee = self.amount_residual * company.property_late_fee_rate / 100.0 * days_late
        if company.property_late_fee_cap:
            fee = min(fee, company.property_late_fee_cap)
        return self.currency_id.round(fee)

    @api.model
    def _cron_property_late_fees(self, today=None):
        """Accrue late fees of overdue lease invoices into one pending charge per invoice
        (picked up by the next rent invoice, or invoiced on its own per company setting)."""
        today = today or fields.Date.context_today(self)
        Charge = self.env["property.charge"].sudo()
        moves = self.sudo().search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("property_invoice_kind", "in", ("rent", "utility", "charge")),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", today),
                ("property_late_fee_waived", "=", False),
                ("company_id.property_late_fee_active", "=", True),
            ]
        )
        charges = Charge.search([("late_fee_source_id", "in", moves.ids)])
        by_move = charges.grouped("late_fee_source_id")
        product = self.env.ref("property_billing.product_late_fee")
        to_invoice = Charge
        for move in moves:
            fee = move._property_late_fee_due(today)
            existing = by_move.get(move, Charge)
            charged = sum(existing.mapped("amount"))
            extra = move.currency_id.round(fee - charged)
            if move.currency_id.compare_amounts(extra, 0.0) <= 0:
                continue
            pending = existing.filtered(lambda c: not c.move_id)[:1]
            if pending:
                pending.amount += extra
            else:
                pending = Charge.create(
                    {
                        "lease_id": move.property_lease_id.id,
                        "name": self.env._("Late fee on %(invoice)s", invoice=move.name),
                        "product_id": product.id,
                        "amount": extra,
                        "date": today,
                        "late_fee_source_id": move.id,
                    }
                )
            if move.company_id.property_late_fee_mode == "invoice":
                to_invoice |= pending
        to_invoice._action_invoice_separately("late_fee")
        return to_invoice

    # --------------------------------------------------------------------- demo
    @api.model
    def _property_demo_billing(self, modules=("property_tenant", "property_billing")):
        """Demo data: bill the running demo leases of ``modules`` (their XML ids) from their
        start up to today, pay their deposits and most rent (some invoices partly paid, some
        left overdue), one credit note. Dates are relative to today so the demo never ages."""
        today = fields.Date.context_today(self)
        lease_ids = (
            self.env["ir.model.data"]
            .sudo()
            .search(
                [
                    ("module", "in", list(modules)),
                    ("model", "=", "property.lease"),
                ]
            )
            .mapped("res_id")
        )
        Lease = self.env["property.lease"].sudo()
        leases = Lease.browse(lease_ids).exists().sorted("id")
        if not leases or self.sudo().search_count(
            [("property_lease_id", "in", leases.ids)], limit=1
        ):
            return False  # no demo leases, or already billed
        leases = leases.filtered(lambda lease: lease.state in ("deposit", "active", "expiring"))
        leases._update_next_invoice_date()
        running = leases.filtered(lambda lease: lease.state in ("active", "expiring"))
        for company, company_leases in leases.grouped("company_id").items():
            company_leases = company_leases.with_company(company).with_context(**BATCH_CONTEXT)
            company_leases._create_deposit_invoices()
            # the billing core without the per-chunk commit of the cron entry point
            (company_leases & running)._generate_invoices_locked(today)
        # payments cost a lot to create: what was paid more than two months ago is paid
        # by one payment per tenant, the recent rent invoice by invoice on its due date
        recent = today - relativedelta(months=2)
        to_pay = defaultdict(lambda: self.browse())  # {payment date: invoices paid in full}
        for index, lease in enumerate(running):
            invoices = lease.invoice_ids.filtered(lambda m: m.state == "posted")
            rents = invoices.filtered(lambda m: m.property_invoice_kind == "rent").sorted(
                "property_period_start"
            )
            due = rents.filtered(lambda m: m.invoice_date_due <= today)
            if index % 5 == 0 and len(due) > 1:
                due = due[:-2]  # the last two periods left overdue
            elif index % 5 == 1 and due:
                last = due[-1]
                self._property_demo_pay(
                    last,
                    last.invoice_date_due,
                    amount=last.currency_id.round(last.amount_residual / 2),
                )
                due = due[:-1]  # the last period partly paid
            old = due.filtered(lambda m: m.invoice_date_due < recent)
            to_pay[recent] |= old | invoices.filtered(
                lambda m: m.property_invoice_kind == "deposit"
            )
            for move in due - old:
                to_pay[move.invoice_date_due] |= move
        for date, moves in sorted(to_pay.items()):
            self._property_demo_pay(moves, date, group=date == recent)
        self._property_demo_credit_note(running, today)
        return True

    @api.model
    def _property_demo_pay(self, moves, date, amount=None, group=False):
        if not moves:
            return
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(moves.company_id),
                ("type", "=", "bank"),
            ],
            limit=1,
        )
        # one payment per invoice (or per tenant when grouped), created in one batch
        vals = {"payment_date": date, "journal_id": journal.id, "group_payment": group}
        if amount is not None:
            vals["amount"] = amount
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=moves.ids
        ).create(vals)._create_payments()

    @api.model
    def _property_demo_credit_note(self, leases, today):
        """A 10% goodwill credit note on the latest open rent invoice of the demo."""
        move = self.search(
            [
                ("property_lease_id", "in", leases.ids),
                ("property_invoice_kind", "=", "rent"),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "=", "not_paid"),
            ],
            order="invoice_date desc, id desc",
            limit=1,
        )
        if not move:
            return
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=move.ids)
            .create({"reason": "Goodwill: lift out of service", "journal_id": move.journal_id.id})
        )
        credit_note = self.browse(wizard.refund_moves()["res_id"])
        line, *others = credit_note.invoice_line_ids
        credit_note.invoice_line_ids = [
            Command.update(line.id, {"price_unit": move.currency_id.round(line.price_unit / 10)}),
            *(Command.delete(other.id) for other in others),
        ]
        credit_note.action_post()

    def action_property_log_call(self):
        """Record the result of a collection call (催收记录)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Collection Call"),
            "res_model": "property.dunning.log",
            "view_mode": "form",
            "views": [(self.env.ref("property_billing.property_dunning_log_view_form").id, "form")],
            "target": "new",
            "context": {"default_move_id": self.id, "default_kind": "call"},
        }
