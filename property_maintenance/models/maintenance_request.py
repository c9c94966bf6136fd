# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from odoo.addons.property_tenant.models.property_lease import OCCUPYING_LEASE_STATES

from .property_ticket_category import TICKET_TYPES

TICKET_STATES = [
    ("new", "New"),
    ("assigned", "Assigned"),
    ("en_route", "En Route"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OPEN_TICKET_STATES = ("new", "assigned", "en_route", "in_progress")
CLOSED_TICKET_STATES = ("done", "cancelled")
# the one state machine of a ticket: each status and the statuses it is reached from
TICKET_TRANSITIONS = {
    "new": CLOSED_TICKET_STATES,  # reopened without a technician
    "assigned": ("new", "en_route", *CLOSED_TICKET_STATES),  # dispatch, recall, reopen
    "en_route": ("assigned",),
    "in_progress": ("assigned", "en_route"),
    "done": ("in_progress",),
    "cancelled": OPEN_TICKET_STATES,
}
# a status without a stage of its own shares the stage of this one
STAGE_STATE_FALLBACK = {"assigned": "new", "en_route": "in_progress"}
# who reads a ticket's costs: property staff (a Property User and a Manager are Technicians too)
TICKET_STAFF_GROUPS = "property_tenant.group_property_technician"


class MaintenanceRequest(models.Model):
    """A property ticket: a core maintenance request with its place (unit, building,
    lease, tenant) and portal access. The other concerns live in their own files:
    workflow, dispatch, SLA, charge-back and rating."""

    _name = "maintenance.request"
    _inherit = ["maintenance.request", "portal.mixin", "property.access.mixin"]
    # tenants follow and discuss the tickets they can read (portal chatter)
    _mail_post_access = "read"

    property_ticket_type = fields.Selection(
        TICKET_TYPES,
        string="Kind",
        compute="_compute_property_ticket_type",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    property_category_id = fields.Many2one(
        "property.ticket.category",
        string="Ticket Category",
        index=True,
        tracking=True,
        check_company=True,
    )
    property_ticket_properties = fields.Properties(
        string="Ticket Fields",
        definition="property_category_id.ticket_properties_definition",
        copy=True,
    )
    property_unit_id = fields.Many2one(
        "property.unit", string="Unit", index=True, tracking=True, check_company=True
    )
    property_building_id = fields.Many2one(
        "property.building",
        string="Building",
        compute="_compute_property_building_id",
        store=True,
        readonly=False,
        index=True,
        check_company=True,
    )
    property_lease_id = fields.Many2one(
        "property.lease",
        string="Lease",
        compute="_compute_property_lease_id",
        store=True,
        readonly=False,
        index=True,
        check_company=True,
    )
    property_partner_id = fields.Many2one(
        "res.partner",
        string="Tenant",
        compute="_compute_property_partner_id",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    property_partner_phone = fields.Char(
        string="Tenant Phone",
        compute="_compute_property_partner_phone",
        compute_sudo=True,
        help="The tenant's mobile, else their phone: the technician taps it to call.",
    )
    property_date_reported = fields.Datetime(
        string="Reported On", default=fields.Datetime.now, required=True, copy=False
    )

    # ------------------------------------------------------------------
    # compute
    # ------------------------------------------------------------------
    @api.depends("property_category_id")
    def _compute_property_ticket_type(self):
        for ticket in self:
            if ticket.property_category_id:
                ticket.property_ticket_type = ticket.property_category_id.ticket_type

    @api.depends("property_unit_id", "equipment_id")
    def _compute_property_building_id(self):
        for ticket in self:
            if ticket.property_unit_id:
                ticket.property_building_id = ticket.property_unit_id.building_id
            elif ticket.equipment_id.property_building_id and not ticket.property_building_id:
                ticket.property_building_id = ticket.equipment_id.property_building_id

    @api.depends("property_unit_id")
    def _compute_property_lease_id(self):
        Line = self.env["property.lease.line"].sudo()
        for ticket in self:
            if not ticket.property_unit_id:
                continue
            if ticket.property_lease_id.sudo().line_ids.unit_id == ticket.property_unit_id:
                continue
            line = Line.search(
                [
                    ("unit_id", "=", ticket.property_unit_id.id),
                    ("lease_state", "in", OCCUPYING_LEASE_STATES),
                ],
                order="date_start desc",
                limit=1,
            )
            ticket.property_lease_id = line.lease_id.with_env(self.env)

    @api.depends("property_lease_id")
    def _compute_property_partner_id(self):
        for ticket in self:
            if ticket.property_lease_id and not ticket.property_partner_id:
                ticket.property_partner_id = ticket.property_lease_id.sudo().partner_id

    @api.depends("property_partner_id.mobile", "property_partner_id.phone")
    def _compute_property_partner_phone(self):
        for ticket in self:
            partner = ticket.property_partner_id
            ticket.property_partner_phone = partner.mobile or partner.phone

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/my/tickets/{ticket.id}"
        return res

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.ondelete(at_uninstall=False)
    def _unlink_except_below_manager(self):
        self._property_check_manager(
            self.env._("Only property managers delete a ticket: cancel it with a reason.")
        )

    # ------------------------------------------------------------------
    # business
    # ------------------------------------------------------------------
    def _property_location_text(self):
        self.ensure_one()
        parts = [
            self.property_building_id.sudo().display_name,
            self.property_unit_id.sudo().display_name,
            self.property_category_id.sudo().display_name,
        ]
        return " / ".join(part for part in parts if part)
