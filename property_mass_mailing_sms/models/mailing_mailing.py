# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    def _send_sms_get_composer_values(self, res_ids):
        values = super()._send_sms_get_composer_values(res_ids)
        if self.property_ignore_opt_out:
            # essential notice: the phone blacklist is not applied, no STOP link
            values.update(mass_use_blacklist=False, mass_sms_allow_unsubscribe=False)
        return values

    def _get_opt_out_list_sms(self):
        if self.property_ignore_opt_out:
            return []
        return super()._get_opt_out_list_sms()
