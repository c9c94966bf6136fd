# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import plaintext2html
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.property_tenant.models.property_lease import OCCUPYING_LEASE_STATES

# Uploads from the submission form: photos and short videos only.
MAX_UPLOAD_FILES = 5
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_MIMETYPE_PREFIXES = ("image/", "video/")
PORTAL_PRIORITIES = ("2", "3")


class PropertyTicketPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ticket_count" in counters:
            Ticket = request.env["maintenance.request"]
            values["ticket_count"] = (
                Ticket.search_count(self._prepare_tickets_domain())
                if Ticket.has_access("read")
                else 0
            )
        return values

    def _prepare_tickets_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("property_partner_id", "child_of", [partner.id])]

    def _ticket_searchbar_sortings(self):
        return {
            "date": {
                "label": request.env._("Newest"),
                "order": "property_date_reported desc, id desc",
            },
            "state": {"label": request.env._("Status"), "order": "property_state, id desc"},
        }

    @http.route(
        ["/my/tickets", "/my/tickets/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_tickets(self, page=1, sortby=None, **kw):
        Ticket = request.env["maintenance.request"]
        sortings = self._ticket_searchbar_sortings()
        sortby = sortby if sortby in sortings else "date"
        domain = self._prepare_tickets_domain()
        pager = portal_pager(
            url="/my/tickets",
            url_args={"sortby": sortby},
            total=Ticket.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        # searched as the portal user: record rules decide what is listed
        tickets = Ticket.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_tickets_history"] = tickets.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "tickets": tickets.sudo(),
                "page_name": "ticket",
                "pager": pager,
                "default_url": "/my/tickets",
                "searchbar_sortings": sortings,
                "sortby": sortby,
            }
        )
        return request.render("property_maintenance.portal_my_tickets", values)

    @http.route(["/my/tickets/<int:ticket_id>"], type="http", auth="public", website=True)
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        try:
            ticket_sudo = self._document_check_access(
                "maintenance.request", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        values = self._get_page_view_values(
            ticket_sudo,
            access_token,
            {"ticket": ticket_sudo, "page_name": "ticket"},
            "my_tickets_history",
            False,
            **kw,
        )
        photos = ticket_sudo.property_photo_before_ids | ticket_sudo.property_photo_after_ids
        photos.generate_access_token()
        values.update(
            self._prepare_portal_layout_values()
            | {
                "page_name": "ticket",
                "photos": photos,
                "rating_token": self._ticket_pending_rating_token(ticket_sudo),
            }
        )
        return request.render("property_maintenance.portal_my_ticket", values)

    def _ticket_pending_rating_token(self, ticket_sudo):
        """Token of the tenant's unanswered rating request, shown to the tenant only."""
        partner = ticket_sudo.property_partner_id
        viewer = request.env.user.partner_id
        if (
            ticket_sudo.property_state != "done"
            or not partner
            or viewer.commercial_partner_id != partner.commercial_partner_id
        ):
            return False
        pending = ticket_sudo.rating_ids.filtered(
            lambda rating: not rating.consumed and rating.partner_id == partner
        )[:1]
        return pending.access_token

    # ------------------------------------------------------------------
    # submission
    # ------------------------------------------------------------------
    def _ticket_form_units(self):
        """Units of the tenant's occupied leases (leases read as the portal user)."""
        leases = request.env["property.lease"].search(
            [
                ("partner_id", "child_of", [request.env.user.commercial_partner_id.id]),
                ("state", "in", OCCUPYING_LEASE_STATES),
            ]
        )
        return leases.sudo().line_ids.unit_id

    def _ticket_form_categories(self, units=None):
        """Portal categories of the companies of the tenant's units (and shared ones).

        Taken from the units, not from the portal user's companies: a portal user is often
        a user of the default company only while renting in another, and must never be
        offered the categories of a company he rents nothing in."""
        if units is None:
            units = self._ticket_form_units()
        return (
            request.env["property.ticket.category"]
            .sudo()
            .search(
                [
                    ("portal_visible", "=", True),
                    ("company_id", "in", [False, *units.company_id.ids]),
                ]
            )
        )

    def _render_ticket_form(self, error=None, values=None):
        units = self._ticket_form_units()
        render_values = self._prepare_portal_layout_values()
        render_values.update(
            {
                "page_name": "ticket_new",
                "units": units,
                "categories": self._ticket_form_categories(units),
                "error": error,
                "form": values or {},
                "max_upload_files": MAX_UPLOAD_FILES,
                "max_upload_mb": MAX_UPLOAD_BYTES // (1024 * 1024),
            }
        )
        return request.render("property_maintenance.portal_ticket_new", render_values)

    @http.route(["/my/tickets/new"], type="http", auth="user", methods=["GET"], website=True)
    def portal_ticket_new(self, **kw):
        return self._render_ticket_form()

    def _ticket_read_uploads(self):
        """Validated uploads as (name, bytes, mimetype); raises ValueError with a
        message for the tenant."""
        env = request.env
        files = [file for file in request.httprequest.files.getlist("attachments") if file.filename]
        if len(files) > MAX_UPLOAD_FILES:
            raise ValueError(
                env._("At most %(count)s files can be attached.", count=MAX_UPLOAD_FILES)
            )
        uploads = []
        for file in files:
            data = file.read(MAX_UPLOAD_BYTES + 1)
            if len(data) > MAX_UPLOAD_BYTES:
                raise ValueError(
                    env._(
                        "%(name)s is larger than %(size)s MB.",
                        name=file.filename,
                        size=MAX_UPLOAD_BYTES // (1024 * 1024),
                    )
                )
            mimetype = guess_mimetype(data)
            # SVG is an image type that can carry scripts: refused outright
            if not mimetype.startswith(ALLOWED_MIMETYPE_PREFIXES) or "svg" in mimetype:
                raise ValueError(env._("%(name)s is not a photo or a video.", name=file.filename))
            uploads.append((file.filename, data, mimetype))
        return uploads

    @http.route(["/my/tickets/new"], type="http", auth="user", methods=["POST"], website=True)
    def portal_ticket_submit(self, **post):
        env = request.env
        units = self._ticket_form_units()
        categories = self._ticket_form_categories(units)
        subject = (post.get("name") or "").strip()
        description = (post.get("description") or "").strip()
        try:
            unit = units.filtered(lambda u: str(u.id) == post.get("unit_id"))
            category = categories.filtered(lambda c: str(c.id) == post.get("category_id"))
            if not unit:
                raise ValueError(env._("Choose one of your units."))
            if not category:
                raise ValueError(env._("Choose a category."))
            if category.company_id and category.company_id != unit.company_id:
                raise ValueError(
                    env._(
                        "%(category)s is not available for %(unit)s: choose another category.",
                        category=category.name,
                        unit=unit.display_name,
                    )
                )
            if not subject:
                raise ValueError(env._("Give your request a short subject."))
            uploads = self._ticket_read_uploads()
        except ValueError as exc:
            return self._render_ticket_form(error=str(exc), values=post)
        partner = env.user.partner_id
        priority = post.get("priority") if post.get("priority") in PORTAL_PRIORITIES else "2"
        # explicit whitelist of what a tenant sets; the rest comes from the category
        ticket = (
            env["maintenance.request"]
            .sudo()
            .create(
                {
                    "name": subject[:200],
                    "description": plaintext2html(description) if description else False,
                    "property_category_id": category.id,
                    "property_unit_id": unit.id,
                    "property_partner_id": partner.id,
                    "priority": priority,
                    "company_id": unit.company_id.id,
                    "maintenance_type": "corrective",
                }
            )
        )
        ticket.message_subscribe(partner_ids=partner.ids)
        if uploads:
            # created pending (as the mail composer does), message_post links them
            attachments = (
                env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": name,
                            "raw": data,
                            "mimetype": mimetype,
                            "res_model": "mail.compose.message",
                            "res_id": 0,
                        }
                        for name, data, mimetype in uploads
                    ]
                )
            )
            ticket.message_post(
                body=env._("Photos and videos from the tenant."),
                author_id=partner.id,
                attachment_ids=attachments.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            ticket.property_photo_before_ids = attachments
        return request.redirect(ticket.access_url)
