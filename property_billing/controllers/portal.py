# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.property_tenant.models.property_lease import OCCUPYING_LEASE_STATES


class PropertyBillingPortal(CustomerPortal):
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
    def portal_property_meter_reading(self, meter_id, value=None, **kw):
        meter = self._property_portal_meters().filtered(lambda m: m.id == meter_id)
        if not meter:
            raise NotFound()
        try:
            index = float(value)
        except (TypeError, ValueError):
            index = None
        if index is None or not math.isfinite(index) or index < 0:
            return request.redirect("/my/property/meters?error=value")
        try:
            with request.env.cr.savepoint():
                # whitelisted fields only; the meter was checked above
                request.env["property.meter.reading"].sudo().create(
                    {"meter_id": meter.id, "value": index, "source": "portal"}
                )
        except ValidationError:
            return request.redirect("/my/property/meters?error=lower")
        return request.redirect("/my/property/meters?success=1")
