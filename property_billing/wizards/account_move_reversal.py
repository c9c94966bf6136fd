# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMoveReversal(models.TransientModel):
    _inherit = "account.move.reversal"

    def _modify_default_reverse_values(self, origin_move):
        """ "Reverse and create invoice": the corrected invoice bills the same lease period
        (the reversed one has left the one-live-invoice-per-period index)."""
        return {
            **super()._modify_default_reverse_values(origin_move),
            **origin_move._property_reversal_values(),
        }
