# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

TICKET_TYPES = [
    ("repair", "Repair"),
    ("complaint", "Complaint"),
    ("suggestion", "Suggestion"),
]


class PropertyTicketCategory(models.Model):
    _name = "property.ticket.category"
    _description = "Service Ticket Category"
    _inherit = ["rating.parent.mixin"]
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    ticket_properties_definition = fields.PropertiesDefinition(
        string="Ticket Fields",
        help="Custom fields shown on the tickets of this category.",
    )
    ticket_type = fields.Selection(
        TICKET_TYPES,
        string="Default Kind",
        default="repair",
        required=True,
        help="Kind given to new tickets of this category.",
    )
    team_id = fields.Many2one(
        "maintenance.team",
        string="Default Team",
        check_company=True,
        help="New tickets of this category are routed to this team.",
    )
    technician_ids = fields.Many2many(
        "res.users",
        "property_ticket_category_technician_rel",
        "category_id",
        "user_id",
        string="Technicians",
        domain="[('share', '=', False)]",
        help="Technicians qualified for this category. When set, dispatch only picks among "
        "them (and among the team members when the team has members).",
    )
    sla_ids = fields.One2many("property.ticket.sla", "category_id", string="SLA Targets", copy=True)
    sla_warning_hours = fields.Float(
        string="Warn Before Breach (h)",
        default=1.0,
        help="The scheduled action warns the technician this many hours before a deadline.",
    )
    description = fields.Text(translate=True)
    portal_visible = fields.Boolean(
        string="Tenants Can Use",
        default=True,
        help="Offered to tenants in the portal submission form.",
    )
    ticket_ids = fields.One2many("maintenance.request", "property_category_id", string="Tickets")
    ticket_count = fields.Integer(compute="_compute_ticket_count", string="Tickets Count")
    ticket_open_count = fields.Integer(compute="_compute_ticket_count", string="Open Tickets")

    def _compute_ticket_count(self):
        data = self.env["maintenance.request"]._read_group(
            [("property_category_id", "in", self.ids)],
            ["property_category_id", "property_state"],
            ["__count"],
        )
        total, open_count = {}, {}
        for category, state, count in data:
            total[category.id] = total.get(category.id, 0) + count
            if state not in ("done", "cancelled"):
                open_count[category.id] = open_count.get(category.id, 0) + count
        for category in self:
            category.ticket_count = total.get(category.id, 0)
            category.ticket_open_count = open_count.get(category.id, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if (
            self.env["maintenance.request"]
            .sudo()
            .search_count([("property_category_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                self.env._("You cannot delete a category used by tickets; archive it instead.")
            )

    def action_view_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_maintenance.maintenance_request_action_property"
        )
        action["domain"] = [("property_category_id", "=", self.id)]
        action["context"] = {"default_property_category_id": self.id}
        return action

    def _get_sla(self, priority):
        """SLA targets of this category for a ticket priority (an empty record if none)."""
        self.ensure_one()
        return self.sla_ids.filtered(lambda sla: sla.priority == (priority or "0"))[:1]
