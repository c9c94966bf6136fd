# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MaintenanceTeam(models.Model):
    _inherit = "maintenance.team"

    property_assignment_rule = fields.Selection(
        [
            ("manual", "Manual"),
            ("round_robin", "Round-robin"),
            ("least_open", "Least open tickets"),
        ],
        string="Assignment Rule",
        default="round_robin",
        required=True,
        help="How new service tickets are assigned to the team's available technicians.",
    )
    property_last_assignee_id = fields.Many2one(
        "res.users", string="Last Assignee", readonly=True, copy=False
    )
    property_leader_id = fields.Many2one(
        "res.users",
        string="Team Leader",
        domain="[('share', '=', False)]",
        help="Receives SLA escalations of the team's tickets.",
    )
    property_category_ids = fields.One2many(
        "property.ticket.category", "team_id", string="Ticket Categories"
    )

    def _property_pick_technician(self, candidates):
        """Choose one of ``candidates`` (available users) by the team's rule.

        Round-robin walks the candidates in id order, starting after the last assignee;
        least-open picks the candidate with the fewest open tickets (ties by round-robin).
        """
        self.ensure_one()
        candidates = candidates.sorted("id")
        if not candidates or self.property_assignment_rule == "manual":
            return self.env["res.users"]
        last_id = self.property_last_assignee_id.id or 0
        after = candidates.filtered(lambda user: user.id > last_id)
        rotation = after + (candidates - after)
        if self.property_assignment_rule == "least_open":
            counts = dict(
                self.env["maintenance.request"]
                .sudo()
                ._read_group(
                    [
                        ("user_id", "in", candidates.ids),
                        ("property_state", "in", ("assigned", "en_route", "in_progress")),
                    ],
                    ["user_id"],
                    ["__count"],
                )
            )
            least = min(counts.get(user, 0) for user in rotation)
            rotation = rotation.filtered(lambda user: counts.get(user, 0) == least)
        return rotation[:1]
