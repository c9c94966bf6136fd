# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.misc import format_amount, format_date

from .property_rent_schedule_mixin import ONE_DAY
from .row_lock import lock_for_update

LEASE_STATES = [
    ("draft", "Draft"),
    ("vetting", "Vetting"),
    ("signature", "Awaiting Signature"),
    ("deposit", "Awaiting Deposit"),
    ("active", "Active"),
    ("expiring", "Expiring"),
    ("ended", "Ended"),
    ("terminated", "Terminated"),
    ("renewed", "Renewed"),
    ("cancel", "Cancelled"),
]
# States in which a lease holds its units: two such leases may not overlap on a unit
# (enforced by an exclusion constraint on property_lease_line).
BLOCKING_LEASE_STATES = ("signature", "deposit", "active", "expiring")
# States in which the tenant occupies the units.
OCCUPYING_LEASE_STATES = ("active", "expiring")
# States after which a lease's share link has no purpose: its access token is voided.
CLOSED_LEASE_STATES = ("ended", "terminated", "renewed", "cancel")
# amounts above this are typing errors, not rents or deposits (whatever the currency)
MAX_AMOUNT = 1e12
# Money and signatures of a lease: the tenant (portal, own leases only) and leasing staff read
# them; technicians, who read leases for the unit and the tenant's contact, do not.
LEASE_FINANCE_GROUPS = "base.group_portal,property_tenant.group_property_user"


class PropertyLease(models.Model):
    _name = "property.lease"
    _description = "Lease"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "property.import.mixin",
        "property.rent.schedule.mixin",
        "property.access.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Contract Number",
        required=True,
        copy=False,
        readonly=True,
        index="trigram",
        default=lambda self: self.env._("New"),
    )
    state = fields.Selection(
        LEASE_STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Tenant",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Leasing Officer",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    housekeeper_id = fields.Many2one("res.users", tracking=True, domain="[('share', '=', False)]")
    line_ids = fields.One2many("property.lease.line", "lease_id", string="Units", copy=True)
    lease_type_id = fields.Many2one(
        "property.lease.type",
        compute="_compute_lease_type_id",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        tracking=True,
        check_company=True,
        help="Residential, office, shop, parking... Defaults from the type of the first unit.",
    )
    lease_properties = fields.Properties(
        string="Lease Fields",
        definition="lease_type_id.lease_properties_definition",
        copy=True,
    )
    unit_ids = fields.Many2many(
        "property.unit",
        compute="_compute_unit_ids",
        search="_search_unit_ids",
        string="Leased Units",
    )
    building_id = fields.Many2one(
        "property.building", compute="_compute_building_id", store=True, index=True
    )
    total_area = fields.Float(string="Area (m²)", compute="_compute_total_area", store=True)
    date_start = fields.Date(string="Start Date", required=True, tracking=True, index=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True, index=True)
    rent_basis = fields.Selection(
        [
            ("unit", "Per unit per month"),
            ("m2", "Per m² per month"),
            ("m2_day", "Per m² per day"),
        ],
        default="unit",
        required=True,
        tracking=True,
        help="Per m² per day: each period is billed for its actual days (price x area x days).",
    )
    rent_price = fields.Monetary(required=True, tracking=True, groups=LEASE_FINANCE_GROUPS)
    monthly_rent = fields.Monetary(
        compute="_compute_monthly_rent",
        store=True,
        help="Rent of a full month before escalations; for a price per m² per day, of an "
        "average month (365 / 12 days).",
        groups=LEASE_FINANCE_GROUPS,
    )
    total_rent = fields.Monetary(
        compute="_compute_total_rent",
        help="Rent over the whole lease, escalations and rent-free periods applied.",
        groups=LEASE_FINANCE_GROUPS,
    )
    deposit_amount = fields.Monetary(string="Deposit", tracking=True, groups=LEASE_FINANCE_GROUPS)
    payment_cycle = fields.Selection(
        [
            ("monthly", "Monthly"),
            ("quarterly", "Quarterly"),
            ("half_yearly", "Half-yearly"),
            ("yearly", "Yearly"),
        ],
        default="monthly",
        required=True,
        tracking=True,
    )
    billing_alignment = fields.Selection(
        [("lease", "On the lease start date"), ("calendar", "On calendar periods")],
        default="lease",
        required=True,
        help="Lease: periods run from the start date (e.g. 15 Mar - 14 Jun). "
        "Calendar: periods follow calendar months/quarters/years; "
        "partial periods are prorated by day.",
    )
    due_type = fields.Selection(
        [("advance", "Days before the period starts"), ("day", "Fixed day of the month")],
        default="advance",
        required=True,
    )
    payment_days_before_period = fields.Integer(
        string="Payment Due Days in Advance",
        default=0,
        help="Rent is due this many days before each period.",
    )
    due_day = fields.Integer(
        default=1, help="Day of the first month of the period on which rent is due."
    )
    rent_free_ids = fields.One2many("property.lease.rent.free", "lease_id", copy=True)
    escalation_ids = fields.One2many(
        "property.lease.escalation", "lease_id", copy=True, groups=LEASE_FINANCE_GROUPS
    )
    schedule_line_ids = fields.One2many(
        "property.lease.schedule.line",
        "lease_id",
        string="Rent Schedule",
        readonly=True,
        groups=LEASE_FINANCE_GROUPS,
    )
    date_terminated = fields.Date(string="Termination Date", tracking=True, copy=False)
    termination_reason = fields.Text(copy=False)
    renewal_of_id = fields.Many2one("property.lease", copy=False, index=True)
    renewal_ids = fields.One2many("property.lease", "renewal_of_id", string="Renewals")
    renewal_id = fields.Many2one(
        "property.lease", compute="_compute_renewal_id", string="Renewed By"
    )
    key_ids = fields.One2many("property.lease.key", "lease_id", string="Keys and Cards")
    key_count = fields.Integer(compute="_compute_key_count", string="Keys Out")
    move_out_notes = fields.Html(string="Move-out Inspection", copy=False)
    signed_contract = fields.Binary(
        attachment=True, copy=False, help="Scan of the signed paper.", groups=LEASE_FINANCE_GROUPS
    )
    signed_contract_name = fields.Char(copy=False, groups=LEASE_FINANCE_GROUPS)
    signature = fields.Image(
        copy=False, attachment=True, max_width=1024, max_height=1024, groups=LEASE_FINANCE_GROUPS
    )
    signature_deadline = fields.Date(
        copy=False,
        tracking=True,
        help="Last day on which the signing link sent to the tenant may be used. Set when the "
        "lease is approved, from the company's signing link validity; extend it to resend.",
    )
    approved_by_id = fields.Many2one("res.users", copy=False, readonly=True, tracking=True)
    approved_on = fields.Datetime(copy=False, readonly=True)
    approval_manager_required = fields.Boolean(
        compute="_compute_approval_manager_required",
        help="The monthly rent is above the company's approval threshold: a Property Manager "
        "approves this lease.",
    )
    signed_by = fields.Char(copy=False)
    signed_on = fields.Datetime(copy=False)
    note = fields.Html()

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "The contract number must be unique per company.",
        ),
        ("dates_check", "CHECK(date_end > date_start)", "The lease must end after it starts."),
        ("rent_price_positive", "CHECK(rent_price >= 0)", "The rent price cannot be negative."),
        ("deposit_positive", "CHECK(deposit_amount >= 0)", "The deposit cannot be negative."),
        (
            "due_day_range",
            "CHECK(due_day BETWEEN 1 AND 31)",
            "The due day must be between 1 and 31.",
        ),
        (
            "payment_days_before_period_positive",
            "CHECK(payment_days_before_period >= 0)",
            "Days in advance cannot be negative.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("line_ids.unit_id")
    def _compute_unit_ids(self):
        for lease in self:
            lease.unit_ids = lease.line_ids.unit_id

    @api.depends("line_ids.unit_id.unit_type_id")
    def _compute_lease_type_id(self):
        for lease in self:
            if not lease.lease_type_id:
                lease.lease_type_id = lease._get_default_lease_type()

    def _get_default_lease_type(self):
        """Lease type of a lease that has none: the default of its first unit's type."""
        self.ensure_one()
        return self.line_ids.unit_id.unit_type_id.lease_type_id[:1]

    @api.depends("line_ids.unit_id.building_id")
    def _compute_building_id(self):
        for lease in self:
            lease.building_id = lease.line_ids.unit_id.building_id[:1]

    def _search_unit_ids(self, operator, value):
        return [("line_ids.unit_id", operator, value)]

    @api.depends("line_ids.area")
    def _compute_total_area(self):
        for lease in self:
            lease.total_area = sum(lease.line_ids.mapped("area"))

    @api.depends("rent_basis", "rent_price", "line_ids", "total_area")
    def _compute_monthly_rent(self):
        for lease in self:
            if lease.rent_basis == "m2_day":
                lease.monthly_rent = lease._get_monthly_rent_of(lease._get_base_rent())
                continue
            quantity = lease.total_area if lease.rent_basis == "m2" else len(lease.line_ids)
            lease.monthly_rent = lease.currency_id.round(lease.rent_price * quantity)

    @api.depends("monthly_rent", "company_id.property_lease_approval_amount")
    def _compute_approval_manager_required(self):
        for lease in self:
            lease.approval_manager_required = lease._approval_needs_manager()

    @api.depends("schedule_line_ids.amount")
    def _compute_total_rent(self):
        for lease in self:
            lease.total_rent = sum(lease.schedule_line_ids.mapped("amount"))

    @api.depends("key_ids.state", "key_ids.quantity")
    def _compute_key_count(self):
        for lease in self:
            # keys, cards and remotes in the tenant's hands: two front-door keys count two
            lease.key_count = sum(
                lease.key_ids.filtered(lambda k: k.state == "issued").mapped("quantity")
            )

    @api.depends("renewal_ids.state")
    def _compute_renewal_id(self):
        for lease in self:
            lease.renewal_id = lease.renewal_ids.sorted(lambda r: r.state == "cancel")[:1]

    # --------------------------------------------------------------- constraints
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for lease in self:
            if lease.date_start and lease.date_end and lease.date_end <= lease.date_start:
                raise ValidationError(
                    self.env._(
                        "Lease %(name)s: the end date %(end)s must be after the start date "
                        "%(start)s.",
                        name=lease.name,
                        end=lease.date_end,
                        start=lease.date_start,
                    )
                )

    @api.constrains("state", "date_start", "date_end")
    def _check_unit_overlap(self):
        self.filtered(
            lambda lease: lease.state in BLOCKING_LEASE_STATES
        ).line_ids.sudo()._check_unit_overlap()

    # ---------------------------------------------------------------------- CRUD
    @api.model
    def _check_vals_before_write(self, vals):
        """Refuse values the SQL constraints would refuse, with a readable message and before
        any SQL is sent (for create, the INSERT happens before Python constraints run)."""
        start, end = vals.get("date_start"), vals.get("date_end")
        if start and end and fields.Date.to_date(end) <= fields.Date.to_date(start):
            raise ValidationError(
                self.env._(
                    "The end date %(end)s of a lease must be after its start date %(start)s.",
                    end=end,
                    start=start,
                )
            )
        for fname in ("rent_price", "deposit_amount", "payment_days_before_period"):
            value = vals.get(fname) or 0
            label = self._fields[fname]._description_string(self.env)
            if not math.isfinite(value) or abs(value) > MAX_AMOUNT:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(value)s is not a plausible value.", field=label, value=value
                    )
                )
            if value < 0:
                raise ValidationError(self.env._("%(field)s cannot be negative.", field=label))
        if (vals.get("payment_days_before_period") or 0) > 366:
            raise ValidationError(
                self.env._(
                    "Days in advance: %(value)s is more than a year.",
                    value=vals["payment_days_before_period"],
                )
            )
        if vals.get("due_day") and not 1 <= vals["due_day"] <= 31:
            raise ValidationError(self.env._("The due day must be between 1 and 31."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_vals_before_write(vals)
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = self.env["ir.sequence"].with_company(company).next_by_code(
                    "property.lease"
                ) or self.env._("New")
        leases = super().create(vals_list)
        leases._update_schedule()
        return leases

    def write(self, vals):
        self._check_vals_before_write(vals)
        if vals.get("state") in CLOSED_LEASE_STATES:
            # the share link of a finished lease opens nothing any more
            vals = dict(vals, access_token=False)
        res = super().write(vals)
        if set(vals) & self._schedule_fields():
            self._update_schedule()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        for lease in self:
            if lease.state not in ("draft", "cancel"):
                raise UserError(
                    self.env._(
                        "Lease %(name)s is %(state)s: only draft or cancelled leases can be "
                        "deleted.",
                        name=lease.name,
                        state=dict(LEASE_STATES)[lease.state],
                    )
                )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for lease in self:
            lease.access_url = f"/my/leases/{lease.id}"
        return res

    @api.model
    def _property_import_templates(self):
        return [(self.env._("Import Template for Leases"), "property_lease_import_template.xlsx")]

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Lease Contract %(name)s", name=self.name).replace("/", "-")

    # ------------------------------------------------------------------ actions
    def _check_state(self, allowed):
        for lease in self:
            if lease.state not in allowed:
                raise UserError(
                    self.env._(
                        "Lease %(name)s is %(state)s; this step needs it to be %(allowed)s.",
                        name=lease.name,
                        state=dict(LEASE_STATES)[lease.state],
                        allowed=", ".join(dict(LEASE_STATES)[s] for s in allowed),
                    )
                )

    def action_submit(self):
        self._check_state(("draft",))
        for lease in self:
            if not lease.line_ids:
                raise UserError(self.env._("Lease %(name)s has no unit.", name=lease.name))
        self.write({"state": "vetting"})
        for lease in self:
            lease._schedule_step_activity(
                "property_tenant.mail_activity_type_lease_vetting",
                lease._get_vetting_user(),
                self.env._("Vet the application of %(tenant)s", tenant=lease.partner_id.name),
            )
        return True

    def _approval_needs_manager(self):
        """Whether approving this lease takes a Property Manager: always when the company's
        threshold is 0, else when the monthly rent is above it."""
        self.ensure_one()
        threshold = self.company_id.property_lease_approval_amount
        if not threshold:
            return True
        rent = self.sudo().monthly_rent
        return self.currency_id.compare_amounts(rent, threshold) > 0

    def _check_approval_rights(self):
        """A Property Manager approves any lease; a leasing officer those at or below the
        company's threshold. Checked by the caller's groups, never by context."""
        if self._property_is_manager():
            return
        if not self.env.user.has_group("property_tenant.group_property_user"):
            self._property_check_manager()
        for lease in self:
            if lease._approval_needs_manager():
                raise AccessError(
                    self.env._(
                        "Lease %(name)s needs a Property Manager's approval: its monthly rent "
                        "%(rent)s is above the approval threshold %(threshold)s.",
                        name=lease.name,
                        rent=format_amount(self.env, lease.sudo().monthly_rent, lease.currency_id),
                        threshold=format_amount(
                            self.env,
                            lease.company_id.property_lease_approval_amount,
                            lease.currency_id,
                        ),
                    )
                )

    def action_approve(self):
        self._check_approval_rights()
        self._check_state(("vetting",))
        self.write(
            {
                "state": "signature",
                "approved_by_id": self.env.user.id,
                "approved_on": fields.Datetime.now(),
            }
        )
        for lease in self:
            lease.message_post(
                body=self.env._(
                    "Application approved by %(user)s (%(role)s).",
                    user=self.env.user.name,
                    role=self.env._("Property Manager")
                    if self._property_is_manager()
                    else self.env._("leasing officer, below the approval threshold"),
                ),
                subtype_xmlid="mail.mt_note",
            )
        for lease in self:
            lease.signature_deadline = lease._get_signature_deadline()
        self.activity_feedback(["property_tenant.mail_activity_type_lease_vetting"])
        for lease in self:
            lease._schedule_step_activity(
                "property_tenant.mail_activity_type_lease_signature",
                lease.user_id,
                self.env._("Have the contract signed by %(tenant)s", tenant=lease.partner_id.name),
            )
            lease._notify_tenant("property_tenant.mail_template_lease_signature_request")
        return True

    def action_reject(self):
        self._property_check_manager()
        self._check_state(("vetting",))
        self.write({"state": "draft"})
        self.activity_unlink(["property_tenant.mail_activity_type_lease_vetting"])
        for lease in self:
            lease.message_post(
                body=self.env._("Application rejected by %(user)s.", user=self.env.user.name),
                partner_ids=lease.user_id.partner_id.ids,
            )
        return True

    def action_mark_signed(self):
        self._check_state(("signature",))
        self.write({"state": "deposit"})
        self.activity_feedback(["property_tenant.mail_activity_type_lease_signature"])
        for lease in self:
            lease._schedule_step_activity(
                "property_tenant.mail_activity_type_lease_deposit",
                lease.user_id,
                self.env._("Collect the deposit of %(tenant)s", tenant=lease.partner_id.name),
            )
        self._on_awaiting_deposit()
        return True

    def _on_awaiting_deposit(self):
        """Hook: the billing addon issues the deposit and first rent invoices here."""
        return True

    def action_activate(self):
        """Deposit received: the lease starts. Managers do it by hand; the billing addon
        calls it in sudo once the onboarding invoices are paid."""
        if not self.env.su:
            self._property_check_manager()
        self._check_state(("deposit",))
        self.write({"state": "active"})
        self.activity_feedback(["property_tenant.mail_activity_type_lease_deposit"])
        for lease in self:
            lease._schedule_step_activity(
                "property_tenant.mail_activity_type_key_handover",
                lease.housekeeper_id or lease.user_id,
                self.env._(
                    "Hand over the keys of %(units)s to %(tenant)s",
                    units=", ".join(lease.unit_ids.mapped("display_name")),
                    tenant=lease.partner_id.name,
                ),
                date_deadline=max(lease.date_start, fields.Date.context_today(lease)),
            )
            lease._notify_tenant("property_tenant.mail_template_lease_welcome")
        return True

    def action_cancel(self):
        self._check_state(("draft", "vetting", "signature", "deposit"))
        self.write({"state": "cancel"})
        self.activity_unlink(self._step_activity_types())
        return True

    def action_draft(self):
        self._check_state(("cancel",))
        self.write({"state": "draft"})
        return True

    def action_terminate(self):
        self.ensure_one()
        self._property_check_manager()
        self._check_state(("active", "expiring"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Terminate Lease"),
            "res_model": "property.lease.terminate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lease_id": self.id},
        }

    def action_renew(self):
        """Create the follow-up lease, starting the day after this one ends, as a draft."""
        self.ensure_one()
        self._check_state(("active", "expiring"))
        if self.renewal_id and self.renewal_id.state != "cancel":
            raise UserError(
                self.env._(
                    "Lease %(name)s is already renewed by %(renewal)s.",
                    name=self.name,
                    renewal=self.renewal_id.name,
                )
            )
        duration = relativedelta(self.date_end + ONE_DAY, self.date_start)
        date_start = self.date_end + ONE_DAY
        renewal = self.copy(
            {
                "renewal_of_id": self.id,
                "date_start": date_start,
                "date_end": date_start + duration - ONE_DAY,
                "rent_free_ids": [],
                "escalation_ids": [],
                "user_id": self.env.user.id,
            }
        )
        self.message_post(
            body=self.env._("Renewal %(renewal)s created.", renewal=renewal._get_html_link())
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "property.lease",
            "res_id": renewal.id,
            "view_mode": "form",
        }

    def _on_keys_issued(self, keys):
        """Keys logged on a running lease: its key handover to-do is done."""
        running = self.filtered(lambda lease: lease.state in OCCUPYING_LEASE_STATES)
        for lease in running:
            issued = keys.filtered(lambda key, lease=lease: key.lease_id == lease)
            lease.activity_feedback(
                ["property_tenant.mail_activity_type_key_handover"],
                feedback=self.env._(
                    "Handed over: %(keys)s",
                    keys=", ".join(f"{key.quantity} x {key.name}" for key in issued),
                ),
            )
        return True

    def action_preview_contract(self):
        """The contract as a web page in the backend, to read it before printing."""
        self.ensure_one()
        report = self.env.ref("property_tenant.property_lease_contract_report")
        action = report.report_action(self, config=False)
        action["report_type"] = "qweb-html"
        return action

    def action_view_keys(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_tenant.property_lease_key_action"
        )
        action["domain"] = [("lease_id", "=", self.id)]
        action["context"] = {"default_lease_id": self.id}
        return action

    # ------------------------------------------------------------- onboarding
    @api.model
    def _step_activity_types(self):
        return [
            "property_tenant.mail_activity_type_lease_vetting",
            "property_tenant.mail_activity_type_lease_signature",
            "property_tenant.mail_activity_type_lease_deposit",
        ]

    def _get_tenant_lang(self):
        """The language the tenant reads their documents in."""
        self.ensure_one()
        return self.partner_id.lang or self.env.lang

    def _get_period_label(self, date_start, date_end):
        """A period as the tenant reads it: both dates in their language's format."""
        self.ensure_one()
        lang = self._get_tenant_lang()
        start = format_date(self.env, date_start, lang_code=lang)
        end = format_date(self.env, date_end, lang_code=lang)
        return f"{start} - {end}"

    def _get_vetting_user(self):
        """The Property Manager who vets: the building manager, else the first manager of
        the company."""
        self.ensure_one()
        manager_group = self.env.ref("property_tenant.group_property_manager")
        manager = self.building_id.manager_id
        if manager and manager.has_group("property_tenant.group_property_manager"):
            return manager
        return self.env["res.users"].search(
            [
                ("groups_id", "in", manager_group.ids),
                ("company_ids", "in", self.company_id.ids),
                ("share", "=", False),
                ("id", "!=", self.env.ref("base.user_root").id),
            ],
            order="id",
            limit=1,
        )

    def _schedule_step_activity(self, act_type_xmlid, user, summary, date_deadline=None):
        self.ensure_one()
        if not user:
            return self.env["mail.activity"]
        return self.sudo().activity_schedule(
            act_type_xmlid,
            date_deadline=date_deadline,
            summary=summary,
            user_id=user.id,
        )

    def _notify_tenant(self, template_xmlid):
        """Email the tenant (a copy stays on the lease's chatter)."""
        self.ensure_one()
        if not self.partner_id.email:
            return
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if template:
            self.sudo().message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )

    # ------------------------------------------------------------------ portal
    def _get_signature_deadline(self):
        """Last day of validity of the signing link (none when the company sets 0 days)."""
        self.ensure_one()
        days = self.company_id.property_signature_link_days
        return fields.Date.context_today(self) + timedelta(days=days) if days > 0 else False

    def _signature_link_expired(self):
        self.ensure_one()
        return bool(
            self.signature_deadline and self.signature_deadline < fields.Date.context_today(self)
        )

    @api.model
    def _portal_apply(self, partner, vals, note, max_open, author):
        """Create a tenant's application from the portal (called in sudo by the portal route,
        with values it whitelisted), at most ``max_open`` in vetting per tenant.

        The tenant's row is locked before counting, so two simultaneous applications of one
        tenant are serialised and the cap holds under concurrency."""
        lock_for_update(partner)
        if self.search_count([("partner_id", "=", partner.id), ("state", "=", "vetting")]) >= (
            max_open
        ):
            raise UserError(self.env._("You already have applications being reviewed."))
        with self.env.cr.savepoint():
            lease = self.create(vals)
            lease.message_post(
                author_id=author.id,
                body=self.env._(
                    "Application submitted from the portal. Message from the applicant: %(note)s",
                    note=(note or "-")[:2000],
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            lease.action_submit()
        return lease

    # --------------------------------------------------------------- lifecycle
    @api.model
    def _cron_update_states(self):
        """Daily: terminations reaching their date, ends (ended or renewed) and the
        'expiring' notice window."""
        today = fields.Date.context_today(self)
        to_terminate = self.search(
            [
                ("state", "in", ("active", "expiring")),
                ("date_terminated", "!=", False),
                ("date_terminated", "<=", today),
            ]
        )
        to_terminate.write({"state": "terminated"})
        finished = self.search([("state", "in", ("active", "expiring")), ("date_end", "<", today)])
        renewed = finished.filtered(
            lambda lease: (
                lease.renewal_id.state in ("signature", "deposit", "active", "expiring", "ended")
            )
        )
        renewed.write({"state": "renewed"})
        (finished - renewed).write({"state": "ended"})
        expiring = self.browse()
        for company in self.env["res.company"].sudo().search([]):
            limit = today + timedelta(days=company.property_expiry_notice_days)
            expiring |= self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "active"),
                    ("date_end", "<=", limit),
                ]
            )
        # the renewal to-do is the shipped automation rule "lease ending in 60 days"
        # (data/base_automation_data.xml), which a manager edits without code
        expiring.write({"state": "expiring"})
        return True

    def action_compute_schedule(self):
        self._update_schedule()
        return True

    # --------------------------------------------------------- rent schedule
    @api.model
    def _schedule_fields(self):
        return {
            "date_start",
            "date_end",
            "rent_basis",
            "rent_price",
            "line_ids",
            "payment_cycle",
            "billing_alignment",
            "due_type",
            "payment_days_before_period",
            "due_day",
            "rent_free_ids",
            "escalation_ids",
            "date_terminated",
        }

    def _update_schedule(self):
        Line = self.env["property.lease.schedule.line"].sudo()
        Line.search([("lease_id", "in", self.ids)]).unlink()
        vals_list = []
        for lease in self:
            vals_list += [dict(vals, lease_id=lease.id) for vals in lease._get_rent_schedule()]
        Line.create(vals_list)
