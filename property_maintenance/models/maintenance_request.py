# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

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
# maintenance.stage each state maps to (core stages, looked up leniently)
STATE_STAGES = {
    "new": "maintenance.stage_0",
    "assigned": "maintenance.stage_0",
    "en_route": "maintenance.stage_1",
    "in_progress": "maintenance.stage_1",
    "done": "maintenance.stage_3",
}


class MaintenanceRequest(models.Model):
    _name = "maintenance.request"
    _inherit = ["maintenance.request", "portal.mixin", "rating.mixin"]
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
    property_state = fields.Selection(
        TICKET_STATES,
        string="Ticket Status",
        default="new",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        group_expand="_read_group_property_state",
    )
    property_date_reported = fields.Datetime(
        string="Reported On", default=fields.Datetime.now, required=True, copy=False
    )
    date_assigned = fields.Datetime(string="Assigned On", copy=False, readonly=True)
    date_responded = fields.Datetime(string="Responded On", copy=False, readonly=True)
    date_done = fields.Datetime(string="Done On", copy=False, readonly=True)
    property_cancel_reason = fields.Text(string="Cancellation Reason", copy=False)
    sla_response_deadline = fields.Datetime(
        string="Response Deadline", compute="_compute_sla_deadlines", store=True, index=True
    )
    sla_resolution_deadline = fields.Datetime(
        string="Resolution Deadline", compute="_compute_sla_deadlines", store=True, index=True
    )
    sla_response_breached = fields.Boolean(
        string="Response SLA Breached",
        compute="_compute_sla_response_breached",
        store=True,
        readonly=False,
        copy=False,
    )
    sla_resolution_breached = fields.Boolean(
        string="Resolution SLA Breached",
        compute="_compute_sla_resolution_breached",
        store=True,
        readonly=False,
        copy=False,
    )
    sla_response_warned = fields.Boolean(copy=False, readonly=True)
    sla_resolution_warned = fields.Boolean(copy=False, readonly=True)
    sla_response_escalated = fields.Boolean(copy=False, readonly=True)
    sla_resolution_escalated = fields.Boolean(copy=False, readonly=True)
    # completion report
    property_work_done = fields.Html(string="Work Done", copy=False)
    property_material_ids = fields.One2many(
        "property.ticket.material", "ticket_id", string="Materials", copy=False
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    property_material_cost = fields.Monetary(
        string="Materials Cost", compute="_compute_property_cost", store=True
    )
    property_labor_cost = fields.Monetary(string="Labour Cost", copy=False)
    property_cost_total = fields.Monetary(
        string="Total Cost", compute="_compute_property_cost", store=True
    )
    property_photo_before_ids = fields.Many2many(
        "ir.attachment",
        "maintenance_request_photo_before_rel",
        "request_id",
        "attachment_id",
        string="Photos Before",
        copy=False,
    )
    property_photo_after_ids = fields.Many2many(
        "ir.attachment",
        "maintenance_request_photo_after_rel",
        "request_id",
        "attachment_id",
        string="Photos After",
        copy=False,
    )
    property_chargeable = fields.Boolean(
        string="Charge to Tenant",
        copy=False,
        tracking=True,
        help="The tenant is at fault: the cost is charged on their next invoice, or "
        "invoiced separately.",
    )
    property_charge_amount = fields.Monetary(
        string="Amount to Charge",
        compute="_compute_property_charge_amount",
        store=True,
        readonly=False,
        copy=False,
    )
    property_charge_ref = fields.Reference(
        selection="_selection_property_charge_ref",
        string="Charge",
        readonly=True,
        copy=False,
        groups="account.group_account_invoice",
    )
    property_charge_move_id = fields.Many2one(
        "account.move",
        string="Charge Invoice",
        readonly=True,
        copy=False,
        groups="account.group_account_invoice",
    )
    property_is_charged = fields.Boolean(string="Charged", readonly=True, copy=False)
    property_charge_label = fields.Char(
        string="Charged As",
        compute="_compute_property_charge_label",
        compute_sudo=True,
        help="The invoice or pending charge the cost went to (readable without accounting rights).",
    )

    # ------------------------------------------------------------------
    # compute
    # ------------------------------------------------------------------
    @api.model
    def _selection_property_charge_ref(self):
        selection = [("account.move", "Invoice")]
        if "property.charge" in self.env:
            selection.append(("property.charge", "Pending Charge"))
        return selection

    def _read_group_property_state(self, states, domain):
        return [key for key, _label in TICKET_STATES if key != "cancelled"]

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

    @api.depends("property_category_id", "priority", "property_date_reported")
    def _compute_sla_deadlines(self):
        for ticket in self:
            sla = (
                ticket.property_category_id._get_sla(ticket.priority)
                if ticket.property_category_id
                else False
            )
            start = ticket.property_date_reported or fields.Datetime.now()
            ticket.sla_response_deadline = (
                start + timedelta(hours=sla.response_hours) if sla and sla.response_hours else False
            )
            ticket.sla_resolution_deadline = (
                start + timedelta(hours=sla.resolution_hours)
                if sla and sla.resolution_hours
                else False
            )

    @api.depends("sla_response_deadline", "date_responded", "property_state")
    def _compute_sla_response_breached(self):
        now = fields.Datetime.now()
        for ticket in self:
            deadline = ticket.sla_response_deadline
            if ticket.property_state == "cancelled":
                # a cancelled ticket keeps a breach already escalated, gains none
                ticket.sla_response_breached = ticket.sla_response_escalated
                continue
            ticket.sla_response_breached = bool(
                deadline and (ticket.date_responded or now) > deadline
            )

    @api.depends("sla_resolution_deadline", "date_done", "property_state")
    def _compute_sla_resolution_breached(self):
        now = fields.Datetime.now()
        for ticket in self:
            deadline = ticket.sla_resolution_deadline
            if ticket.property_state == "cancelled":
                ticket.sla_resolution_breached = ticket.sla_resolution_escalated
                continue
            ticket.sla_resolution_breached = bool(deadline and (ticket.date_done or now) > deadline)

    @api.depends("property_material_ids.subtotal", "property_labor_cost")
    def _compute_property_cost(self):
        for ticket in self:
            ticket.property_material_cost = sum(ticket.property_material_ids.mapped("subtotal"))
            ticket.property_cost_total = ticket.property_material_cost + ticket.property_labor_cost

    @api.depends("property_cost_total")
    def _compute_property_charge_amount(self):
        for ticket in self:
            if not ticket.property_is_charged:
                ticket.property_charge_amount = ticket.property_cost_total

    @api.depends("property_charge_ref")
    def _compute_property_charge_label(self):
        for ticket in self:
            ref = ticket.property_charge_ref
            if not ref:
                ticket.property_charge_label = False
            elif ref._name == "account.move":
                ticket.property_charge_label = ref.name
            else:
                ticket.property_charge_label = self.env._(
                    "%(amount)s on the next rent invoice of %(lease)s",
                    amount=ticket.currency_id.format(ticket.property_charge_amount),
                    lease=ticket.property_lease_id.name,
                )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/my/tickets/{ticket.id}"
        return res

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            category_id = vals.get("property_category_id")
            if category_id and not vals.get("maintenance_team_id"):
                team = self.env["property.ticket.category"].browse(category_id).team_id
                if team:
                    vals["maintenance_team_id"] = team.id
        tickets = super().create(vals_list)
        # technician given or computed (equipment's technician): assigned at once
        preassigned = tickets.filtered(
            lambda ticket: ticket.user_id and ticket.property_state == "new"
        )
        preassigned.sudo().write(
            {"property_state": "assigned", "date_assigned": fields.Datetime.now()}
        )
        preassigned.filtered(
            lambda ticket: ticket.property_category_id or ticket.property_unit_id
        )._property_notify_assignment()
        # the others are dispatched by their category's team (write() notifies)
        tickets.filtered(
            lambda ticket: (
                ticket.property_category_id
                and not ticket.user_id
                and ticket.property_state == "new"
            )
        )._property_dispatch()
        return tickets

    def write(self, vals):
        if "user_id" in vals and not self.env.context.get("property_dispatch"):
            self._property_check_reassign(vals["user_id"])
        if "property_state" in vals and not (
            self.env.su
            or self.env.context.get("property_transition")
            or self.env.user.has_group("property_tenant.group_property_manager")
        ):
            raise AccessError(
                self.env._("The ticket status changes through the ticket's buttons only.")
            )
        if "property_state" in vals:
            stage_xmlid = STATE_STAGES.get(vals["property_state"])
            stage = stage_xmlid and self.env.ref(stage_xmlid, raise_if_not_found=False)
            if stage and "stage_id" not in vals:
                vals["stage_id"] = stage.id
        new_user = "user_id" in vals and vals["user_id"]
        if new_user:
            changed = self.filtered(lambda ticket: ticket.user_id.id != vals["user_id"])
        res = super().write(vals)
        if new_user and changed:
            # a new technician starts from "assigned" (an en-route colleague is recalled)
            changed.filtered(
                lambda ticket: ticket.property_state in ("new", "en_route")
            )._property_set_state({"property_state": "assigned"})
            changed.sudo().write({"date_assigned": fields.Datetime.now()})
            for ticket in changed:
                ticket._property_notify_assignment()
        return res

    # ------------------------------------------------------------------
    # dispatch
    # ------------------------------------------------------------------
    def _property_set_state(self, vals):
        """Write a status change decided by a workflow action (checked by the caller)."""
        return self.with_context(property_transition=True).write(vals)

    def _property_dispatch_candidates(self):
        """Users eligible for this ticket: the category's technicians that are members
        of the ticket's team (or either list when the other is empty), available and
        allowed in the ticket's company."""
        self.ensure_one()
        team = self.maintenance_team_id
        category_techs = self.property_category_id.technician_ids
        members = team.member_ids
        if category_techs and members:
            candidates = category_techs & members
        else:
            candidates = category_techs or members
        return candidates.filtered(
            lambda user: (
                user.active
                and user.property_available
                and not user.share
                and self.company_id in user.company_ids
            )
        )

    def _property_dispatch(self):
        """Assign each ticket to a technician by its team's rule (round-robin or least
        open tickets), skipping unavailable technicians. Tickets without an eligible
        technician stay new for a manager to assign."""
        for ticket in self.sudo():
            # only categories with a team dispatch; a manager may have moved the
            # ticket to another team since, whose rule then applies
            team = ticket.property_category_id.team_id and ticket.maintenance_team_id
            if not team:
                continue
            user = team._property_pick_technician(ticket._property_dispatch_candidates())
            if not user:
                continue
            team.property_last_assignee_id = user
            ticket.with_context(property_dispatch=True).write({"user_id": user.id})
        return True

    def _property_check_reassign(self, user_id):
        """Only property managers (or the dispatcher) change the technician of a ticket
        that already has one; anybody who may edit the ticket may assign an empty one."""
        if self.env.su or self.env.user.has_group("property_tenant.group_property_manager"):
            return
        if any(ticket.user_id and ticket.user_id.id != user_id for ticket in self):
            raise AccessError(self.env._("Only property managers can reassign a ticket."))

    def _property_notify_assignment(self):
        """Tell the assigned technician: a to-do activity (which notifies them) and a
        follower subscription so they get the tenant's messages."""
        for ticket in self.sudo():
            if not ticket.user_id:
                continue
            # a reassigned ticket leaves the previous technician's to-do list
            ticket.activity_unlink(["property_maintenance.mail_activity_ticket_assigned"])
            ticket.message_subscribe(partner_ids=ticket.user_id.partner_id.ids)
            ticket.activity_schedule(
                "property_maintenance.mail_activity_ticket_assigned",
                date_deadline=fields.Date.context_today(ticket),
                user_id=ticket.user_id.id,
                summary=self.env._("New ticket: %(name)s", name=ticket.name),
                note=ticket._property_location_text(),
            )

    def _property_location_text(self):
        self.ensure_one()
        parts = [
            self.property_building_id.sudo().display_name,
            self.property_unit_id.sudo().display_name,
            self.property_category_id.sudo().display_name,
        ]
        return " / ".join(part for part in parts if part)

    # ------------------------------------------------------------------
    # technician workflow
    # ------------------------------------------------------------------
    def _property_check_operator(self):
        """The assigned technician or a property manager moves the ticket along."""
        if self.env.su or self.env.user.has_group("property_tenant.group_property_manager"):
            return
        for ticket in self:
            if ticket.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only the assigned technician or a property manager can update "
                        "ticket %(name)s.",
                        name=ticket.name,
                    )
                )

    def _property_check_state(self, allowed):
        for ticket in self:
            if ticket.property_state not in allowed:
                raise UserError(
                    self.env._(
                        "Ticket %(name)s is %(state)s: this step is not possible.",
                        name=ticket.name,
                        state=dict(TICKET_STATES)[ticket.property_state],
                    )
                )

    def _property_mark_responded(self):
        now = fields.Datetime.now()
        self.filtered(lambda ticket: not ticket.date_responded).write({"date_responded": now})

    def action_property_en_route(self):
        self._property_check_operator()
        self._property_check_state(("assigned",))
        self._property_set_state({"property_state": "en_route"})
        self._property_mark_responded()
        self.activity_feedback(["property_maintenance.mail_activity_ticket_assigned"])
        return True

    def action_property_start(self):
        self._property_check_operator()
        self._property_check_state(("assigned", "en_route"))
        self._property_set_state({"property_state": "in_progress"})
        self._property_mark_responded()
        self.activity_feedback(["property_maintenance.mail_activity_ticket_assigned"])
        return True

    def action_property_done(self):
        self._property_check_operator()
        self._property_check_state(("in_progress",))
        for ticket in self:
            if ticket.property_ticket_type == "repair" and not ticket.property_work_done:
                raise UserError(
                    self.env._(
                        "Describe the work done on ticket %(name)s before closing it.",
                        name=ticket.name,
                    )
                )
        self._property_set_state({"property_state": "done", "date_done": fields.Datetime.now()})
        self.activity_unlink(
            [
                "property_maintenance.mail_activity_ticket_assigned",
                "property_maintenance.mail_activity_sla_warning",
            ]
        )
        self.filtered("property_chargeable")._property_charge_back()
        self._property_send_rating_request()
        return True

    def action_property_cancel(self):
        self._property_check_operator()
        self._property_check_state(OPEN_TICKET_STATES)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cancel Ticket"),
            "res_model": "property.ticket.cancel.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def _property_cancel(self, reason):
        self._property_check_operator()
        self._property_check_state(OPEN_TICKET_STATES)
        if not (reason or "").strip():
            raise UserError(self.env._("Give a reason to cancel the ticket."))
        self._property_set_state({"property_state": "cancelled", "property_cancel_reason": reason})
        self.activity_unlink(
            [
                "property_maintenance.mail_activity_ticket_assigned",
                "property_maintenance.mail_activity_sla_warning",
            ]
        )
        for ticket in self:
            ticket.message_post(
                body=self.env._("Ticket cancelled: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_property_reopen(self):
        if not (self.env.su or self.env.user.has_group("property_tenant.group_property_manager")):
            raise AccessError(self.env._("Only property managers can reopen a ticket."))
        self._property_check_state(("cancelled", "done"))
        self._property_set_state(
            {
                "property_state": "assigned",
                "date_done": False,
                "archive": False,
                "property_cancel_reason": False,
            }
        )
        self.filtered(lambda ticket: not ticket.user_id)._property_set_state(
            {"property_state": "new"}
        )
        return True

    def action_property_dispatch(self):
        """Manager button: run the dispatch again for unassigned tickets."""
        if not (self.env.su or self.env.user.has_group("property_tenant.group_property_manager")):
            raise AccessError(self.env._("Only property managers can dispatch tickets."))
        self.filtered(lambda ticket: not ticket.user_id)._property_dispatch()
        return True

    # ------------------------------------------------------------------
    # charge-back
    # ------------------------------------------------------------------
    def action_property_charge_tenant(self):
        if not (self.env.su or self.env.user.has_group("property_tenant.group_property_manager")):
            raise AccessError(self.env._("Only property managers can charge a tenant."))
        self._property_check_state(("done",))
        self.write({"property_chargeable": True})
        self._property_charge_back()
        return True

    def _property_charge_back(self):
        """Turn the cost of done, chargeable tickets into money owed by the tenant: a
        pending ``property.charge`` picked up by the next rent invoice when billing is
        installed and the ticket has a lease, else a separate customer invoice."""
        moves = self.env["account.move"].sudo()
        for ticket in self.sudo():
            if ticket.property_is_charged or not ticket.property_chargeable:
                continue
            if not ticket.property_partner_id:
                raise UserError(
                    self.env._("Ticket %(name)s has no tenant to charge.", name=ticket.name)
                )
            if ticket.currency_id.is_zero(ticket.property_charge_amount):
                raise UserError(
                    self.env._("Ticket %(name)s has no amount to charge.", name=ticket.name)
                )
            label = self.env._(
                "Repair charge: %(ticket)s (%(where)s)",
                ticket=ticket.name,
                where=ticket._property_location_text() or "-",
            )
            if "property.charge" in self.env and ticket.property_lease_id:
                charge = ticket.env["property.charge"].create(
                    ticket._prepare_property_charge_vals(label)
                )
                ticket.write({"property_is_charged": True, "property_charge_ref": charge})
            else:
                move = (
                    ticket.env["account.move"]
                    .with_company(ticket.company_id)
                    .create(ticket._prepare_property_charge_invoice_vals(label))
                )
                move.action_post()
                moves |= move
                ticket.write(
                    {
                        "property_is_charged": True,
                        "property_charge_move_id": move.id,
                        "property_charge_ref": move,
                    }
                )
            ticket.message_post(
                body=self.env._(
                    "Charged to the tenant: %(amount)s",
                    amount=ticket.currency_id.format(ticket.property_charge_amount),
                ),
            )
        return moves

    def _prepare_property_charge_vals(self, label):
        self.ensure_one()
        return {
            "lease_id": self.property_lease_id.id,
            "name": label,
            "amount": self.property_charge_amount,
            "date": fields.Date.context_today(self),
        }

    def _prepare_property_charge_invoice_vals(self, label):
        self.ensure_one()
        vals = {
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "partner_id": self.property_partner_id.id,
            "invoice_origin": self.name,
            "invoice_line_ids": [
                Command.create(
                    {"name": label, "quantity": 1.0, "price_unit": self.property_charge_amount}
                )
            ],
        }
        move_fields = self.env["account.move"]._fields
        if "property_lease_id" in move_fields and self.property_lease_id:
            vals["property_lease_id"] = self.property_lease_id.id
        if "property_invoice_kind" in move_fields:
            vals["property_invoice_kind"] = "charge"
        return vals

    # ------------------------------------------------------------------
    # rating
    # ------------------------------------------------------------------
    def _rating_get_partner(self):
        return self.property_partner_id or super()._rating_get_partner()

    def _rating_get_parent_field_name(self):
        return "property_category_id"

    def _property_send_rating_request(self):
        template = self.env.ref(
            "property_maintenance.mail_template_ticket_rating", raise_if_not_found=False
        )
        if not template:
            return
        for ticket in self.sudo().filtered("property_partner_id"):
            ticket.rating_send_request(
                template, lang=ticket.property_partner_id.lang, force_send=False
            )

    # ------------------------------------------------------------------
    # SLA
    # ------------------------------------------------------------------
    def _property_sla_escalation_users(self):
        """Who hears about a breach: the team leader, else the building manager, else
        every property manager."""
        self.ensure_one()
        users = self.maintenance_team_id.property_leader_id
        if not users:
            users = self.property_building_id.sudo().manager_id
        if not users:
            users = (
                self.env.ref("property_tenant.group_property_manager")
                .sudo()
                .users.filtered(lambda user: not user.share and user.active and user.id != 1)
            )
        return users

    def _property_sla_warn(self, kind):
        deadline = self[f"sla_{kind}_deadline"]
        label = self.env._("response") if kind == "response" else self.env._("resolution")
        # unassigned tickets: whoever would hear about the breach is warned instead
        user = self.user_id or self._property_sla_escalation_users()[:1]
        self.activity_schedule(
            "property_maintenance.mail_activity_sla_warning",
            date_deadline=deadline.date(),
            user_id=(user or self.env.user).id,
            summary=self.env._(
                "SLA %(kind)s deadline approaching: %(deadline)s",
                kind=label,
                deadline=fields.Datetime.to_string(deadline),
            ),
        )
        self[f"sla_{kind}_warned"] = True

    def _property_sla_escalate(self, kind):
        label = self.env._("response") if kind == "response" else self.env._("resolution")
        users = self._property_sla_escalation_users()
        for user in users:
            self.activity_schedule(
                "property_maintenance.mail_activity_sla_escalation",
                date_deadline=fields.Date.context_today(self),
                user_id=user.id,
                summary=self.env._("SLA %(kind)s breached on %(name)s", kind=label, name=self.name),
            )
        self.message_post(
            body=Markup("<p>%s</p>")
            % self.env._(
                "The %(kind)s SLA is breached; escalated to %(users)s.",
                kind=label,
                users=", ".join(users.mapped("name")) or "-",
            ),
            partner_ids=users.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        self.write({f"sla_{kind}_breached": True, f"sla_{kind}_escalated": True})

    def _property_sla_check(self, now=None):
        """Warn before and escalate after each SLA deadline, each at most once."""
        now = now or fields.Datetime.now()
        for ticket in self:
            warn_delta = timedelta(hours=ticket.property_category_id.sla_warning_hours or 0.0)
            checks = (
                ("response", ticket.date_responded),
                ("resolution", ticket.date_done),
            )
            for kind, met in checks:
                deadline = ticket[f"sla_{kind}_deadline"]
                if not deadline or met:
                    continue
                if now > deadline:
                    if not ticket[f"sla_{kind}_escalated"]:
                        ticket._property_sla_escalate(kind)
                elif now >= deadline - warn_delta and not ticket[f"sla_{kind}_warned"]:
                    ticket._property_sla_warn(kind)

    @api.model
    def _cron_property_sla(self):
        now = fields.Datetime.now()
        warning_hours = self.env["property.ticket.category"].search([]).mapped("sla_warning_hours")
        horizon = now + timedelta(hours=max([1.0, *warning_hours]))
        tickets = self.search(
            [
                ("property_state", "in", OPEN_TICKET_STATES),
                "|",
                "&",
                ("sla_response_deadline", "<=", horizon),
                ("sla_response_escalated", "=", False),
                "&",
                ("sla_resolution_deadline", "<=", horizon),
                ("sla_resolution_escalated", "=", False),
            ]
        )
        tickets._property_sla_check(now)
        self.env["ir.cron"]._notify_progress(done=len(tickets), remaining=0)
        return True
