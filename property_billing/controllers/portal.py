# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import math
from collections import defaultdict

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.osv import expression

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.property_tenant.models.property_lease import OCCUPYING_LEASE_STATES

# largest meter photo accepted from the portal (bytes)
PHOTO_MAX_SIZE = 10 * 1024 * 1024


class PropertyBillingPortal(CustomerPortal):
    def _get_invoices_domain(self, m_type=None):
        """Portal users: narrow account's invoice list (and its counters) to an indexed set of
        ids, the union of what the portal invoice rules can grant (invoices of the tenant's
        partner, invoices the tenant follows). The record rules still decide; without this
        term PostgreSQL evaluates the rules over every posted invoice of the database."""
        domain = super()._get_invoices_domain(m_type)
        user = request.env.user
        if not user._is_portal():
            return domain
        partner = user.commercial_partner_id
        Move = request.env["account.move"].sudo()
        ids = set(Move._search([("partner_id", "child_of", partner.id)]))
        ids |= set(Move._search([("message_partner_ids", "child_of", partner.id)]))
        return expression.AND([domain, [("id", "in", sorted(ids))]])

    def _show_report(self, model, report_type, report_ref, download=False):
        """account marks an invoice without a generated PDF as a pro-forma; a posted lease
        invoice is final: show it with its real title."""
        if (
            model._name == "account.move"
            and len(model) == 1
            and model._property_is_final_document()
        ):
            request.update_context(proforma_invoice=False)
        return super()._show_report(model, report_type, report_ref, download=download)

    # ------------------------------------------------------------ statement page
    def _property_ledger_moves(self, leases):
        """Posted invoices and credit notes of the leases, searched as the portal user: the
        portal record rules keep them to the tenant's own."""
        return request.env["account.move"].search(
            [
                ("property_lease_id", "in", leases.ids),
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
            ],
            order="invoice_date_due, id",
        )

    def _property_ledger_payments(self, invoices):
        """Payments reconciled with the tenant's own invoices, as plain values.

        sudo reads the reconciliation (partials, payment entries) of invoices the portal user
        may read; only the date, reference and amount of each payment leave this method.
        Credit notes are documents of the statement, not payments."""
        amounts = defaultdict(float)
        for invoice in invoices.filtered(lambda m: m.move_type == "out_invoice"):
            partials = invoice.sudo()._get_reconciled_invoices_partials()[0]
            for _partial, amount, counterpart in partials:
                payment_move = counterpart.move_id
                if payment_move.move_type != "entry":
                    continue
                amounts[(counterpart.date, payment_move.name, invoice)] += amount
        return [
            {
                "date": date,
                "reference": reference,
                "invoice_name": invoice.name,
                "amount": amount,
                "currency": invoice.currency_id,
            }
            for (date, reference, invoice), amount in sorted(
                amounts.items(), key=lambda item: (item[0][0], item[0][1]), reverse=True
            )
        ]

    def _property_ledger_values(self):
        """Per lease of the logged-in tenant: totals, open documents, payments, deposit."""
        partner = request.env.user.partner_id.commercial_partner_id
        leases = request.env["property.lease"].search(
            [
                ("partner_id", "child_of", [partner.id]),
                ("state", "not in", ("draft", "cancel")),
            ]
        )
        moves = self._property_ledger_moves(leases)
        moves_by_lease = moves.grouped("property_lease_id")
        statements_by_lease = self._property_cost_statements(leases).grouped("lease_id")
        today = fields.Date.context_today(request.env.user)
        ledgers = []
        for lease in leases:
            lease_moves = moves_by_lease.get(lease, request.env["account.move"])
            if not lease_moves and not lease.deposit_balance:
                continue
            open_moves = lease_moves.filtered(
                lambda m: not m.currency_id.is_zero(m.amount_residual)
            )
            ledgers.append(
                {
                    "lease": lease,
                    "open_lines": [
                        {
                            "move": move,
                            "days_overdue": max((today - (move.invoice_date_due or today)).days, 0),
                        }
                        for move in open_moves
                    ],
                    "payments": self._property_ledger_payments(lease_moves),
                    "cost_statements": statements_by_lease.get(
                        lease, request.env["property.cost.reconciliation.line"]
                    ),
                }
            )
        return ledgers

    @http.route("/my/property/ledger", type="http", auth="user", website=True)
    def portal_property_ledger(self, report_type=None, **kw):
        """The logged-in tenant's rent account: what is due and overdue, payments, deposit.
        The partner is never taken from the request."""
        if report_type == "pdf":
            return request.redirect("/my/property/statement")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "ledgers": self._property_ledger_values(),
                "today": fields.Date.context_today(request.env.user),
                "page_name": "property_ledger",
            }
        )
        return request.render("property_billing.portal_my_property_ledger", values)

    @http.route("/my/property/statement", type="http", auth="user", website=True)
    def portal_property_statement(self, **kw):
        """The logged-in tenant's own statement: the partner is never taken from the request."""
        partner = request.env.user.partner_id.commercial_partner_id
        report = request.env["ir.actions.report"].sudo()
        pdf, report_type = report._render_qweb_pdf(
            "property_billing.action_report_property_statement", partner.ids
        )
        content_type = "application/pdf" if report_type == "pdf" else "text/html"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", content_type),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", 'inline; filename="statement.pdf"'),
            ],
        )

    # ------------------------------------------------------------ shared cost statements
    def _property_cost_statements(self, leases):
        """Issued shared cost statements of the leases, searched as the portal user: the
        portal record rule keeps them to the tenant's own."""
        return request.env["property.cost.reconciliation.line"].search(
            [("lease_id", "in", leases.ids), ("state", "=", "done")],
            order="date_to desc, id desc",
        )

    @http.route("/my/property/cost-statement/<int:line_id>", type="http", auth="user", website=True)
    def portal_property_cost_statement(self, line_id, report_type=None, download=None, **kw):
        """One shared cost statement of the logged-in tenant: a portal page showing it, or
        the report itself as PDF or HTML. The ORM check of `_document_check_access` first,
        then the report rendered as superuser."""
        try:
            line = self._document_check_access("property.cost.reconciliation.line", line_id)
        except (AccessError, MissingError) as e:
            raise NotFound() from e
        if report_type not in ("html", "pdf"):
            values = self._prepare_portal_layout_values()
            values.update({"statement": line, "page_name": "property_cost_statement"})
            return request.render("property_billing.portal_my_cost_statement", values)
        return self._show_report(
            line,
            report_type,
            "property_billing.action_report_cost_statement",
            download=download == "true",
        )

    # ------------------------------------------------------------ meter readings
    def _property_portal_meters(self):
        """Meters of the units the logged-in tenant occupies, open to tenant entry."""
        partner = request.env.user.partner_id.commercial_partner_id
        leases = request.env["property.lease"].search(
            [("partner_id", "child_of", partner.id), ("state", "in", OCCUPYING_LEASE_STATES)]
        )
        return (
            request.env["property.meter"]
            .sudo()
            .search([("unit_id", "in", leases.sudo().unit_ids.ids), ("portal_entry", "=", True)])
        )

    @http.route("/my/property/meters", type="http", auth="user", website=True)
    def portal_property_meters(self, error=None, success=None, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "meters": self._property_portal_meters(),
                "error": error,
                "success": success,
                "page_name": "property_meters",
            }
        )
        return request.render("property_billing.portal_my_meters", values)

    @http.route(
        "/my/property/meters/<int:meter_id>/reading",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_property_meter_reading(self, meter_id, value=None, photo=None, **kw):
        meter = self._property_portal_meters().filtered(lambda m: m.id == meter_id)
        if not meter:
            raise NotFound()
        try:
            index = float(value)
        except (TypeError, ValueError):
            index = None
        if index is None or not math.isfinite(index) or index < 0:
            return request.redirect("/my/property/meters?error=value")
        vals = {"meter_id": meter.id, "value": index, "source": "portal"}
        if photo and getattr(photo, "filename", None):
            content = photo.read(PHOTO_MAX_SIZE + 1)
            if len(content) > PHOTO_MAX_SIZE or not (photo.mimetype or "").startswith("image/"):
                return request.redirect("/my/property/meters?error=photo")
            vals["photo"] = base64.b64encode(content)
        try:
            with request.env.cr.savepoint():
                # whitelisted fields only; the meter was checked above
                request.env["property.meter.reading"].sudo().create(vals)
        except ValidationError:
            return request.redirect("/my/property/meters?error=lower")
        except UserError:
            # the photo is not an image Odoo can read
            return request.redirect("/my/property/meters?error=photo")
        return request.redirect("/my/property/meters?success=1")
