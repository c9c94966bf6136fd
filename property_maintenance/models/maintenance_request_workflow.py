# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .maintenance_request import (
    CLOSED_TICKET_STATES,
    OPEN_TICKET_STATES,
    STAGE_STATE_FALLBACK,
    TICKET_STAFF_GROUPS,
    TICKET_STATES,
    TICKET_TRANSITIONS,
)


# one file per concern of the ticket, all extending maintenance.request
# pylint: disable=consider-merging-classes-inherited
class MaintenanceRequest(models.Model):
    """Ticket workflow: one state machine (``property_state``, with the stage derived
    from it), the completion report and the technician's buttons. Every status change,
    from a button, a kanban drag (a write of the status or of the stage) or RPC, goes
    through ``_property_transition``."""

    _inherit = "maintenance.request"

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
    property_date_responded = fields.Datetime(string="Responded On", copy=False, readonly=True)
    property_date_done = fields.Datetime(string="Done On", copy=False, readonly=True)
    property_cancel_reason = fields.Text(string="Cancellation Reason", copy=False)
    # completion report
    property_work_done = fields.Html(string="Work Done", copy=False)
    # the cost of a repair is staff's: a tenant reads their own tickets over RPC, not these
    property_material_ids = fields.One2many(
        "property.ticket.material",
        "ticket_id",
        string="Materials",
        copy=False,
        groups=TICKET_STAFF_GROUPS,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    property_material_cost = fields.Monetary(
        string="Materials Cost",
        compute="_compute_property_cost",
        store=True,
        groups=TICKET_STAFF_GROUPS,
    )
    property_labor_cost = fields.Monetary(
        string="Labour Cost", copy=False, groups=TICKET_STAFF_GROUPS
    )
    property_cost_total = fields.Monetary(
        string="Total Cost",
        compute="_compute_property_cost",
        store=True,
        groups=TICKET_STAFF_GROUPS,
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

    # ------------------------------------------------------------------
    # compute
    # ------------------------------------------------------------------
    def _read_group_property_state(self, states, domain):
        return [key for key, _label in TICKET_STATES if key != "cancelled"]

    @api.depends("property_material_ids.subtotal", "property_labor_cost")
    def _compute_property_cost(self):
        for ticket in self:
            ticket.property_material_cost = sum(ticket.property_material_ids.mapped("subtotal"))
            ticket.property_cost_total = ticket.property_material_cost + ticket.property_labor_cost

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if not ({"property_state", "stage_id"} & vals.keys()):
            return super().write(vals)
        if self.env.su:
            # trusted code (the transitions below): the stage follows the status
            if "property_state" in vals and "stage_id" not in vals:
                stage = self._property_get_stage(vals["property_state"])
                if stage:
                    vals = {**vals, "stage_id": stage.id}
            return super().write(vals)
        # a drag or an RPC write: managers only, then the same transition as the buttons
        self._property_check_manager(
            self.env._("The ticket status changes through the ticket's buttons only.")
        )
        vals = dict(vals)
        state = vals.pop("property_state", False)
        stage = self.env["maintenance.stage"].browse(vals.pop("stage_id", False))
        res = super().write(vals) if vals else True
        by_target = defaultdict(lambda: self.browse())
        for ticket in self:
            by_target[state or ticket._property_state_for_stage(stage)] |= ticket
        for target, tickets in by_target.items():
            tickets.filtered(
                lambda ticket, target=target: ticket.property_state != target
            )._property_transition(target)
            if stage:
                tickets.sudo().filtered(lambda ticket: ticket.stage_id != stage).write(
                    {"stage_id": stage.id}
                )
        return res

    # ------------------------------------------------------------------
    # workflow
    # ------------------------------------------------------------------
    def _property_get_stage(self, state):
        """The stage a ticket in ``state`` sits in (False: the stage stays)."""
        Stage = self.env["maintenance.stage"].sudo()
        for key in (state, STAGE_STATE_FALLBACK.get(state)):
            stage = key and Stage.search([("property_state", "=", key)], limit=1)
            if stage:
                return stage
        return Stage

    def _property_state_for_stage(self, stage):
        """The status a card dropped on ``stage`` moves to: the stage's status (New
        means Assigned once a technician has the ticket); the ticket's own status when
        the stage is already its stage."""
        self.ensure_one()
        if not stage:
            return self.property_state
        state = stage.property_state
        if not state:
            raise UserError(
                self.env._(
                    "Stage %(stage)s holds no ticket status: ticket %(name)s cannot go there.",
                    stage=stage.display_name,
                    name=self.name,
                )
            )
        current = self.property_state
        if STAGE_STATE_FALLBACK.get(current, current) == state:
            return current
        if state == "new" and self.user_id:
            return "assigned"
        return state

    def _property_transition(self, state, reason=None):
        """Move the tickets to ``state``: the one way a ticket changes status, whether
        from a button, a kanban drag or RPC. Checks the caller's right, that the
        workflow allows the step and its guards, writes the values the step sets (as
        superuser: they are built here, never taken from the caller), then runs the
        step's side effects."""
        if not self:
            return True
        self._property_check_transition_access(state)
        self._property_check_state(TICKET_TRANSITIONS[state])
        self._property_check_transition_guards(state, reason=reason)
        self.sudo().write(self._prepare_property_transition_vals(state, reason=reason))
        self._property_after_transition(state, reason=reason)
        return True

    def _property_check_transition_access(self, state):
        if any(ticket.property_state in CLOSED_TICKET_STATES for ticket in self):
            self._property_check_manager(self.env._("Only property managers can reopen a ticket."))
        self._property_check_operator()

    def _property_check_transition_guards(self, state, reason=None):
        """What a step needs: the work done on a repair before it is done, a reason to
        cancel."""
        if state == "done":
            for ticket in self:
                if ticket.property_ticket_type == "repair" and not ticket.property_work_done:
                    raise UserError(
                        self.env._(
                            "Describe the work done on ticket %(name)s before closing it.",
                            name=ticket.name,
                        )
                    )
        elif state == "cancelled" and not (reason or "").strip():
            raise UserError(self.env._("Give a reason to cancel the ticket."))

    def _prepare_property_transition_vals(self, state, reason=None):
        vals = {"property_state": state}
        stage = self._property_get_stage(state)
        if stage:
            vals["stage_id"] = stage.id
        if state == "done":
            vals["property_date_done"] = fields.Datetime.now()
        elif state == "cancelled":
            vals["property_cancel_reason"] = reason
        elif any(ticket.property_state in CLOSED_TICKET_STATES for ticket in self):
            vals.update(
                {"property_date_done": False, "archive": False, "property_cancel_reason": False}
            )
        return vals

    def _property_after_transition(self, state, reason=None):
        if state in ("en_route", "in_progress"):
            self._property_mark_responded()
            self.activity_feedback(["property_maintenance.mail_activity_ticket_assigned"])
        elif state in CLOSED_TICKET_STATES:
            self.activity_unlink(
                [
                    "property_maintenance.mail_activity_ticket_assigned",
                    "property_maintenance.mail_activity_sla_warning",
                ]
            )
        if state == "done":
            self._property_on_done()
        elif state == "cancelled":
            for ticket in self:
                ticket.message_post(
                    body=self.env._("Ticket cancelled: %(reason)s", reason=reason),
                    subtype_xmlid="mail.mt_comment",
                )

    def _property_on_done(self):
        """Hook run once tickets are done (charge-back, rating request)."""
        return True

    def _property_check_operator(self):
        """The assigned technician or a property manager moves the ticket along."""
        if self._property_is_manager():
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
        self.filtered(lambda ticket: not ticket.property_date_responded).write(
            {"property_date_responded": now}
        )

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def action_property_en_route(self):
        return self._property_transition("en_route")

    def action_property_start(self):
        return self._property_transition("in_progress")

    def action_property_done(self):
        return self._property_transition("done")

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
        return self._property_transition("cancelled", reason=reason)

    def action_property_reopen(self):
        self._property_check_manager(self.env._("Only property managers can reopen a ticket."))
        self._property_check_state(CLOSED_TICKET_STATES)
        assigned = self.filtered("user_id")
        assigned._property_transition("assigned")
        (self - assigned)._property_transition("new")
        return True
