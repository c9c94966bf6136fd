# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class PropertyNoticeWizard(models.TransientModel):
    _inherit = "property.notice.wizard"

    send_sms = fields.Boolean(
        string="Also by SMS",
        help="Send the text of the notice by SMS too (SMS Marketing, needs an SMS provider).",
    )

    def _prepare_notice_values(self):
        values = super()._prepare_notice_values()
        values["send_sms"] = self.send_sms
        return values
