# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import binascii

from dateutil.relativedelta import relativedelta

from odoo import Command, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.osv import expression

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# a drawn signature is a small PNG; anything this large is not one (base64 characters)
MAX_SIGNATURE_CHARS = 1024 * 1024


class PropertyPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "lease_count" in counters:
            Lease = request.env["property.lease"]
            values["lease_count"] = (
                Lease.search_count(self._prepare_leases_domain()) if Lease.has_access("read") else 0
            )
        if "notice_count" in counters:
            Notice = request.env["property.notice"]
            values["notice_count"] = (
                Notice.search_count(self._prepare_notices_domain())
                if Notice.has_access("read")
                else 0
            )
        return values

    def _prepare_leases_domain(self):
        partner = request.env.user.partner_id
        return [
            ("partner_id", "child_of", [partner.commercial_partner_id.id]),
            ("state", "not in", ("draft", "cancel")),
        ]

    @http.route(
        ["/my/leases", "/my/leases/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_leases(self, page=1, sortby=None, **kw):
        # searched as the portal user: record rules restrict to their own leases
        Lease = request.env["property.lease"]
        sortings = {
            "date": {"label": request.env._("Start Date"), "order": "date_start desc, id desc"},
            "name": {"label": request.env._("Contract Number"), "order": "name"},
            "state": {"label": request.env._("Status"), "order": "state, date_start desc"},
        }
        sortby = sortby if sortby in sortings else "date"
        domain = self._prepare_leases_domain()
        pager = portal_pager(
            url="/my/leases",
            url_args={"sortby": sortby},
            total=Lease.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        leases = Lease.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_leases_history"] = leases.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # found as the portal user above; sudo only to display their units' names
                "leases": leases.sudo(),
                "page_name": "lease",
                "pager": pager,
                "default_url": "/my/leases",
                "searchbar_sortings": sortings,
                "sortby": sortby,
            }
        )
        return request.render("property_tenant.portal_my_leases", values)

    @http.route(["/my/leases/<int:lease_id>"], type="http", auth="public", website=True)
    def portal_lease_page(
        self, lease_id, access_token=None, report_type=None, download=False, message=False, **kw
    ):
        try:
            lease_sudo = self._document_check_access(
                "property.lease", lease_id, access_token=access_token
            )
        except (AccessError, MissingError):
            if request.env.user._is_public() and not access_token:
                return request.redirect(f"/web/login?redirect=/my/leases/{lease_id}")
            raise request.not_found() from None
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=lease_sudo,
                report_type=report_type,
                report_ref="property_tenant.property_lease_contract_report",
                download=download,
            )
        values = self._get_page_view_values(
            lease_sudo,
            access_token,
            {
                "lease": lease_sudo,
                "page_name": "lease",
                "message": message,
                "report_type": "html",
                "res_company": lease_sudo.company_id,
            },
            "my_leases_history",
            False,
        )
        return request.render("property_tenant.portal_lease_page", values)

    @http.route(["/my/leases/<int:lease_id>/sign"], type="json", auth="public", website=True)
    def portal_lease_sign(self, lease_id, access_token=None, name=None, signature=None):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            lease_sudo = self._document_check_access(
                "property.lease", lease_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return {"error": request.env._("Invalid lease.")}
        if lease_sudo.state != "signature" or lease_sudo.signature:
            return {"error": request.env._("This lease is not awaiting your signature.")}
        if lease_sudo._signature_link_expired():
            return {
                "error": request.env._(
                    "This signing link expired on %(date)s: ask your leasing officer for a "
                    "new one.",
                    date=lease_sudo.signature_deadline,
                )
            }
        if not name or not signature:
            return {"error": request.env._("Your name and signature are required.")}
        if len(signature) > MAX_SIGNATURE_CHARS or len(name) > 200:
            return {"error": request.env._("The signature is too large.")}
        try:
            # whitelisted fields only, written after the access check above
            lease_sudo.write(
                {"signed_by": name, "signed_on": fields.Datetime.now(), "signature": signature}
            )
        except (TypeError, binascii.Error, ValueError):
            return {"error": request.env._("Invalid signature data.")}
        lease_sudo.action_mark_signed()
        author = (
            lease_sudo.partner_id if request.env.user._is_public() else request.env.user.partner_id
        )
        lease_sudo.message_post(
            author_id=author.id,
            body=request.env._("Contract signed online by %(name)s.", name=name),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return {
            "force_refresh": True,
            "redirect_url": lease_sudo.get_portal_url(query_string="&message=sign_ok"),
        }

    # ------------------------------------------------------------ application
    _lease_apply_durations = (6, 12, 24, 36)
    _lease_apply_max_open = 3

    def _lease_apply_units(self):
        """Units offered in the portal application form: rentable and vacant."""
        return (
            request.env["property.unit"]
            .sudo()
            .search(
                [
                    ("state", "=", "vacant"),
                    ("rentable", "=", True),
                    # only the portal user's own companies: never another company's portfolio
                    ("company_id", "in", request.env.user.company_ids.ids),
                ],
                limit=200,
            )
        )

    def _lease_apply_render(self, error=None, values=None):
        render_values = self._prepare_portal_layout_values()
        render_values.update(
            {
                "page_name": "lease",
                "units": self._lease_apply_units(),
                "durations": self._lease_apply_durations,
                "error": error,
                "form": values or {},
                "today": fields.Date.context_today(request.env.user),
            }
        )
        return request.render("property_tenant.portal_lease_apply", render_values)

    @http.route(["/my/leases/apply"], type="http", auth="user", methods=["GET"], website=True)
    def portal_lease_apply_form(self, **kw):
        return self._lease_apply_render()

    def _prepare_lease_apply_vals(self, partner, unit, start, months):
        """Values of the lease an application creates: the unit's terms, never the form's."""
        return {
            "partner_id": partner.id,
            "company_id": unit.company_id.id,
            "user_id": unit.building_id.manager_id.id,
            "date_start": start,
            "date_end": start + relativedelta(months=months, days=-1),
            "rent_price": unit.list_rent,
            "deposit_amount": unit.list_rent * 2,
            "line_ids": [Command.create({"unit_id": unit.id})],
        }

    @http.route(["/my/leases/apply"], type="http", auth="user", methods=["POST"], website=True)
    def portal_lease_apply(self, unit_id=None, date_start=None, duration=None, note=None, **kw):
        """Create a lease application from the portal. Only these whitelisted inputs are read;
        the rest (price, deposit, terms) comes from the unit and is set by staff in vetting."""
        env = request.env
        values = {"unit_id": unit_id, "date_start": date_start, "duration": duration, "note": note}
        partner = env.user.partner_id.commercial_partner_id
        try:
            unit = self._lease_apply_units().filtered(lambda u: str(u.id) == str(unit_id))
            if not unit:
                raise UserError(env._("Please choose one of the vacant units."))
            start = fields.Date.to_date(date_start) if date_start else None
            if not start or start < fields.Date.context_today(env.user):
                raise UserError(env._("Please choose a start date from today on."))
            months = int(duration) if str(duration).isdigit() else 0
            if months not in self._lease_apply_durations:
                raise UserError(env._("Please choose a lease duration."))
            lease = (
                env["property.lease"]
                .sudo()
                ._portal_apply(
                    partner,
                    self._prepare_lease_apply_vals(partner, unit, start, months),
                    note,
                    self._lease_apply_max_open,
                    env.user.partner_id,
                )
            )
        except (UserError, ValidationError, ValueError) as error:
            message = error.args[0] if error.args else str(error)
            return self._lease_apply_render(error=message, values=values)
        return request.redirect(lease.get_portal_url(query_string="&message=apply_ok"))

    # ------------------------------------------------------------ notices
    def _prepare_notices_domain(self):
        """Published notices addressed to the portal user's commercial entity."""
        partner = request.env.user.partner_id.commercial_partner_id
        return [
            ("receipt_ids.partner_id", "child_of", [partner.id]),
            ("date_publish", "<=", fields.Datetime.now()),
        ]

    def _get_notice_receipts(self, notices):
        """The portal user's own read receipts of these notices (searched as the user)."""
        partner = request.env.user.partner_id.commercial_partner_id
        return request.env["property.notice.receipt"].search(
            [("notice_id", "in", notices.ids), ("partner_id", "child_of", [partner.id])]
        )

    @http.route(
        ["/my/notices", "/my/notices/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_notices(self, page=1, **kw):
        # searched as the portal user: record rules restrict to notices addressed to them
        Notice = request.env["property.notice"]
        domain = self._prepare_notices_domain()
        pager = portal_pager(
            url="/my/notices",
            total=Notice.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        notices = Notice.search(domain, limit=self._items_per_page, offset=pager["offset"])
        unread = self._get_notice_receipts(notices).filtered(lambda r: not r.read_date)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "notices": notices,
                "unread_ids": set(unread.notice_id.ids),
                "page_name": "notice",
                "pager": pager,
                "default_url": "/my/notices",
            }
        )
        return request.render("property_tenant.portal_my_notices", values)

    @http.route(["/my/notices/<int:notice_id>"], type="http", auth="user", website=True)
    def portal_notice_page(self, notice_id, **kw):
        notice = request.env["property.notice"].search(
            expression.AND([self._prepare_notices_domain(), [("id", "=", notice_id)]])
        )
        receipts = self._get_notice_receipts(notice)
        if not receipts:
            raise request.not_found()
        # found as the portal user above: the read date is the only field written as superuser
        receipts.sudo()._mark_read()
        values = self._prepare_portal_layout_values()
        values.update({"notice": notice, "receipt": receipts[:1], "page_name": "notice"})
        return request.render("property_tenant.portal_notice_page", values)
