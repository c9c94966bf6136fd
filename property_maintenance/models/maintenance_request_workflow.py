# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .maintenance_request import OPEN_TICKET_STATES, STATE_STAGES, TICKET_STATES


# one file per concern of the ticket, all extending maintenance.request
# pylint: disable=consider-merging-classes-inherited
class MaintenanceRequest(models.Model):
    """Ticket workflow: status, completion report and the technician's buttons."""

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
    date_responded = fields.Datetime(string="Responded On", copy=False, readonly=True)
    date_done = fields.Datetime(string="Done On", copy=False, readonly=True)
    property_cancel_reason = fields.Text(string="Cancellation Reason", copy=False)
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
        return super().write(vals)

    # ------------------------------------------------------------------
    # technician workflow
    # ------------------------------------------------------------------
    def _property_set_state(self, vals):
        """Write a status change decided by a workflow action (checked by the caller)."""
        return self.with_context(property_transition=True).write(vals)

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
