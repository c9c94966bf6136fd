# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PropertyReportExport(models.TransientModel):
    _name = "property.report.export"
    _description = "Export Property Reports to Excel"
    _check_company_auto = True

    report_type = fields.Selection(
        [
            ("rent_roll", "Rent Roll"),
            ("aging", "Arrears Aging"),
            ("tickets", "Ticket Statistics"),
        ],
        required=True,
        default="rent_roll",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    building_ids = fields.Many2many(
        "property.building",
        string="Buildings",
        check_company=True,
        domain="[('company_id', '=', company_id)]",
        help="Leave empty for all buildings of the company.",
    )
    date_from = fields.Date(
        string="From",
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
        help="Ticket statistics: first day of the period.",
    )
    date_to = fields.Date(
        string="Date",
        required=True,
        default=fields.Date.context_today,
        help="Rent roll and aging: the date the figures are taken at. Ticket statistics: last "
        "day of the period.",
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from and wizard.date_from > wizard.date_to:
                raise UserError(self.env._("The start date must be before the end date."))

    def _get_file(self):
        """(file name, xlsx bytes) of the chosen report."""
        self.ensure_one()
        Xlsx = self.env["property.report.xlsx"].with_company(self.company_id)
        buildings = self.building_ids
        if self.report_type == "rent_roll":
            data = Xlsx._rent_roll_xlsx(self.company_id, buildings, self.date_to)
            name = self.env._("Rent Roll %(date)s", date=self.date_to)
        elif self.report_type == "aging":
            data = Xlsx._aging_xlsx(self.company_id, buildings, self.date_to)
            name = self.env._("Arrears Aging %(date)s", date=self.date_to)
        else:
            data = Xlsx._ticket_xlsx(self.company_id, buildings, self.date_from, self.date_to)
            name = self.env._(
                "Ticket Statistics %(start)s - %(end)s", start=self.date_from, end=self.date_to
            )
        return f"{name}.xlsx", data

    def action_export(self):
        self.ensure_one()
        filename, data = self._get_file()
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "raw": data,
                "mimetype": XLSX_MIMETYPE,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------- scheduled mail
    @api.model
    def _report_recipients(self, company):
        """Property managers of the company who have an e-mail address."""
        group = self.env.ref("property_tenant.group_property_manager")
        return group.users.filtered(
            lambda user: (
                not user.share
                and user.active
                and user.email
                and company in user.company_ids
                and user.id != self.env.ref("base.user_root").id
            )
        )

    @api.model
    def _cron_email_reports(self):
        """Send the rent roll, the arrears aging and the ticket statistics of each company to
        its property managers, one e-mail per language. Runs in its own scheduled action,
        never inside the billing transaction; mails are queued (mail.mail) and sent by the
        mail queue."""
        Mail = self.env["mail.mail"].sudo()
        companies = self.env["property.building"].sudo().search([]).company_id
        today = fields.Date.context_today(self)
        for company in companies:
            users = self._report_recipients(company)
            for lang, lang_users in users.grouped(lambda u: u.lang or "en_US").items():
                # a system job: read as superuser, every query is scoped to `company`
                wizard_env = self.sudo().with_company(company).with_context(lang=lang)
                attachments = self.env["ir.attachment"]
                for report_type in ("rent_roll", "aging", "tickets"):
                    wizard = wizard_env.create(
                        {
                            "report_type": report_type,
                            "company_id": company.id,
                            "date_to": today,
                            "date_from": today.replace(month=1, day=1),
                        }
                    )
                    filename, data = wizard._get_file()
                    attachments |= (
                        self.env["ir.attachment"]
                        .sudo()
                        .create(
                            {
                                "name": filename,
                                "raw": data,
                                "mimetype": XLSX_MIMETYPE,
                                "res_model": "res.company",
                                "res_id": company.id,
                            }
                        )
                    )
                Mail.create(
                    {
                        "subject": wizard_env.env._(
                            "%(company)s: property reports of %(date)s",
                            company=company.name,
                            date=today,
                        ),
                        "body_html": Markup("<p>%s</p>")
                        % wizard_env.env._(
                            "Attached: the rent roll, the arrears aging and the ticket "
                            "statistics of %(company)s.",
                            company=company.name,
                        ),
                        "email_from": company.email_formatted
                        or self.env.ref("base.user_root").email_formatted,
                        "recipient_ids": [Command.set(lang_users.partner_id.ids)],
                        "attachment_ids": [Command.set(attachments.ids)],
                        "auto_delete": True,
                    }
                )
        return True
