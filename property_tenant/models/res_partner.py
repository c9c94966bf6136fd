# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import single_email_re

from odoo.addons.phone_validation.tools.phone_validation import phone_parse

CN_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
ID_DOCUMENT_TYPES = [
    ("prc_resident_id", "PRC Resident ID"),
    ("passport", "Passport"),
    ("uscc", "Unified Social Credit Code"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_property_tenant = fields.Boolean(string="Is a Tenant", index=True)
    property_id_document_type = fields.Selection(
        ID_DOCUMENT_TYPES,
        string="ID Document Type",
        groups="property_tenant.group_property_user",
    )
    property_id_number = fields.Char(
        string="ID Number", index=True, copy=False, groups="property_tenant.group_property_user"
    )
    property_wechat = fields.Char(string="WeChat ID")
    property_legal_representative = fields.Char(
        string="Legal Representative",
        help="Legal representative (法定代表人) of a company tenant.",
        groups="property_tenant.group_property_user",
    )
    property_emergency_contact_ids = fields.One2many(
        "property.tenant.emergency.contact",
        "partner_id",
        string="Emergency Contacts",
        groups="property_tenant.group_property_user,property_tenant.group_property_technician",
    )
    property_document_ids = fields.One2many(
        "property.tenant.document",
        "partner_id",
        string="Identity Documents",
        groups="property_tenant.group_property_manager",
    )
    property_lease_ids = fields.One2many(
        "property.lease",
        "partner_id",
        string="Leases",
        groups="property_tenant.group_property_user",
    )
    property_lease_count = fields.Integer(
        compute="_compute_property_lease_count",
        string="Lease Count",
        groups="property_tenant.group_property_user",
    )
    property_current_lease_id = fields.Many2one(
        "property.lease",
        compute="_compute_property_current_lease_id",
        string="Current Lease",
        help="The running lease (else the one being signed or vetted) of the tenant.",
        groups="property_tenant.group_property_user",
    )
    property_current_unit_ids = fields.Many2many(
        "property.unit",
        compute="_compute_property_current_lease_id",
        string="Current Units",
        groups="property_tenant.group_property_user",
    )
    property_tenant_category_id = fields.Many2one(
        "property.tenant.category",
        string="Tenant Category",
        index="btree_not_null",
        groups="property_tenant.group_property_user",
        help="Company, individual... The category decides which custom fields the tenant has.",
    )
    property_tenant_properties = fields.Properties(
        string="Tenant Fields",
        definition="property_tenant_category_id.tenant_properties_definition",
        copy=True,
        groups="property_tenant.group_property_user",
    )

    @api.depends("property_lease_ids")
    def _compute_property_lease_count(self):
        counts = {
            partner.id: count
            for partner, count in self.env["property.lease"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        }
        for partner in self:
            partner.property_lease_count = counts.get(partner.id, 0)

    @api.model
    def _property_current_lease_states(self):
        """Lease states that make a lease the tenant's current one, by priority."""
        return ["active", "expiring", "deposit", "signature", "vetting"]

    @api.depends("property_lease_ids.state", "property_lease_ids.date_start")
    def _compute_property_current_lease_id(self):
        states = self._property_current_lease_states()
        leases = self.env["property.lease"].search(
            [("partner_id", "in", self.ids), ("state", "in", states)]
        )
        current = {}
        # the most advanced state first, the latest start within a state
        for lease in leases.sorted(
            lambda lease: (states.index(lease.state), -lease.date_start.toordinal())
        ):
            current.setdefault(lease.partner_id.id, lease)
        for partner in self:
            lease = current.get(partner.id, self.env["property.lease"])
            partner.property_current_lease_id = lease
            partner.property_current_unit_ids = lease.unit_ids

    # ---------------------------------------------------------------- validation
    def _is_property_tenant_contact(self):
        self.ensure_one()
        return self.is_property_tenant or self.parent_id.is_property_tenant

    def _property_country(self):
        self.ensure_one()
        return self.country_id or self.parent_id.country_id

    @api.model
    def _property_check_phone(self, number, country, label, owner):
        """Raise a ValidationError if ``number`` is not a valid phone number.

        Chinese mobile numbers must have 11 digits starting with 13-19; numbers of other
        countries are checked with phonenumbers (E.164) through phone_validation."""
        if not number:
            return
        compact = re.sub(r"[\s\-()]", "", number)
        if label == "mobile" and country.code == "CN":
            national = re.sub(r"^(\+86|0086)", "", compact)
            if not CN_MOBILE_RE.match(national):
                raise ValidationError(
                    self.env._(
                        "%(owner)s: %(number)s is not a valid Chinese mobile number "
                        "(11 digits starting with 13-19).",
                        owner=owner,
                        number=number,
                    )
                )
            return
        if not country and not compact.startswith("+"):
            return  # no country to interpret a national number with
        try:
            phone_parse(compact, country.code or None)
        except UserError as error:
            raise ValidationError(
                self.env._(
                    "%(owner)s: %(number)s is not a valid phone number (%(reason)s).",
                    owner=owner,
                    number=number,
                    reason=str(error),
                )
            ) from error

    @api.constrains("phone", "mobile", "country_id", "is_property_tenant", "parent_id")
    def _check_property_phone(self):
        for partner in self.filtered(lambda p: p._is_property_tenant_contact()):
            country = partner._property_country()
            for label in ("mobile", "phone"):
                partner._property_check_phone(partner[label], country, label, partner.display_name)

    @api.constrains("email", "is_property_tenant", "parent_id")
    def _check_property_email(self):
        for partner in self.filtered(lambda p: p.email and p._is_property_tenant_contact()):
            if not single_email_re.match(partner.email.strip()):
                raise ValidationError(
                    self.env._(
                        "%(partner)s: %(email)s is not a valid email address.",
                        partner=partner.display_name,
                        email=partner.email,
                    )
                )

    @api.model
    def _property_check_resident_id(self, number):
        """Check a PRC resident ID strictly (length, digits, birth date, check digit) with
        python-stdnum, and return a warning (or False) when only its region code is unknown.

        An ID keeps the region code of its issue for life, while stdnum checks the region
        against today's list: counties merged or renamed since are no reason to refuse it.
        Raises a ValidationError naming the wrong part."""
        number = ric.compact(number)
        if len(number) != 18:
            raise ValidationError(
                self.env._(
                    "%(number)s is not a valid PRC Resident ID: it must have 18 characters "
                    "(wrong number of characters: %(count)s).",
                    number=number,
                    count=len(number),
                )
            )
        if not number[:-1].isdigit() or not (number[-1].isdigit() or number[-1] == "X"):
            raise ValidationError(
                self.env._(
                    "%(number)s is not a valid PRC Resident ID: invalid characters (17 digits "
                    "and a last digit or X).",
                    number=number,
                )
            )
        try:
            birth_date = ric.get_birth_date(number)
        except StdnumError as error:
            raise ValidationError(
                self.env._(
                    "%(number)s is not a valid PRC Resident ID: the birth date %(date)s "
                    "(characters 7-14) is not a date.",
                    number=number,
                    date=number[6:14],
                )
            ) from error
        if birth_date > fields.Date.context_today(self) or birth_date.year < 1880:
            raise ValidationError(
                self.env._(
                    "%(number)s is not a valid PRC Resident ID: the birth date %(date)s "
                    "(characters 7-14) is not possible.",
                    number=number,
                    date=number[6:14],
                )
            )
        expected = ric.calc_check_digit(number)
        if number[-1] != expected:
            raise ValidationError(
                self.env._(
                    "%(number)s is not a valid PRC Resident ID: wrong check digit (the last "
                    "character should be %(expected)s; a typing error in the number?).",
                    number=number,
                    expected=expected,
                )
            )
        try:
            ric.get_birth_place(number)
        except StdnumError:
            return self.env._(
                "The region code %(code)s of ID %(number)s is not in today's list of regions: "
                "it may have been merged or renamed since the ID was issued. Check the ID "
                "card.",
                code=number[:6],
                number=number,
            )
        return False

    @api.onchange("property_id_number", "property_id_document_type")
    def _onchange_id_number_region(self):
        if self.property_id_document_type != "prc_resident_id" or not self.property_id_number:
            return None
        try:
            warning = self._property_check_resident_id(self.property_id_number)
        except ValidationError:
            return None  # the constraint says what is wrong on save
        if warning:
            return {"warning": {"title": self.env._("Unknown region"), "message": warning}}
        return None

    @api.constrains("property_id_number", "property_id_document_type", "company_id")
    def _check_id_number(self):
        for partner in self.sudo().filtered("property_id_number"):
            number = partner.property_id_number
            if partner.property_id_document_type == "prc_resident_id":
                try:
                    partner._property_check_resident_id(number)
                except ValidationError as error:
                    raise ValidationError(
                        self.env._(
                            "%(partner)s: %(reason)s",
                            partner=partner.display_name,
                            reason=error.args[0],
                        )
                    ) from error
            elif partner.property_id_document_type == "uscc":
                try:
                    uscc.validate(number)
                except StdnumError as error:
                    raise ValidationError(
                        self.env._(
                            "%(partner)s: %(number)s is not a valid %(type)s (%(reason)s).",
                            partner=partner.display_name,
                            number=number,
                            type=dict(
                                self._fields["property_id_document_type"]._description_selection(
                                    self.env
                                )
                            )[partner.property_id_document_type],
                            reason=partner._property_stdnum_reason(error),
                        )
                    ) from error
            # a partner without company is shared by all companies
            domain = [("id", "!=", partner.id), ("property_id_number", "=", number)]
            if partner.company_id:
                domain.append(("company_id", "in", (partner.company_id.id, False)))
            duplicate = self.with_context(active_test=False).sudo().search(domain, limit=1)
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "ID number %(number)s of %(partner)s is already registered for %(other)s.",
                        number=number,
                        partner=partner.display_name,
                        other=duplicate.display_name,
                    )
                )

    def _property_stdnum_reason(self, error):
        from stdnum.exceptions import (
            InvalidChecksum,
            InvalidComponent,
            InvalidFormat,
            InvalidLength,
        )

        reasons = [
            (InvalidChecksum, self.env._("wrong check digit")),
            (InvalidComponent, self.env._("invalid birth date or region")),
            (InvalidLength, self.env._("wrong number of characters")),
            (InvalidFormat, self.env._("invalid characters")),
        ]
        for error_class, reason in reasons:
            if isinstance(error, error_class):
                return reason
        return str(error)

    @api.model
    def _property_default_country(self):
        """Country of a new tenant: the current company's, so that phone numbers are
        checked (and formatted) as national numbers of that country."""
        return self.env.company.country_id

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            "country_id" in fields_list
            and not values.get("country_id")
            and values.get("is_property_tenant")
        ):
            values["country_id"] = self._property_default_country().id
        return values

    # -------------------------------------------------------------------- import
    @api.model
    def get_import_templates(self):
        templates = super().get_import_templates()
        if self.env.context.get("default_is_property_tenant"):
            templates = [
                {
                    "label": self.env._("Import Template for Tenants"),
                    "template": "/property_tenant/static/xls/property_tenant_import_template.xlsx",
                }
            ]
        return templates

    @api.model
    def load(self, fields, data):
        result = super().load(fields, data)
        if "is_property_tenant" in fields:
            self.env["property.import.mixin"]._property_number_import_messages(result)
        return result

    # ---------------------------------------------------------------------- CRUD
    @api.model
    def _property_normalize_vals(self, vals):
        if vals.get("property_id_number"):
            vals["property_id_number"] = re.sub(r"[\s\-]", "", vals["property_id_number"]).upper()
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._property_normalize_vals(vals) for vals in vals_list])

    def write(self, vals):
        res = super().write(self._property_normalize_vals(vals))
        if vals.get("active") is False:
            self._property_void_access_tokens()
        return res

    def _property_void_access_tokens(self):
        """An archived tenant's share links open nothing: void the access tokens of their
        (commercial entity's) leases. Other property addons extend it to their documents."""
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", self.commercial_partner_id.ids)])
        )
        self.env["property.lease"].sudo().search(
            [("partner_id", "in", partners.ids), ("access_token", "!=", False)]
        ).access_token = False
        return partners

    # ------------------------------------------------------------------ actions
    def _property_communication_domain(self):
        """Domain on mail.message gathering the communication with these tenants: messages on
        the tenants (and their contacts) and on their leases. Other property addons extend it
        (invoices, tickets) by OR-ing their own part onto super()'s result."""
        partners = self.with_context(active_test=False).search(
            [("id", "child_of", self.commercial_partner_id.ids)]
        )
        leases = self.env["property.lease"].search([("partner_id", "in", partners.ids)])
        return expression.AND(
            [
                [("message_type", "!=", "user_notification")],
                expression.OR(
                    [
                        [("model", "=", "res.partner"), ("res_id", "in", partners.ids)],
                        [("model", "=", "property.lease"), ("res_id", "in", leases.ids)],
                    ]
                ),
            ]
        )

    def action_view_property_communication(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Communication: %(tenant)s", tenant=self.display_name),
            "res_model": "mail.message",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("property_tenant.mail_message_view_list_property").id, "list"),
                (False, "form"),
            ],
            "domain": self._property_communication_domain(),
            "context": {"create": False},
        }

    def action_view_property_leases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_tenant.property_lease_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
