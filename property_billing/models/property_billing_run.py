# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import time
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models, modules
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date, split_every

from . import property_lease as billing_lease
from .property_lease import BATCH_CONTEXT

_logger = logging.getLogger(__name__)

RUN_STATES = [
    ("draft", "Draft"),
    ("previewed", "Previewed"),
    ("approved", "Approved"),
    ("running", "Running"),
    ("done", "Done"),
    ("done_errors", "Done with Errors"),
    ("cancelled", "Cancelled"),
]
# who prepares, approves, runs and retries billing runs (a Property Manager implies it)
BILLING_RUN_GROUP = "account.group_account_invoice"
# invoice line kinds of the preview amounts
PREVIEW_KINDS = ("rent", "charges", "utilities")


class PropertyBillingRun(models.Model):
    """A billing run (账单批次): the rent invoices of one company (optionally some buildings)
    due on a reference date, previewed, approved, then billed chunk by chunk with one result
    line per lease.

    Execution interface (overridden by the queue_job bridge):

    - ``_get_chunk_ids()``: the leases still to bill, in chunks;
    - ``_run_chunk(lease_ids)``: bill one chunk and record its lines, in the caller's
      transaction;
    - ``_execute()``: bill every chunk (in-process by default);
    - ``_check_done()``: close the run when no lease is left pending.
    """

    _name = "property.billing.run"
    _description = "Billing Run"
    _inherit = ["mail.thread"]
    _order = "date_ref desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    building_ids = fields.Many2many(
        "property.building",
        string="Buildings",
        check_company=True,
        help="Bill only the leases of these buildings. Empty: every building of the company.",
    )
    date_ref = fields.Date(
        string="Reference Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Every rent period whose invoice date is on or before this date is billed.",
    )
    state = fields.Selection(
        RUN_STATES, required=True, default="draft", readonly=True, copy=False, tracking=True
    )
    line_ids = fields.One2many("property.billing.run.line", "run_id", string="Leases", copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    auto_started = fields.Boolean(
        readonly=True, copy=False, help="Created, approved and started by the scheduled action."
    )
    # preview (what the run would do)
    lease_count = fields.Integer(compute="_compute_counts", string="Number of Leases")
    preview_invoice_count = fields.Integer(compute="_compute_counts", string="Invoices Planned")
    preview_failure_count = fields.Integer(compute="_compute_counts", string="Failures Expected")
    preview_amount_rent = fields.Monetary(compute="_compute_counts", string="Rent")
    preview_amount_charges = fields.Monetary(compute="_compute_counts", string="Charges")
    preview_amount_utilities = fields.Monetary(compute="_compute_counts", string="Utilities")
    preview_amount_untaxed = fields.Monetary(compute="_compute_counts", string="Total Untaxed")
    preview_amount_tax = fields.Monetary(compute="_compute_counts", string="Total Tax")
    preview_amount_total = fields.Monetary(compute="_compute_counts", string="Total")
    preview_summary = fields.Html(compute="_compute_preview_summary", sanitize=False)
    # results
    pending_count = fields.Integer(compute="_compute_counts", string="Pending")
    invoiced_count = fields.Integer(compute="_compute_counts", string="Invoiced")
    skipped_count = fields.Integer(compute="_compute_counts", string="Skipped")
    failed_count = fields.Integer(compute="_compute_counts", string="Failed")
    done_count = fields.Integer(compute="_compute_counts", string="Processed")
    progress = fields.Float(compute="_compute_counts")
    progress_label = fields.Char(compute="_compute_counts", string="Progress Details")
    invoice_count = fields.Integer(compute="_compute_counts", string="Invoices")
    amount_untaxed_billed = fields.Monetary(compute="_compute_counts", string="Billed Untaxed")
    amount_total_billed = fields.Monetary(compute="_compute_counts", string="Billed Total")

    # ------------------------------------------------------------------ computes
    @api.depends("line_ids.state", "line_ids.preview_state", "line_ids.move_ids")
    def _compute_counts(self):
        Line = self.env["property.billing.run.line"]
        stats = defaultdict(dict)
        for run, state, count in Line._read_group(
            [("run_id", "in", self.ids)], ["run_id", "state"], ["__count"]
        ):
            stats[run.id][state] = count
        previews = {
            run.id: values
            for run, *values in Line._read_group(
                [("run_id", "in", self.ids)],
                ["run_id"],
                [
                    "preview_invoice_count:sum",
                    "preview_amount_rent:sum",
                    "preview_amount_charges:sum",
                    "preview_amount_utilities:sum",
                    "preview_amount_untaxed:sum",
                    "preview_amount_tax:sum",
                    "preview_amount_total:sum",
                ],
            )
        }
        failures = dict(
            Line._read_group(
                [("run_id", "in", self.ids), ("preview_state", "=", "fail")],
                ["run_id"],
                ["__count"],
            )
        )
        Move = self.env["account.move"].sudo()
        billed = {}
        for run in self:
            moves = run.line_ids.move_ids
            if moves:
                billed[run.id] = Move._read_group(
                    [("id", "in", moves.ids), ("state", "=", "posted")],
                    [],
                    ["__count", "amount_untaxed_signed:sum", "amount_total_signed:sum"],
                )[0]
        for run in self:
            by_state = stats.get(run.id, {})
            total = sum(by_state.values())
            pending = by_state.get("pending", 0)
            preview = previews.get(run.id, (0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0))
            run.lease_count = total
            run.pending_count = pending
            run.invoiced_count = by_state.get("invoiced", 0)
            run.skipped_count = by_state.get("skipped", 0)
            run.failed_count = by_state.get("failed", 0)
            run.done_count = total - pending
            run.progress = 100.0 * (total - pending) / total if total else 0.0
            run.progress_label = self.env._(
                "%(done)s of %(total)s leases done, %(remaining)s remaining",
                done=total - pending,
                total=total,
                remaining=pending,
            )
            (
                run.preview_invoice_count,
                run.preview_amount_rent,
                run.preview_amount_charges,
                run.preview_amount_utilities,
                run.preview_amount_untaxed,
                run.preview_amount_tax,
                run.preview_amount_total,
            ) = preview
            run.preview_failure_count = failures.get(run, 0)
            count, untaxed, amount = billed.get(run.id, (0, 0.0, 0.0))
            run.invoice_count = count
            run.amount_untaxed_billed = untaxed
            run.amount_total_billed = amount

    @api.depends("line_ids.preview_amount_total", "line_ids.preview_state")
    def _compute_preview_summary(self):
        for run in self:
            rows = run._get_preview_summary_rows()
            run.preview_summary = (
                self.env["ir.qweb"]._render(
                    "property_billing.property_billing_run_summary",
                    {"run": run, "rows": rows},
                )
                if rows
                else False
            )

    def _get_preview_summary_rows(self):
        """Preview totals per building, then of the run's company: a list of dicts with
        the building (or company) name, its leases and invoices, untaxed, tax and total,
        and the same amounts per kind under `kinds` (kinds with nothing left out)."""
        self.ensure_one()
        Line = self.env["property.billing.run.line"]
        kind_labels = {
            "rent": self.env._("Rent"),
            "charges": self.env._("Charges"),
            "utilities": self.env._("Utilities"),
        }
        aggregates = ["__count", "preview_invoice_count:sum"]
        for kind in PREVIEW_KINDS:
            aggregates += [f"preview_amount_{kind}:sum", f"preview_tax_{kind}:sum"]
        aggregates += ["preview_amount_untaxed:sum", "preview_amount_tax:sum"]

        def row(name, values):
            leases, invoices, *amounts = values
            kinds = []
            for index, kind in enumerate(PREVIEW_KINDS):
                untaxed, tax = amounts[2 * index], amounts[2 * index + 1]
                if untaxed or tax:
                    kinds.append(
                        {
                            "name": kind_labels[kind],
                            "untaxed": untaxed,
                            "tax": tax,
                            "total": untaxed + tax,
                        }
                    )
            untaxed, tax = amounts[-2:]
            return {
                "name": name,
                "leases": leases,
                "invoices": invoices,
                "kinds": kinds,
                "untaxed": untaxed,
                "tax": tax,
                "total": untaxed + tax,
            }

        domain = [("run_id", "=", self.id)]
        rows = [
            row(building.display_name or self.env._("No building"), values)
            for building, *values in Line._read_group(
                domain, ["building_id"], aggregates, order="building_id"
            )
        ]
        if rows:
            totals = Line._read_group(domain, [], aggregates)[0]
            rows.append({**row(self.company_id.name, totals), "is_total": True})
        return rows

    # ---------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("property.billing.run") or "/"
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(run.state not in ("draft", "previewed", "cancelled") for run in self):
            raise UserError(self.env._("Only draft, previewed or cancelled runs can be deleted."))

    # ------------------------------------------------------------------ actions
    def _check_billing_rights(self):
        if not self.env.user.has_group(BILLING_RUN_GROUP):
            raise AccessError(self.env._("Only invoicing users can prepare or run billing runs."))

    def action_preview(self):
        """Compute what the run would bill, without writing any invoice."""
        self._check_billing_rights()
        for run in self:
            if run.state not in ("draft", "previewed"):
                raise UserError(self.env._("Only a draft run can be previewed."))
            run._compute_lines(preview=True)
            run.state = "previewed"
        return True

    def action_approve(self):
        self._check_billing_rights()
        for run in self:
            if run.state != "previewed":
                raise UserError(self.env._("Preview the run before approving it."))
            if not run.line_ids:
                raise UserError(self.env._("The run has no lease to bill on this date."))
        self.write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        return True

    def action_run(self):
        """Start the approved run: its leases are billed in the background (the scheduled
        action "Property: execute billing runs", or the job queue when installed)."""
        self._check_billing_rights()
        if any(run.state != "approved" for run in self):
            raise UserError(self.env._("Only an approved run can be started."))
        self._start()
        return True

    def action_cancel(self):
        self._check_billing_rights()
        if any(run.state not in ("draft", "previewed", "approved") for run in self):
            raise UserError(self.env._("A run that has started cannot be cancelled."))
        self.state = "cancelled"
        return True

    def action_draft(self):
        self._check_billing_rights()
        if any(run.state not in ("previewed", "approved", "cancelled") for run in self):
            raise UserError(self.env._("Only a run that has not started can be reset."))
        self.write({"state": "draft", "approved_by_id": False, "approved_date": False})
        return True

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.line_ids.move_ids.ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------ preview, lines
    def _get_leases_domain(self):
        """Leases of the run: billing's own selection on the reference date, in the run's
        company (and buildings)."""
        self.ensure_one()
        domain = self.env["property.lease"]._get_leases_to_invoice_domain(self.date_ref)
        domain.append(("company_id", "=", self.company_id.id))
        if self.building_ids:
            domain.append(("building_id", "in", self.building_ids.ids))
        return domain

    def _get_leases(self):
        self.ensure_one()
        return (
            self.env["property.lease"]
            .sudo()
            .search(self._get_leases_domain(), order="next_invoice_date, id")
        )

    def _compute_lines(self, preview=True):
        """(Re)create one pending line per lease of the run; with `preview`, each line
        says what billing would invoice for the lease and why it would fail."""
        self.ensure_one()
        self.line_ids.unlink()
        leases = self._get_leases()
        vals_list = []
        for ids in split_every(self._get_chunk_size(), leases.ids):
            chunk = leases.browse(ids).with_company(self.company_id).with_context(**BATCH_CONTEXT)
            if preview:
                vals_list += self._preview_chunk(chunk)
            else:
                vals_list += [{"run_id": self.id, "lease_id": lease.id} for lease in chunk]
        self.env["property.billing.run.line"].create(vals_list)

    def _preview_chunk(self, leases):
        """Run line values of a chunk of leases: billing's invoice values computed by
        `_prepare_rent_invoices_vals` (nothing written), their untaxed, tax and total
        amounts per kind, and the problems that would make a lease fail."""
        journal = self.company_id._property_get_rent_journal()
        vals_by_lease, errors = {}, {}
        if journal:
            vals_by_lease, errors = leases._prepare_rent_invoices_vals(self.date_ref, journal)
        data = self._get_preview_chunk_data(leases, vals_by_lease, journal)
        result = []
        for lease in leases:
            invoices = vals_by_lease.get(lease, [])
            invoice_amounts = self._get_preview_invoice_amounts(lease, invoices, data)
            problems = self._get_preview_problems(lease, invoices, journal, invoice_amounts, data)
            if lease in errors:
                problems.insert(0, errors[lease])
            line_vals = {
                "run_id": self.id,
                "lease_id": lease.id,
                "preview_invoice_count": len(invoices),
                **self._get_preview_amounts(lease, invoice_amounts),
            }
            if problems:
                line_vals.update(preview_state="fail", preview_message="\n".join(problems))
            elif not invoices:
                line_vals.update(
                    preview_state="nothing",
                    preview_message=self.env._("No period to bill on this date."),
                )
            else:
                line_vals["preview_state"] = "bill"
            result.append(line_vals)
        return result

    def _get_preview_chunk_data(self, leases, vals_by_lease, journal):
        """What the preview of a chunk reads once for all its leases: the meter readings
        to review per lease, the problems of each invoiced product's income account, and
        caches of taxes and fiscal positions filled by `_get_preview_line_taxes`."""
        product_ids = {
            command[2].get("product_id")
            for invoices in vals_by_lease.values()
            for invoice in invoices
            for command in invoice.get("invoice_line_ids", [])
        } - {None, False}
        products = self.env["product.product"].sudo().browse(sorted(product_ids))
        to_review = dict(
            self.env["property.meter.reading"]
            .sudo()
            ._read_group(
                [
                    ("lease_id", "in", leases.ids),
                    ("state", "=", "to_review"),
                    ("date", "<=", self.date_ref),
                ],
                ["lease_id"],
                ["__count"],
            )
        )
        company = self.company_id
        accounts = {
            product.id: product.product_tmpl_id.with_company(company).get_product_accounts()
            for product in products
        }
        return {
            "journal": journal,
            "to_review": {lease.id: count for lease, count in to_review.items()},
            "product_problems": {
                product.id: self._get_preview_product_problems(
                    product, accounts[product.id], journal
                )
                for product in products
            },
            "product_accounts": accounts,
            "has_fiscal_positions": bool(
                self.env["account.fiscal.position"]
                .sudo()
                .search_count(
                    self.env["account.fiscal.position"]._check_company_domain(company), limit=1
                )
            ),
            "fiscal_positions": {},
            "taxes": {},
        }

    def _get_preview_product_problems(self, product, accounts, journal):
        """Why the invoice lines of `product` could not be posted (its income account).

        :param accounts: the product's `get_product_accounts()` in the run's company"""
        account = accounts.get("income") or (journal and journal.default_account_id)
        if not account:
            return [
                self.env._(
                    "No income account for product %(product)s.", product=product.display_name
                )
            ]
        if account.deprecated:
            return [
                self.env._(
                    "The income account %(account)s of product %(product)s is deprecated.",
                    account=account.display_name,
                    product=product.display_name,
                )
            ]
        return []

    def _get_preview_fiscal_position(self, lease, data):
        """The fiscal position account gives the lease's invoices (as the invoice's
        `_compute_fiscal_position_id`)."""
        FiscalPosition = self.env["account.fiscal.position"].sudo().with_company(self.company_id)
        if not data["has_fiscal_positions"] or not lease.partner_id:
            return FiscalPosition
        partner = lease.partner_id
        if partner.id not in data["fiscal_positions"]:
            delivery = partner.browse(partner.address_get(["delivery"])["delivery"])
            data["fiscal_positions"][partner.id] = FiscalPosition._get_fiscal_position(
                partner, delivery=delivery
            )
        return data["fiscal_positions"][partner.id]

    def _get_preview_line_taxes(self, line_vals, fiscal_position, data):
        """The taxes account puts on an invoice line of these values: its own `tax_ids`, or
        those of its product (else of its income account) in the run's company, mapped by
        the fiscal position (as `account.move.line._get_computed_taxes`)."""
        Tax = self.env["account.tax"].sudo()
        if "tax_ids" in line_vals:
            return Tax.browse(self._get_command_ids(line_vals["tax_ids"]))
        product_id = line_vals.get("product_id") or False
        key = (product_id, line_vals.get("account_id") or False, fiscal_position.id)
        if key not in data["taxes"]:
            company = self.company_id
            product = self.env["product.product"].sudo().browse(product_id)
            taxes = product.taxes_id.filtered_domain(Tax._check_company_domain(company))
            if not taxes:
                account = self.env["account.account"].sudo().browse(line_vals.get("account_id"))
                if not account:
                    accounts = data["product_accounts"].get(product_id) or {}
                    journal = data["journal"]
                    account = accounts.get("income") or (journal and journal.default_account_id)
                taxes = account.tax_ids.filtered(lambda tax: tax.type_tax_use == "sale")
            if taxes:
                taxes = taxes._filter_taxes_by_company(company)
            if taxes and fiscal_position:
                taxes = fiscal_position.map_tax(taxes)
            data["taxes"][key] = taxes
        return data["taxes"][key]

    @api.model
    def _get_command_ids(self, commands):
        """Record ids a list of x2many commands sets (`Command.set`, `link`, `clear`)."""
        ids = []
        for command in commands or []:
            if command[0] == Command.SET:
                ids = list(command[2])
            elif command[0] == Command.LINK:
                ids.append(command[1])
            elif command[0] == Command.CLEAR:
                ids = []
            elif command[0] == Command.UNLINK:
                ids = [i for i in ids if i != command[1]]
        return ids

    @api.model
    def _get_preview_line_kind(self, line_vals):
        """rent, charges (recurring and one-off) or utilities (meter readings)."""
        if line_vals.get("property_reading_id"):
            return "utilities"
        if line_vals.get("product_id") == self.env.ref(
            "property_billing.product_rent"
        ).id and not line_vals.get("property_charge_id"):
            return "rent"
        return "charges"

    def _get_preview_invoice_amounts(self, lease, invoices_vals, data):
        """The amounts of each invoice of the lease as account will compute them (nothing
        written): its lines' taxes (`_get_preview_line_taxes`), account's tax engine with
        the company's rounding method. One dict per invoice: its period start, `untaxed`,
        `tax`, `total`, and {kind: (untaxed, tax)} under `kinds`."""
        AccountTax = self.env["account.tax"]
        company = self.company_id
        currency = lease.currency_id or company.currency_id
        fiscal_position = self._get_preview_fiscal_position(lease, data)
        result = []
        for invoice in invoices_vals:
            base_lines, kinds = [], []
            for command in invoice.get("invoice_line_ids", []):
                line_vals = command[2]
                if line_vals.get("display_type") in ("line_section", "line_note"):
                    continue
                base_lines.append(
                    AccountTax._prepare_base_line_for_taxes_computation(
                        None,
                        product_id=self.env["product.product"].browse(line_vals.get("product_id")),
                        tax_ids=self._get_preview_line_taxes(line_vals, fiscal_position, data),
                        price_unit=line_vals.get("price_unit", 0.0),
                        quantity=line_vals.get("quantity", 1.0),
                        discount=line_vals.get("discount") or 0.0,
                        currency_id=currency,
                    )
                )
                kinds.append(self._get_preview_line_kind(line_vals))
            AccountTax._add_tax_details_in_base_lines(base_lines, company)
            AccountTax._round_base_lines_tax_details(base_lines, company)
            amounts = defaultdict(lambda: [0.0, 0.0])
            for base_line, kind in zip(base_lines, kinds, strict=True):
                details = base_line["tax_details"]
                amounts[kind][0] += (
                    details["total_excluded_currency"] + details["delta_total_excluded_currency"]
                )
                amounts[kind][1] += sum(
                    tax_data["tax_amount_currency"] for tax_data in details["taxes_data"]
                )
            untaxed = currency.round(sum(a[0] for a in amounts.values()))
            tax = currency.round(sum(a[1] for a in amounts.values()))
            result.append(
                {
                    "period_start": invoice.get("property_period_start"),
                    "kinds": {kind: tuple(values) for kind, values in amounts.items()},
                    "untaxed": untaxed,
                    "tax": tax,
                    "total": currency.round(untaxed + tax),
                }
            )
        return result

    def _get_preview_amounts(self, lease, invoice_amounts):
        """Run line values of the lease's preview amounts (`_get_preview_invoice_amounts`):
        untaxed and tax per kind, untaxed, tax and total."""
        currency = lease.currency_id or self.company_id.currency_id
        vals = {}
        for kind in PREVIEW_KINDS:
            untaxed = sum(inv["kinds"].get(kind, (0.0, 0.0))[0] for inv in invoice_amounts)
            tax = sum(inv["kinds"].get(kind, (0.0, 0.0))[1] for inv in invoice_amounts)
            vals[f"preview_amount_{kind}"] = currency.round(untaxed)
            vals[f"preview_tax_{kind}"] = currency.round(tax)
        vals["preview_amount_untaxed"] = currency.round(sum(i["untaxed"] for i in invoice_amounts))
        vals["preview_amount_tax"] = currency.round(sum(i["tax"] for i in invoice_amounts))
        vals["preview_amount_total"] = currency.round(sum(i["total"] for i in invoice_amounts))
        return vals

    def _get_preview_problems(self, lease, invoices_vals, journal, invoice_amounts, data):
        """Why billing the lease would fail, or leave something out (list of messages).

        :param invoice_amounts: `_get_preview_invoice_amounts()` of the invoices
        :param data: `_get_preview_chunk_data()` of the chunk
        """
        problems = []
        if not journal:
            problems.append(
                self.env._(
                    "No sales journal in company %(company)s.", company=lease.company_id.name
                )
            )
        if not lease.partner_id:
            problems.append(self.env._("The lease has no tenant."))
        product_ids = {
            command[2].get("product_id")
            for invoice in invoices_vals
            for command in invoice.get("invoice_line_ids", [])
        } - {None, False}
        for product_id in sorted(product_ids):
            problems += data["product_problems"].get(product_id, [])
        currency = lease.currency_id or self.company_id.currency_id
        for amounts in invoice_amounts:
            # account refuses to post an invoice with a negative total
            if currency.compare_amounts(amounts["total"], 0.0) < 0:
                problems.append(
                    self.env._(
                        "The invoice of the period from %(start)s would have a negative total.",
                        start=format_date(self.env, amounts["period_start"]),
                    )
                )
        to_review = data["to_review"].get(lease.id)
        if to_review:
            problems.append(
                self.env._(
                    "%(count)s meter reading(s) to review: they are not billed until validated.",
                    count=to_review,
                )
            )
        return problems

    # --------------------------------------------------------------- execution
    def _start(self):
        """Approved → running: the leases of the run are pending (a run approved without a
        preview gets its lines now) and its execution is scheduled."""
        for run in self:
            if not run.line_ids:
                run._compute_lines(preview=False)
        self.state = "running"
        self._schedule_execution()

    def _schedule_execution(self, at=None):
        """Have `_execute()` called in the background: the scheduled action "Property:
        execute billing runs" is triggered (now, or at `at`). One cron record is run by one
        thread at a time: a run is never executed twice at once, and a run interrupted by a
        crash is resumed by its next call."""
        self.env.ref("property_billing.ir_cron_billing_run_execute")._trigger(at)

    @api.model
    def _get_chunk_size(self):
        """Leases per chunk: billing's `BILLING_CHUNK_SIZE` (one transaction, one create and
        post of their invoices, each)."""
        return billing_lease.BILLING_CHUNK_SIZE

    def _get_chunk_ids(self):
        """The leases of the run still to bill (its pending lines): a list of lists of lease
        ids, at most `_get_chunk_size()` each, never mixing companies, ordered by lease id
        (neighbours in one chunk, no chunk queued twice by a stable split)."""
        self.ensure_one()
        lines = self.env["property.billing.run.line"].search(
            [("run_id", "=", self.id), ("state", "=", "pending")]
        )
        size = self._get_chunk_size()
        leases = lines.lease_id.sudo().sorted("id")
        chunks = []
        for company_leases in leases.grouped("company_id").values():
            chunks += [list(ids) for ids in split_every(size, company_leases.ids)]
        return chunks

    def _run_chunk(self, lease_ids):
        """Bill the leases `lease_ids` of the run for its reference date, in the caller's
        transaction: billing's `_generate_invoices_chunk` (leases locked FOR UPDATE SKIP
        LOCKED, only the periods still due, the unique index as backstop), then their run
        lines are written (invoiced with links / skipped with why / failed with the
        error). Returns the invoices created. The caller commits."""
        self.ensure_one()
        Lease = self.env["property.lease"].sudo()
        leases = Lease.browse(lease_ids).with_company(self.company_id).with_context(**BATCH_CONTEXT)
        moves = leases._generate_invoices_chunk(self.date_ref)
        lines = self.env["property.billing.run.line"].search(
            [("run_id", "=", self.id), ("lease_id", "in", list(lease_ids))]
        )
        self._record_results(lines, moves)
        return moves

    def _record_results(self, lines, moves):
        """Write the outcome of billing on the run lines of the leases just billed: one
        write per outcome (state and message), the invoices linked in one go."""
        Line = self.env["property.billing.run.line"]
        moves_by_lease = moves.grouped("property_lease_id")
        leases = lines.lease_id.sudo()
        leases.invalidate_recordset(["next_invoice_date", "billing_error"])
        by_outcome = defaultdict(lambda: Line)
        links = []
        for line in lines:
            lease = line.lease_id.sudo()
            lease_moves = moves_by_lease.get(lease)
            still_due = bool(lease.next_invoice_date) and lease.next_invoice_date <= self.date_ref
            if lease_moves:
                outcome = ("invoiced", False)
                links.append((line, [Command.link(move.id) for move in lease_moves]))
            elif still_due and lease.billing_error:
                outcome = ("failed", lease.billing_error)
            elif still_due:
                # locked by another worker (another run, "Bill now"): it may still fail or
                # roll back, so the lease stays pending and is tried again later
                outcome = (
                    "pending",
                    self.env._(
                        "Being billed by another process at the same time: tried again later."
                    ),
                )
            else:
                outcome = (
                    "skipped",
                    self.env._("Nothing left to bill on this date (already billed)."),
                )
            by_outcome[outcome] |= line
        for (state, message), outcome_lines in by_outcome.items():
            outcome_lines.write({"state": state, "message": message})
        if links:
            # every line its own invoices, in one insert into the relation (the lines were
            # just written above with the caller's rights)
            Line._fields["move_ids"].write_batch(links)

    def _execute(self):
        """Bill the pending leases of the (running) runs: by default in this process
        (`_execute_in_process`); the queue_job bridge overrides it to enqueue one job per
        chunk instead."""
        self._execute_in_process()

    def _execute_in_process(self):
        """Bill the pending chunks of the (running) runs in this process, one transaction
        per chunk (committed outside tests), then close them with `_check_done()`.

        Called by a cron job, it reports its progress and returns after
        `_get_execute_time_budget()` seconds: the cron calls it again for the rest. Leases
        that another process was billing stay pending; the run is then called again a
        minute later for them."""
        commit = not (modules.module.current_test or self.env.registry.in_test_mode())
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        deadline = time.monotonic() + self._get_execute_time_budget()
        done, remaining, retry_later = 0, 0, False
        for run in self.filtered(lambda r: r.state == "running"):
            chunks = run._get_chunk_ids()
            while chunks:
                if in_cron and done and time.monotonic() > deadline:
                    remaining += sum(len(ids) for ids in chunks)
                    break
                ids = chunks.pop(0)
                run._run_chunk(ids)
                done += len(ids)
                if commit:
                    self.env.cr.commit()  # pylint: disable=invalid-commit
                    self.env.invalidate_all()
            else:
                run._check_done()
                retry_later |= run.state == "running"
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        if in_cron:
            self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        if retry_later:
            self._schedule_execution(at=fields.Datetime.now() + timedelta(minutes=1))

    @api.model
    def _get_execute_time_budget(self):
        """Seconds a cron call of `_execute()` bills before handing back to the cron (well
        within `limit_time_real_cron`)."""
        return 60

    def _check_done(self):
        """Running runs with no pending lease left become done, or done with errors when
        a lease failed; an internal note sums the results up (no mail is sent)."""
        Line = self.env["property.billing.run.line"]
        for run in self.filtered(lambda r: r.state in ("running", "done_errors")):
            if Line.search_count([("run_id", "=", run.id), ("state", "=", "pending")], limit=1):
                continue
            failed = Line.search_count([("run_id", "=", run.id), ("state", "=", "failed")], limit=1)
            state = "done_errors" if failed else "done"
            if run.state == state:
                continue
            run.state = state
            run.message_post(
                body=self.env._(
                    "Billing run finished: %(invoices)s invoice(s) for %(invoiced)s lease(s), "
                    "%(skipped)s skipped, %(failed)s failed.",
                    invoices=run.invoice_count,
                    invoiced=run.invoiced_count,
                    skipped=run.skipped_count,
                    failed=run.failed_count,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _retry_leases(self, leases):
        """Bill the failed leases again (the Retry button of a result line)."""
        self.ensure_one()
        self._check_billing_rights()
        if self.state not in ("running", "done_errors"):
            raise UserError(self.env._("Only the failed leases of a started run can be retried."))
        moves = self._run_chunk(leases.ids)
        self._check_done()
        return moves

    # -------------------------------------------------------------- cron entry points
    @api.model
    def _prepare_cron_run_vals(self, company, date_ref):
        """Values of the run the scheduled action creates for `company` on `date_ref`."""
        return {"company_id": company.id, "date_ref": date_ref}

    @api.model
    def _cron_create_runs(self):
        """The scheduled billing: one run per company that has leases due today; companies
        set to start their runs automatically (the default) have it approved and started
        (billed in the background), the others find it as a draft to preview."""
        Lease = self.env["property.lease"].sudo()
        today = fields.Date.context_today(self)
        domain = Lease._get_leases_to_invoice_domain(today)
        runs = self.browse()
        for company, _count in Lease._read_group(domain, ["company_id"], ["__count"]):
            if self.search_count(
                [
                    ("company_id", "=", company.id),
                    ("date_ref", "=", today),
                    ("state", "in", ("draft", "previewed", "approved", "running")),
                ],
                limit=1,
            ):
                continue  # today's run of the company is already open
            run = self.with_company(company).create(self._prepare_cron_run_vals(company, today))
            if company.property_billing_run_auto_start:
                run.write({"state": "approved", "auto_started": True})
                runs |= run
        if runs:
            runs._start()
        return runs

    @api.model
    def _cron_execute_runs(self):
        """Execute the running runs (started from their form, by `_cron_create_runs`, or
        interrupted by a crash)."""
        self.search([("state", "=", "running")], order="id")._execute()
