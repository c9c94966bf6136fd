# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""18.0.1.2.0: property_billing depends on payment_custom and ships Odoo's wire transfer
provider enabled, so that "Pay Now" on the portal always offers a way to pay. Its data record
is `noupdate`: on an upgraded database the provider, installed disabled with payment_custom by
this upgrade, is enabled here. The shipped "Legal escalation" level (also `noupdate`) gets the
staff notification template when it has none."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    provider = env.ref("payment.payment_provider_transfer", raise_if_not_found=False)
    if provider and provider.code == "custom" and provider.state == "disabled":
        provider.write({"state": "enabled", "is_published": True})
    legal = env.ref("property_billing.dunning_level_legal", raise_if_not_found=False)
    if legal and not legal.notify_template_id:
        legal.notify_template_id = env.ref("property_billing.mail_template_dunning_staff")
