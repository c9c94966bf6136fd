# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


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
