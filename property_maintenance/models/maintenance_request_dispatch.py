# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


# one file per concern of the ticket, all extending maintenance.request
# pylint: disable=consider-merging-classes-inherited
class MaintenanceRequest(models.Model):
    """Dispatch: a ticket's team from its category, its technician by the team's rule,
    reassignment and the technician's notification."""

    _inherit = "maintenance.request"

    property_date_assigned = fields.Datetime(string="Assigned On", copy=False, readonly=True)

    # ------------------------------------------------------------------
    # compute
    # ------------------------------------------------------------------
    @api.depends("property_category_id")
    def _compute_maintenance_team_id(self):
        """A ticket goes to its category's team (a new form too: the team field's
        default would otherwise keep the first team of the company)."""
        res = super()._compute_maintenance_team_id()
        for ticket in self:
            team = ticket.property_category_id.team_id
            if team and (not team.company_id or team.company_id == ticket.company_id):
                ticket.maintenance_team_id = team
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
        preassigned.sudo()._property_transition("assigned")
        preassigned.sudo().write({"property_date_assigned": fields.Datetime.now()})
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
        if "user_id" not in vals:
            return super().write(vals)
        self._property_check_reassign(vals["user_id"])
        new_user = vals["user_id"]
        changed = self.filtered(lambda ticket: ticket.user_id.id != (new_user or False))
        previous = {ticket: ticket.user_id for ticket in changed}
        res = super().write(vals)
        # the previous technician stops following (and hearing about) the ticket
        for ticket, user in previous.items():
            if user:
                ticket.sudo().message_unsubscribe(partner_ids=user.partner_id.ids)
        if new_user and changed:
            # a new technician starts from "assigned" (an en-route colleague is
            # recalled): a consequence of the reassignment the caller was allowed to make
            changed.filtered(
                lambda ticket: ticket.property_state in ("new", "en_route")
            ).sudo()._property_transition("assigned")
            changed.sudo().write({"property_date_assigned": fields.Datetime.now()})
            for ticket in changed:
                ticket._property_notify_assignment()
        return res

    # ------------------------------------------------------------------
    # dispatch
    # ------------------------------------------------------------------
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
            ticket.write({"user_id": user.id})
        return True

    def _property_dispatch_blocker(self):
        """Why dispatch cannot assign this ticket to anybody (a sentence for the person
        who pressed Dispatch), or an empty string when it can."""
        self.ensure_one()
        ticket = self.sudo()
        category = ticket.property_category_id
        team = ticket.maintenance_team_id
        if not category:
            return self.env._(
                "Ticket %(name)s has no category: choose one, its team dispatches the ticket.",
                name=ticket.name,
            )
        if not category.team_id:
            return self.env._(
                "Category %(category)s has no default team: set one on the category or "
                "choose the technician yourself.",
                category=category.display_name,
            )
        if team.property_assignment_rule == "manual":
            return self.env._(
                "Team %(team)s assigns its tickets manually: choose the technician.",
                team=team.display_name,
            )
        category_techs = category.technician_ids
        members = team.member_ids
        if not category_techs and not members:
            return self.env._(
                "Team %(team)s has no members: add technicians to the team.",
                team=team.display_name,
            )
        if category_techs and members and not category_techs & members:
            return self.env._(
                "None of the technicians of category %(category)s is a member of team %(team)s.",
                category=category.display_name,
                team=team.display_name,
            )
        if not ticket._property_dispatch_candidates():
            pool = (category_techs & members) or category_techs or members
            return self.env._(
                "No eligible technician in team %(team)s: %(users)s are unavailable, "
                "archived or not allowed in %(company)s.",
                team=team.display_name,
                users=", ".join(pool.mapped("name")),
                company=ticket.company_id.display_name,
            )
        return ""

    def _property_check_reassign(self, user_id):
        """Only property managers (or the dispatcher) change the technician of a ticket
        that already has one; anybody who may edit the ticket may assign an empty one."""
        if self._property_is_manager():
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

    def action_property_dispatch(self):
        """Run the dispatch again for unassigned tickets (phone intake, a technician back
        from leave). A ticket that stays unassigned says why: the error for one ticket,
        a notification listing the reasons for several."""
        if not (self.env.su or self.env.user.has_group("property_tenant.group_property_user")):
            raise AccessError(self.env._("Only property staff can dispatch tickets."))
        tickets = self.filtered(lambda ticket: not ticket.user_id)
        tickets._property_dispatch()
        blocked = tickets.filtered(lambda ticket: not ticket.user_id)
        reasons = [ticket._property_dispatch_blocker() for ticket in blocked]
        # a blocker nobody foresaw (an override of the picking rule) still says something
        reasons = [
            reason or self.env._("Ticket %(name)s could not be dispatched.", name=ticket.name)
            for ticket, reason in zip(blocked, reasons, strict=True)
        ]
        if blocked and len(self) == 1:
            raise UserError(reasons[0])
        if blocked:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "sticky": True,
                    "title": self.env._("%(count)s ticket(s) not dispatched", count=len(blocked)),
                    "message": "\n".join(reasons),
                    "next": {"type": "ir.actions.client", "tag": "soft_reload"},
                },
            }
        return True
