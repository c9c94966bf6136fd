# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    property_ignore_opt_out = fields.Boolean(
        string="Ignore Opt-out",
        help="Essential property notice: emailed to every recipient, also to those on the "
        "mail blacklist (who unsubscribed).",
    )
    property_notice_id = fields.Many2one(
        "property.notice", string="Notice", readonly=True, index="btree_not_null", copy=False
    )

    def _get_mass_mailing_context(self):
        context = super()._get_mass_mailing_context()
        if self.property_ignore_opt_out:
            # the composer then skips the blacklist check (mail.compose.message)
            context["default_use_exclusion_list"] = False
        return context

    def _get_opt_out_list(self):
        if self.property_ignore_opt_out:
            return []
        return super()._get_opt_out_list()
