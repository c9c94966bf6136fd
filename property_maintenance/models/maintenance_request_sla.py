# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models

from .maintenance_request import OPEN_TICKET_STATES


# one file per concern of the ticket, all extending maintenance.request
# pylint: disable=consider-merging-classes-inherited
class MaintenanceRequest(models.Model):
    """Service levels: response and resolution deadlines from the category's SLA,
    breach flags, and the cron that warns before and escalates after each deadline."""

    _inherit = "maintenance.request"

    property_sla_response_deadline = fields.Datetime(
        string="Response Deadline",
        compute="_compute_property_sla_deadlines",
        store=True,
        index=True,
    )
    property_sla_resolution_deadline = fields.Datetime(
        string="Resolution Deadline",
        compute="_compute_property_sla_deadlines",
        store=True,
        index=True,
    )
    property_sla_response_breached = fields.Boolean(
        string="Response SLA Breached",
        compute="_compute_property_sla_response_breached",
        store=True,
        readonly=False,
        copy=False,
    )
    property_sla_resolution_breached = fields.Boolean(
        string="Resolution SLA Breached",
        compute="_compute_property_sla_resolution_breached",
        store=True,
        readonly=False,
        copy=False,
    )
    property_sla_response_warned = fields.Boolean(
        string="Response SLA Warned", copy=False, readonly=True
    )
    property_sla_resolution_warned = fields.Boolean(
        string="Resolution SLA Warned", copy=False, readonly=True
    )
    property_sla_response_escalated = fields.Boolean(
        string="Response SLA Escalated", copy=False, readonly=True
    )
    property_sla_resolution_escalated = fields.Boolean(
        string="Resolution SLA Escalated", copy=False, readonly=True
    )

    # ------------------------------------------------------------------
    # compute
    # ------------------------------------------------------------------
    @api.depends("property_category_id", "priority", "property_date_reported")
    def _compute_property_sla_deadlines(self):
        for ticket in self:
            sla = (
                ticket.property_category_id._get_sla(ticket.priority)
                if ticket.property_category_id
                else False
            )
            start = ticket.property_date_reported or fields.Datetime.now()
            ticket.property_sla_response_deadline = (
                start + timedelta(hours=sla.response_hours) if sla and sla.response_hours else False
            )
            ticket.property_sla_resolution_deadline = (
                start + timedelta(hours=sla.resolution_hours)
                if sla and sla.resolution_hours
                else False
            )

    @api.depends("property_sla_response_deadline", "property_date_responded", "property_state")
    def _compute_property_sla_response_breached(self):
        now = fields.Datetime.now()
        for ticket in self:
            deadline = ticket.property_sla_response_deadline
            if ticket.property_state == "cancelled":
                # a cancelled ticket keeps a breach already escalated, gains none
                ticket.property_sla_response_breached = ticket.property_sla_response_escalated
                continue
            ticket.property_sla_response_breached = bool(
                deadline and (ticket.property_date_responded or now) > deadline
            )

    @api.depends("property_sla_resolution_deadline", "property_date_done", "property_state")
    def _compute_property_sla_resolution_breached(self):
        now = fields.Datetime.now()
        for ticket in self:
            deadline = ticket.property_sla_resolution_deadline
            if ticket.property_state == "cancelled":
                ticket.property_sla_resolution_breached = ticket.property_sla_resolution_escalated
                continue
            ticket.property_sla_resolution_breached = bool(
                deadline and (ticket.property_date_done or now) > deadline
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
        deadline = self[f"property_sla_{kind}_deadline"]
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
        self[f"property_sla_{kind}_warned"] = True

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
        self.write({f"property_sla_{kind}_breached": True, f"property_sla_{kind}_escalated": True})

    def _property_sla_check(self, now=None):
        """Warn before and escalate after each SLA deadline, each at most once."""
        now = now or fields.Datetime.now()
        for ticket in self:
            warn_delta = timedelta(hours=ticket.property_category_id.sla_warning_hours or 0.0)
            checks = (
                ("response", ticket.property_date_responded),
                ("resolution", ticket.property_date_done),
            )
            for kind, met in checks:
                deadline = ticket[f"property_sla_{kind}_deadline"]
                if not deadline or met:
                    continue
                if now > deadline:
                    if not ticket[f"property_sla_{kind}_escalated"]:
                        ticket._property_sla_escalate(kind)
                elif now >= deadline - warn_delta and not ticket[f"property_sla_{kind}_warned"]:
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
                ("property_sla_response_deadline", "<=", horizon),
                ("property_sla_response_escalated", "=", False),
                "&",
                ("property_sla_resolution_deadline", "<=", horizon),
                ("property_sla_resolution_escalated", "=", False),
            ]
        )
        tickets._property_sla_check(now)
        self.env["ir.cron"]._notify_progress(done=len(tickets), remaining=0)
        return True
