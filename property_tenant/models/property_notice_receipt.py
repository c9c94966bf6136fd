# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class PropertyNoticeReceipt(models.Model):
    """A tenant to whom a notice was addressed, and when they read it on the portal."""

    _name = "property.notice.receipt"
    _description = "Notice Read Receipt"
    _order = "notice_id desc, read_date, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    notice_id = fields.Many2one(
        "property.notice", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="notice_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Tenant", required=True, ondelete="cascade", index=True
    )
    urgent = fields.Boolean(related="notice_id.urgent")
    email = fields.Char(related="partner_id.email")
    phone = fields.Char(related="partner_id.phone")
    read_date = fields.Datetime(string="Read On", readonly=True)
    is_read = fields.Boolean(string="Read", compute="_compute_is_read", store=True)

    _sql_constraints = [
        (
            "notice_partner_uniq",
            "unique(notice_id, partner_id)",
            "A tenant receives a notice once.",
        )
    ]

    @api.depends("read_date")
    def _compute_is_read(self):
        for receipt in self:
            receipt.is_read = bool(receipt.read_date)

    def _mark_read(self):
        """Record the first reading; called by the portal after its access check."""
        self.filtered(lambda r: not r.read_date).write({"read_date": fields.Datetime.now()})
