# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyLeaseKey(models.Model):
    """Key register: keys, access cards and remotes handed to a tenant and returned."""

    _name = "property.lease.key"
    _description = "Key or Card"
    _inherit = ["mail.thread"]
    _order = "lease_id, date_issued desc, id"
    _check_company_auto = True

    lease_id = fields.Many2one(
        "property.lease", required=True, ondelete="cascade", index=True, check_company=True
    )
    # the parent's company; the current company on a new record, so that the
    # company-checked choices of an empty "New" form find records
    company_id = fields.Many2one(
        "res.company", compute="_compute_company_id", store=True, index=True, precompute=True
    )
    partner_id = fields.Many2one(related="lease_id.partner_id", string="Tenant", store=True)
    unit_id = fields.Many2one(
        "property.unit", check_company=True, domain="[('id', 'in', unit_ids)]"
    )
    unit_ids = fields.Many2many(related="lease_id.unit_ids")
    key_type = fields.Selection(
        [
            ("key", "Key"),
            ("card", "Access Card"),
            ("fob", "Fob"),
            ("remote", "Remote Control"),
            ("mailbox", "Mailbox Key"),
            ("other", "Other"),
        ],
        required=True,
        default="key",
    )
    name = fields.Char(string="Label / Number", required=True)
    quantity = fields.Integer(default=1, required=True)
    date_issued = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    issued_by_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    date_returned = fields.Date(tracking=True)
    returned_to_id = fields.Many2one("res.users")
    lost = fields.Boolean(tracking=True)
    state = fields.Selection(
        [("issued", "Issued"), ("returned", "Returned"), ("lost", "Lost")],
        compute="_compute_state",
        store=True,
    )
    note = fields.Char()

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity must be positive."),
    ]

    @api.depends("lease_id.company_id")
    def _compute_company_id(self):
        for key in self:
            key.company_id = key.lease_id.company_id or self.env.company

    @api.depends("date_returned", "lost")
    def _compute_state(self):
        for key in self:
            key.state = "lost" if key.lost else "returned" if key.date_returned else "issued"

    @api.constrains("date_issued", "date_returned")
    def _check_dates(self):
        for key in self:
            if key.date_returned and key.date_returned < key.date_issued:
                raise ValidationError(
                    self.env._(
                        "%(key)s cannot be returned (%(returned)s) before it was issued "
                        "(%(issued)s).",
                        key=key.name,
                        returned=key.date_returned,
                        issued=key.date_issued,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        keys = super().create(vals_list)
        keys.lease_id._on_keys_issued(keys)
        return keys

    def action_return(self):
        self.filtered(lambda k: k.state == "issued").write(
            {
                "date_returned": fields.Date.context_today(self),
                "returned_to_id": self.env.user.id,
            }
        )
        return True
