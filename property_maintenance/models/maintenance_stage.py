# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from .maintenance_request import TICKET_STATES

# core stages flagged with the ticket status they hold when the addon is installed
DEFAULT_STAGE_STATES = {
    "maintenance.stage_0": "new",
    "maintenance.stage_1": "in_progress",
    "maintenance.stage_3": "done",
}


class MaintenanceStage(models.Model):
    _inherit = "maintenance.stage"

    property_state = fields.Selection(
        TICKET_STATES,
        string="Ticket Status",
        help="The status of a service ticket in this stage. Moving a card to this stage "
        "moves the ticket to this status through its workflow, with the same checks as "
        "the ticket's buttons. Assigned tickets share the stage of New ones, En Route "
        "tickets the stage of In Progress ones. A stage without a status takes no ticket.",
    )

    @api.model
    def _property_init_states(self):
        """Flag the core stages with their ticket status, unless a stage already holds
        that status (run on install and update: an administrator's choice stays)."""
        for xmlid, state in DEFAULT_STAGE_STATES.items():
            if self.search_count([("property_state", "=", state)], limit=1):
                continue
            stage = self.env.ref(xmlid, raise_if_not_found=False)
            if stage and not stage.property_state:
                stage.property_state = state
